import { describe, expect, it } from 'vitest';
import { extractSigner, impliedTitle, parseName, parseTitle, repairSurname } from '../../../src/stages/extract/signer.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { noiseLine, rng } from '../../helpers/noise.js';

function noisyText(block: string[], seed: number): string[] {
  const r = rng(seed);
  // heavy character noise on every line, and seal/signature specks between the title and the name
  return [noiseLine(block[0]!, r, 2), noiseLine(block[1]!, r, 2), ...(r() < 0.5 ? ['ˆ', '<'] : []), noiseLine(block[2]!, r, 2)];
}

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));
const footer = (block: string[]) => lines(['Đề nghị các đơn vị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, KGVX.', ...block]);

describe('family names repaired from the list', () => {
  it.each([
    ['N guyễn Tiến Lộc', 'Nguyễn Tiến Lộc'],
    ['Đ ặng Thị Hoa', 'Đặng Thị Hoa'],
    ['guyến Công Khải', 'Nguyễn Công Khải'],
    ['oàng Minh Tuấn', 'Hoàng Minh Tuấn'],
  ])('a split or lost first letter: %s → %s, flagged', (read, name) => {
    expect(repairSurname(read)).toEqual({ name, repaired: true, doubtful: false });
  });
  it.each([
    'Giàng Seo Phử', 'Lường Văn Hoan', 'Tòng Thị Phóng', 'Lò Văn Giàng', 'Sùng A Páo', 'Thào Mí Dế', 'Cầm Bá Xuân',
    'Hoàng Bá Tuệ', 'Y Bliêng Rơ Mah', 'Đàm Văn Cường',
  ])('a real family name is kept as read, unflagged: %s', (name) => {
    expect(repairSurname(name)).toEqual({ name, repaired: false, doubtful: false });
  });
  it.each([
    ['Trấn Minh Phúc', 'Trần Minh Phúc'],
    ['Hậu Văn An', 'Hầu Văn An'],
    ['Lệ Văn Bình', 'Lê Văn Bình'],
    ['Nguyen Văn Lượng', 'Nguyễn Văn Lượng'],
  ])('a listed name read with other marks takes its one listed spelling, flagged doubtful: %s → %s', (read, name) => {
    expect(repairSurname(read)).toEqual({ name, repaired: true, doubtful: true });
  });
  it.each(['Giãng Seo Phử', 'Lưởng Văn Hoan'])('marks are not changed where several listed names differ only by them: %s', (name) => {
    expect(repairSurname(name)).toEqual({ name, repaired: false, doubtful: true });
  });
  it('reads a lone "V" opening a name as the "Y" of Ê Đê names, flagged doubtful', () => {
    expect(repairSurname('V Blin Ayun')).toEqual({ name: 'Y Blin Ayun', repaired: true, doubtful: true });
    expect(repairSurname('Y Blin Ayun')).toEqual({ name: 'Y Blin Ayun', repaired: false, doubtful: false });
    expect(repairSurname('Vũ Văn An')).toEqual({ name: 'Vũ Văn An', repaired: false, doubtful: false });
  });
  it.each(['Lô Văn Sơn', 'Hạ Văn Sơn', 'Lam Văn Sơn', 'Lạc Văn Sơn', 'Lại Văn Sơn', 'Lư Văn Sơn', 'Vy Văn Sơn', 'Mã Văn Sơn', 'Ma Văn Sơn'])(
    'a real family name that differs from another only by marks keeps its spelling: %s',
    (name) => {
      expect(repairSurname(name)).toEqual({ name, repaired: false, doubtful: false });
    },
  );
  it('does not take "V" before a Kinh family or middle name for "Y"', () => {
    // a speck before a family name is dropped, flagged
    expect(repairSurname('V Nguyễn Văn An')).toEqual({ name: 'Nguyễn Văn An', repaired: true, doubtful: false });
    // what is left of a family name before "Thị"/"Văn" stays as read, to be checked
    expect(repairSurname('V Thị Hoa')).toEqual({ name: 'V Thị Hoa', repaired: false, doubtful: true });
    expect(repairSurname('V Văn An')).toEqual({ name: 'V Văn An', repaired: false, doubtful: true });
  });
  it('reads an Ê Đê name with a capital after the apostrophe', () => {
    expect(parseName("H'Hen Niê")).toEqual({ text: "H'Hen Niê", repaired: false });
    expect(parseName("Y Moan Ênuôl")).toEqual({ text: 'Y Moan Ênuôl', repaired: false });
  });
  it('does not guess a lost first letter that several names share', () => {
    expect(repairSurname('ương Văn An')).toEqual({ name: 'ương Văn An', repaired: false, doubtful: false }); // Lương, Dương
  });
  it('parses a name from the cells of a tab-separated line, flagging a repaired family name', () => {
    expect(parseName('ˆ\tNguyễn Văn Lượng\tÑ')).toEqual({ text: 'Nguyễn Văn Lượng', repaired: false });
    expect(parseName('Nguyễn\tVăn Lượng')).toEqual({ text: 'Nguyễn Văn Lượng', repaired: false });
    expect(parseName('N guyễn Tiến Lộc')).toEqual({ text: 'Nguyễn Tiến Lộc', repaired: true });
    expect(parseName('Trấn Minh Phúc')).toEqual({ text: 'Trần Minh Phúc', repaired: true });
  });
});

