import { describe, expect, it } from 'vitest';
import { canonicalRecipient, extractRecipients, kinhGuiAt, recipientOf } from '../../../src/stages/extract/recipients.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { rng } from '../../helpers/noise.js';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';
import { addresseeTail, withoutRepeats } from '../../../src/stages/extract/recipient-fragments.js';

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));
const ctx = { province: 'Đắk Lắk', locality: 'tỉnh Đắk Lắk', issuer: 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk' };
const BODY = 'Triển khai Kế hoạch số 273/KH-UBND ngày 1 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh, Sở đề nghị:';

describe('Kính gửi list read through OCR damage', () => {
  it('keeps reading after an inline entry ended by ";"', () => {
    const r = extractRecipients(lines(['Kính gửi: - UBND các huyện, thị xã, thành phố;', 'Sở Tài chính;', BODY]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk', 'Sở Tài chính tỉnh Đắk Lắk']);
    expect(r.repaired).toBe(false);
  });
  it('skips arrival-stamp debris between entries and reads an entry merged into a stamp line', () => {
    const ls = lines([
      'Kính gửi: - Sỏ Thông tin và Truyền thông:', '-', 'LYOCN 02-12-2021', 'UộND các huyện, thị xã, thành phố;',
      'ĐẾN 21-12-2021 Các tơ quan, đơn vị thuộc SỞ.', BODY,
    ]);
    const r = extractRecipients(ls, 0, ctx, new Set([4]));
    expect(r.repaired).toBe(true);
    expect(r.recipients).toEqual([
      'Sở Thông tin và Truyền thông tỉnh Đắk Lắk', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk',
      'Các cơ quan, đơn vị thuộc Sở Thông tin và Truyền thông tỉnh Đắk Lắk',
    ]);
  });
  it('stops at the body (no stamp debris skipping outside an open list)', () => {
    const r = extractRecipients(lines(['Kính gửi: Sở Nội vụ.', 'Số: 12', 'UBND các huyện tổ chức thực hiện.']), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk']);
  });
  it('finds "Kính gửi" with its first letter lost', () => {
    expect(kinhGuiAt(lines(['ính gửi: UBND các huyện'])[0]!)).toBe(0);
    expect(kinhGuiAt(lines(['tính gửi theo đường bưu điện'])[0]!)).toBe(-1);
    expect(kinhGuiAt(lines(['Sinh gửi: UBND các huyện'])[0]!)).toBe(0);
  });
});

describe('recipient names with a letter misread', () => {
  it.each([
    ['- UBND tác huyện, thị xã, thành phố;', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk'],
    ['- Sở Thổ g tin và Truyền thông:', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
    ['- Sở Tài chánh;', 'Sở Tài chính tỉnh Đắk Lắk'],
  ])('%s, flagged', (printed, canonical) => {
    expect(recipientOf(printed, ctx)).toEqual({ text: canonical, repaired: true });
  });
  it.each([
    ['- Sở Tài chinh;', 'Sở Tài chính tỉnh Đắk Lắk'],
    ['- Sở Giáo dục và Đào tạo;', 'Sở Giáo dục và Đào tạo tỉnh Đắk Lắk'],
    ['- Sở Công Thương;', 'Sở Công Thương tỉnh Đắk Lắk'],
    ['- Sở Ngoại vụ;', 'Sở Ngoại vụ tỉnh Đắk Lắk'],
    ['- Sở Xây dựng;', 'Sở Xây dựng tỉnh Đắk Lắk'],
    ['- Sở Du lịch;', 'Sở Du lịch tỉnh Đắk Lắk'],
    ['- UBND các huyện, thị xã, thành phố;', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk'],
    ['- UBND cac huyen, thi xa, thanh pho;', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk'],
  ])('reads %s as printed (marks only restored), unflagged', (printed, canonical) => {
    expect(recipientOf(printed, ctx)).toEqual({ text: canonical, repaired: false });
  });
  it('never turns a department it does not know into another one', () => {
    expect(recipientOf('- Sở Dân tộc;', ctx).text).not.toMatch(/Sở (?!Dân tộc)/u);
  });
  it('keeps names it cannot place', () => {
    expect(canonicalRecipient('- Trung tâm Y tế huyện;', ctx)).toBe('Trung tâm Y tế huyện');
  });
  it('recovers a standard collective with one letter substituted or lost (seeded), and flags it', () => {
    const phrase = 'các huyện, thị xã, thành phố';
    const letters = [...phrase].map((c, i) => (/\p{L}/u.test(c) ? i : -1)).filter((i) => i >= 0);
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const at = letters[Math.floor(r() * letters.length)]!;
      const other = 'bdgklmnpqrstv'.replace(phrase[at]!, '');
      const swap = r() < 0.5 ? '' : other[Math.floor(r() * other.length)]!;
      const printed = `- UBND ${phrase.slice(0, at)}${swap}${phrase.slice(at + 1)};`;
      expect(recipientOf(printed, ctx), printed).toEqual({
        text: 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk', repaired: true,
      });
    }
  });
  it('sends a repaired list to review with a lower confidence', () => {
    const letter = (entry: string): string[] => [
      'UBND TỈNH ĐẮK LẮK', 'SỞ NỘI VỤ', 'Số: 12/SNV-VP', 'V/v cải cách hành chính', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc', 'Đắk Lắk, ngày 03 tháng 3 năm 2023', 'Kính gửi:', entry, '- Sở Tài chính.',
      'Sở Nội vụ đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, VP.', 'GIÁM ĐỐC', 'Lê Văn Hùng',
    ];
    const now = new Date('2026-01-01T00:00:00Z');
    const [bad] = extractDocuments([page(1, letter('- UBND tác huyện, thị xã, thành phố;'))], { now });
    expect(bad!.recipients[0]).toBe('Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk');
    expect(bad!.needsReview).toContain('recipients');
    expect(bad!.confidence.recipients).toBeLessThan(0.7);
    const [good] = extractDocuments([page(1, letter('- UBND các huyện, thị xã, thành phố;'))], { now });
    expect(good!.needsReview).not.toContain('recipients');
    expect(good!.confidence.recipients).toBeGreaterThan(0.8);
  });
});

describe('Kính gửi entries whose start was lost', () => {
  it('reads the tail of a standard addressee, flagged', () => {
    const ls = lines(['Kính gửi: - Sở Nội vụ;', 'Sc', 'uyến: .Ð/c Hưng... - Sở Tài chính;', 'quan, đơn vị thuộc Sở.', BODY]);
    const r = extractRecipients(ls, 0, ctx, new Set());
    expect(r.recipients).toEqual([
      'Sở Nội vụ tỉnh Đắk Lắk', 'Sở Tài chính tỉnh Đắk Lắk', 'Các cơ quan, đơn vị thuộc Sở Thông tin và Truyền thông tỉnh Đắk Lắk',
    ]);
    expect(r.repaired).toBe(true);
  });
  it('gives a collective that lost its "UBND" its head, skipping a body word read between entries', () => {
    const r = extractRecipients(lines(['Kính gửi: - Sở Nội vụ:', 'Thực hiện', 'các huyện, thị xã, thành phố..', BODY]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk']);
    expect(r.repaired).toBe(true);
  });
  it('does not take a sentence ending on an addressee for an entry', () => {
    const r = extractRecipients(lines(['Kính gửi: Sở Nội vụ;', 'giao cho các phòng tham mưu UBND các huyện, thị xã, thành phố.']), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk']);
  });
  it('reads a letter\'s list whose "Kính gửi" label was lost, only for a letter, flagged', () => {
    const ls = lines(['Sở Tài chính;', 'ác huyện, thị xã, thành phố.', BODY]);
    const r = extractRecipients(ls, 0, { ...ctx, letter: true }, new Set());
    expect(r.recipients).toEqual(['Sở Tài chính tỉnh Đắk Lắk', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk']);
    expect(r.repaired).toBe(true);
    expect(extractRecipients(ls, 0, ctx, new Set()).recipients).toEqual([]);
    expect(extractRecipients(lines([BODY]), 0, { ...ctx, letter: true }, new Set()).recipients).toEqual([]);
  });
});

describe('Kính gửi entries read twice or with a place lost', () => {
  it('drops the repeats of a line whose words were read twice, interleaved', () => {
    expect(withoutRepeats('| ĐẾN 25-12-2018 các ác huyện, huyện, thị thị xã, xã, thành thành phố phố.')).toBe('| ĐẾN 25-12-2018 các ác huyện, thị xã, thành phố.');
    expect(withoutRepeats('các huyện, thị xã')).toBe('các huyện, thị xã');
  });
  it('reads an entry merged into an arrival-stamp line whose words were read twice, flagged', () => {
    const ls = lines(['Kính gửi: - Sở Thông tin và Truyền thông:', '| ĐẾN 25-12-2018 các ác huyện, huyện, thị thị xã, xã, thành thành phố phố.', BODY]);
    const r = extractRecipients(ls, 0, ctx, new Set([1]));
    expect(r.recipients).toEqual(['Sở Thông tin và Truyền thông tỉnh Đắk Lắk', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk']);
    expect(r.repaired).toBe(true);
  });
  it('completes a collective that lost a place when the body prints it whole, else keeps it', () => {
    const head = ['ính gửi: UBND các', 'thị xã, thành phố'];
    const whole = extractRecipients(lines([...head, 'Sở Nội vụ đề nghị UBND các huyện, thị xã, thành phố thực hiện tốt các nội dung sau:']), 0, ctx, new Set());
    expect(whole.recipients).toEqual(['Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk']);
    expect(whole.repaired).toBe(true);
    const kept = extractRecipients(lines([...head, 'Sở Nội vụ đề nghị các đơn vị thực hiện tốt các nội dung sau:']), 0, ctx, new Set());
    expect(kept.recipients).toEqual(['Ủy ban nhân dân các thị xã, thành phố thuộc tỉnh Đắk Lắk']);
  });
});

describe('lines after the last open entry', () => {
  const body = 'Sở Tài chính đề nghị các đơn vị triển khai thực hiện tốt các nội dung trên./.';
  it.each([
    [['Yêu cầu:', '- Rà soát, báo cáo số liệu trước ngày 15/3/2021;', '- Gửi báo cáo về Sở Tài chính./.']],
    [['Căn cứ:', '- Luật Ngân sách nhà nước năm 2015;', body]],
    [['Đề nghị:', '- Tổ chức triển khai đúng hạn;', '- Báo cáo kết quả về Sở.', body]],
  ])('stops at a body heading and its dash list: %j', (rest) => {
    const r = extractRecipients(lines(['Kính gửi:', '- Sở Nội vụ;', '- Sở Y tế;', ...rest]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk', 'Sở Y tế tỉnh Đắk Lắk']);
  });
  it('skips a short line between entries only before another addressee, flagged', () => {
    const r = extractRecipients(lines(['Kính gửi:', '- Sở Nội vụ;', 'Sc', '- Sở Y tế.', BODY]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk', 'Sở Y tế tỉnh Đắk Lắk']);
    expect(r.repaired).toBe(true);
  });
});

describe('"thuộc" a body', () => {
  it('names the issuer only when the issuer is that kind of body', () => {
    const sở = { ...ctx, issuer: 'Sở Tài chính tỉnh Đắk Lắk' };
    expect(canonicalRecipient('- Các phòng, ban thuộc UBND thị xã;', sở)).not.toContain('Sở Tài chính');
    expect(canonicalRecipient('- Các phòng, ban thuộc Sở;', sở)).toBe('Các phòng, ban thuộc Sở Tài chính tỉnh Đắk Lắk');
  });
});

describe('collectives kept as printed', () => {
  it.each([
    ['- UBND các xã, thị trấn.', 'UBND các xã, phường, thị trấn', 'Ủy ban nhân dân các xã, thị trấn thuộc tỉnh Đắk Lắk'],
    ['- UBND các thị xã, thành phố.', 'UBND các huyện, thị xã, thành phố', 'Ủy ban nhân dân các thị xã, thành phố thuộc tỉnh Đắk Lắk'],
  ])('keeps a clean %s though the body prints a longer collective', (entry, longer, want) => {
    const r = extractRecipients(lines(['Kính gửi:', '- Sở Nội vụ;', entry, `Đề nghị ${longer} báo cáo kết quả./.`]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk', want]);
    expect(r.repaired).toBe(false);
  });
});

describe('addressee tails', () => {
  it.each([
    'Bộ Tài chính;', 'Bộ Xây dựng;', 'Bộ Công Thương.', // a ministry, not the Sở of that name
    'Trung tâm Công nghệ thông tin và Truyền thông.', // ends with a department's name
    'UBND các quận, huyện, thị xã.', // another collective
  ])('does not take %s for a Sở or a collective it ends like', (line) => {
    expect(addresseeTail(line) ?? '').not.toMatch(/^Sở |^UBND các huyện/);
  });
  it('reads a collective with its wards and districts whole', () => {
    expect(addresseeTail('- UBND các quận, huyện, thị xã, thành phố.')).toBe('UBND các quận, huyện, thị xã, thành phố');
  });
  it('keeps "Bộ Tài chính" after an open entry', () => {
    const r = extractRecipients(lines(['Kính gửi:', '- Bộ Nội vụ;', 'Bộ Tài chính.', BODY]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Bộ Nội vụ', 'Bộ Tài chính']);
  });
  it.each([
    ['ác huyện, thị xã, thành phố;', 'UBND các huyện, thị xã, thành phố'],
    ['ông tin và Truyền thông:', 'Sở Thông tin và Truyền thông'],
    ['| ĐẾN 25-12-2018 ác tỉnh, thành phố trực thuộc Trung ương', 'UBND các tỉnh, thành phố trực thuộc Trung ương'],
    ['Sở Y tế;', 'Sở Y tế'],
  ])('%s → %s', (line, whole) => {
    expect(addresseeTail(line)).toBe(whole);
  });
  it.each([
    'Thực hiện Công văn số 12/UBND-VX của UBND các huyện, thị xã, thành phố;', // a sentence
    'tài chính;', // too short a tail to name one body
    'Sở đề nghị các huyện thực hiện;',
  ])('rejects %s', (line) => {
    expect(addresseeTail(line)).toBeNull();
  });
});