describe('a word read twice in a title', () => {
  it('is read once, flagged', () => {
    expect(parseTitle('GIÁM ĐỐC ĐỐC')).toEqual({ text: 'GIÁM ĐỐC', repaired: true });
    expect(parseTitle('PHÓ PHÓ CHỦ TỊCH')).toEqual({ text: 'PHÓ CHỦ TỊCH', repaired: true });
    expect(parseTitle('PHÓ GIÁM ĐỐC')).toEqual({ text: 'PHÓ GIÁM ĐỐC', repaired: false });
  });
  it('is kept when the title without it is no known one (a real doubled word), flagged', () => {
    expect(parseTitle('TRƯỞNG BAN BAN DÂN TỘC')).toEqual({ text: 'TRƯỞNG BAN BAN DÂN TỘC', repaired: true });
    expect(parseTitle('PHÓ TRƯỞNG BAN BAN DÂN TỘC')).toEqual({ text: 'PHÓ TRƯỞNG BAN BAN DÂN TỘC', repaired: true });
  });
  it('is not added again as the continuation of a title read on two lines', () => {
    const r = extractSigner(footer(['IAM ĐỌC', 'ĐỐC', 'vị', 'Phan Công Định']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Phan Công Định', authority: [], title: 'GIÁM ĐỐC' });
    expect(r.repaired).toBe(true);
  });
});

describe('title implied by the authority (Decree 30)', () => {
  it.each([
    [['KT. CHỦ TỊCH'], null, 'PHÓ CHỦ TỊCH', true],
    [['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], 'PHG TỊCH', 'PHÓ CHỦ TỊCH', true],
    [['KT. BỘ TRƯỞNG'], null, 'THỨ TRƯỞNG', true],
    [['KT. GIÁM ĐỐC'], 'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', true],
    [['TM. ỦY BAN NHÂN DÂN'], null, 'CHỦ TỊCH', true],
    [['KT. GIÁM ĐỐC'], 'PHÓ GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', false],
    [['KT. CHỦ TỊCH'], 'PHÓ CHỦ TỊCH THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC', false],
    [['TL. BỘ TRƯỞNG'], 'VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC', 'VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC', false],
    [['TL. CHỦ TỊCH'], null, null, false],
    [['KT. BỘ TRƯỞNG, CHỦ NHIỆM'], null, null, false], // "PHÓ BỘ TRƯỞNG, CHỦ NHIỆM" is no title
    [['TM. TÒA ÁN NHÂN DÂN'], null, null, false],
  ] as const)('%j + %s → %s', (authority, title, expected, repaired) => {
    expect(impliedTitle([...authority], title)).toEqual({ title: expected, repaired });
  });
});

describe('signature blocks damaged by OCR', () => {
  it('completes a garbled title and flags the block', () => {
    const r = extractSigner(footer(['=KT-CHỦ TỊCH', 'PHG TỊCH', 'NT', 'Trần Thúy Hằng']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Trần Thúy Hằng', authority: ['KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH' });
    expect(r.repaired).toBe(true);
  });
  it('restores "TM. ỦY BAN NHÂN DÂN" from its tail above a KT. line', () => {
    const r = extractSigner(footer(['NÑ NHÂN DÂN', '„KT-CHỦ TỊCH', '“_ PHÓ CHỦ TỊCH', 'NA ⁄', 'ể', 'Nguyễn Hoàng Vĩ']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Nguyễn Hoàng Vĩ', authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH' });
  });
  it('takes the title read among the list entries when only the name follows the list', () => {
    const r = extractSigner(lines([
      'Nơi nhận:', '- Ban Bí thư Trung ương Đảng;', '- Các bộ, cơ quan ngang bộ;', 'THỦ TƯỚNG', 'Ñ', '- Văn phòng Quốc hội;',
      '- Lưu: VT, KGVX.', '> Hoàng Bá Tuệ',
    ]), 0, new Set());
    expect(r.signer).toEqual({ name: 'Hoàng Bá Tuệ', authority: [], title: 'THỦ TƯỚNG' });
    expect(r.repaired).toBe(true);
  });
  it('reads a name split at its first letter and a name in a tab-separated line', () => {
    expect(extractSigner(footer(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'N guyễn Tiến Lộc']), 0, new Set()).signer?.name).toBe('Nguyễn Tiến Lộc');
    expect(extractSigner(footer(['CHỦ TỊCH', 'Ầ', 'ˆ', 'ˆ\tNguyễn Văn Lượng\tÑ']), 0, new Set()).signer).toEqual({ name: 'Nguyễn Văn Lượng', authority: [], title: 'CHỦ TỊCH' });
  });
  it('finds "Nơi nhận" after a margin speck', () => {
    const r = extractSigner(lines(['Thực hiện./.', 'min\tNơi nhận:\t:', '.- Như trên;', '- Lưu: VT, CCHC.', '“KT. GIÁM ĐỐC', '...PHÓ GIÁM ĐỐC .', 'bê:', 'Vũ Bá Thông -']), 0, new Set());
    expect(r.distributionAt).toBe(1);
    expect(r.signer).toEqual({ name: 'Vũ Bá Thông', authority: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC' });
  });
  it('survives seeded OCR noise on the block (a TL. block: the title is read, not implied)', () => {
    let exact = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const block = noisyText(['TL. CHỦ TỊCH', 'CHÁNH VĂN PHÒNG', 'Nguyễn Tiến Lộc'], seed);
      const r = extractSigner(footer(block), 0, new Set());
      expect(r.signer?.authority, block.join(' | ')).toEqual(['TL. CHỦ TỊCH']);
      expect(r.signer?.title, block.join(' | ')).toBe('CHÁNH VĂN PHÒNG');
      if (r.signer?.name === 'Nguyễn Tiến Lộc') exact++;
      // a noisy family name never passes as certain (given names are not checked)
      if (!block[block.length - 1]!.startsWith('Nguyễn ')) expect(r.repaired || r.partial, block.join(' | ')).toBe(true);
    }
    expect(exact).toBeGreaterThan(10);
  });
  it.each([
    ['Nguyen Văn Lượng', 'Nguyễn Văn Lượng'],
    ['Trân Văn Lượng', 'Trần Văn Lượng'],
    ['Lệ Văn Lượng', 'Lê Văn Lượng'],
    ['Đăng Văn Lượng', 'Đặng Văn Lượng'],
  ])('flags the block when the family name of %s is a listed one with other marks (→ %s)', (read, name) => {
    const r = extractSigner(footer(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', read]), 0, new Set());
    expect(r.signer?.name).toBe(name);
    expect(r.repaired).toBe(true);
    expect(extractSigner(footer(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Nguyễn Văn Lượng']), 0, new Set()).repaired).toBe(false);
  });
  it('reads a lone title and name when the list heading is garbled and no authority is printed', () => {
    const r = extractSigner(lines([
      'Yêu cầu các cơ quan triển khai thực hiện./.', 'Nơi -Nhưtrên; nhận: -', '- - Bộ CT,PCT Sở Nội vụ (b/c);', '- Lưu: VT,NC.',
      'CHỦ TỊCH', 'Ầ', 'ˆ\tNguyễn Văn Lượng\tÑ', 'sơ NỘI VỤ TÍNH ĐẮK LẮK', 'Số: 1709',
    ]), 0, new Set());
    expect(r.distributionAt).toBe(1);
    expect(r.signer).toEqual({ name: 'Nguyễn Văn Lượng', authority: [], title: 'CHỦ TỊCH' });
  });
  it('reads "TM." from a collective tail alone and implies the head\'s title', () => {
    const r = extractSigner(footer(['-ỜØBẠAN', '„ cH', '$ N', 'NHÂN DÂN', 'ICH', 'Trấn Minh Phúc']), 0, new Set());
    // the family name takes its listed marks ("Trấn" → "Trần"), the block is flagged
    expect(r.signer).toEqual({ name: 'Trần Minh Phúc', authority: ['TM. ỦY BAN NHÂN DÂN'], title: 'CHỦ TỊCH' });
    expect(r.repaired).toBe(true);
  });
  it.each(['TÒA ÁN NHÂN DÂN', 'VIỆN KIỂM SÁT NHÂN DÂN', 'HỘI LIÊN HIỆP PHỤ NỮ'])('never makes "%s" a TM. ỦY BAN NHÂN DÂN', (body) => {
    const r = extractSigner(footer([body, 'CHÁNH ÁN', 'Nguyễn Văn An']), 0, new Set());
    expect(r.signer?.authority ?? []).toEqual([]);
    expect(r.signer?.name).toBe('Nguyễn Văn An');
  });
  it.each([
    ['BAN NHÂN DÂN', 'TM. ỦY BAN NHÂN DÂN'],
    ['ỦY BAN NHÂN DÂN', 'TM. ỦY BAN NHÂN DÂN'],
    ['ĐỒNG NHÂN DÂN', 'TM. HỘI ĐỒNG NHÂN DÂN'],
    ['HỘI ĐỒNG NHÂN DẦN', 'TM. HỘI ĐỒNG NHÂN DÂN'],
  ])('reads the collective body from its tail %s', (tail, authority) => {
    const r = extractSigner(footer([tail, 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An']), 0, new Set());
    expect(r.signer?.authority).toEqual([authority, 'KT. CHỦ TỊCH']);
    expect(r.repaired).toBe(true);
  });
  it('keeps a real ethnic-minority family name under a KT. block, unflagged', () => {
    const r = extractSigner(footer(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Giàng Seo Phử']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Giàng Seo Phử', authority: ['KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH' });
    expect(r.repaired).toBe(false);
  });
  it('reads a title and a name split by a tab, not as an appendix table row', () => {
    const r = extractSigner(footer(['KT. CHỦ TỊCH', 'PHÓ\tCHỦ TỊCH', 'Nguyễn\tVăn Lượng']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Nguyễn Văn Lượng', authority: ['KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH' });
  });
  it('stops at an appendix table after the list (rows of three cells, or two cells on neighbouring lines)', () => {
    const r = extractSigner(lines(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'STT\tHọ và tên\tChức vụ', '1\tNguyễn Văn An\tGiám đốc']), 0, new Set());
    expect(r.signer).toBeNull();
    const two = extractSigner(lines(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'Tên đơn vị\tSố lượng', 'Sở Nội vụ\tHai người', 'Nguyễn Văn An']), 0, new Set());
    expect(two.signer).toBeNull();
  });
  it.each(['Nơi tiếp nhận: Bộ phận một cửa', 'Nội dung tiếp nhận: hồ sơ', 'Nơi đăng ký và nhận: UBND xã', '3. Nơi nhận hồ sơ: Bộ phận một cửa'])(
    'does not take "%s" for the Nơi nhận list',
    (line) => {
      const r = extractSigner(lines(['Đề nghị các đơn vị thực hiện./.', line, '- Như trên;', 'Nơi nhận:', '- Lưu: VT.', 'GIÁM ĐỐC', 'Lê Văn Hùng']), 0, new Set());
      expect(r.distributionAt).toBe(3);
    },
  );
  it('reads past list entries that carry the signature column after a tab', () => {
    const r = extractSigner(lines([
      'Nhận được Công văn này, các cơ quan thực hiện./.', 'Nơi nhận:', '-Nhưtrên;\t.\t“CHÁ\tVẤN', '- CT, PCT UBND tỉnh;\tPP\tPHÒNG',
      '- Sở Nội vụ;', '+ Lưu: VT, KGVX.', 'guyến Công Khải',
    ]), 0, new Set());
    expect(r.signer?.name).toBe('Nguyễn Công Khải');
    expect(r.partial).toBe(true);
  });
  it('reads a title behind a speck of one or two letters, the name lost', () => {
    const r = extractSigner(footer(['l ˆ .PHÓ GIÁM ĐỐC', 'N']), 0, new Set());
    expect(r.signer).toEqual({ name: null, authority: [], title: 'PHÓ GIÁM ĐỐC' });
    expect(r.partial).toBe(true);
  });
});

