import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';

const NOW = new Date('2026-01-01T00:00:00Z');
import { checkSymbol, issuerCodesOf } from '../../../src/stages/extract/header.js';
import { filingUnit } from '../../../src/stages/extract/recipients.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { parseRef } from '../../../src/stages/normalize/ref.js';

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));

describe('filing unit of the "Lưu" line', () => {
  it.each([
    ['- Lưu: VT, KGVX (VĐ-5b).', 'KGVX'],
    ['+Lưu:VT,NC(HKT).', 'NC'],
    ['- Lưu VỊ, VP MG(14b)', 'VP'],
    ['- Lưu: VI, GDTrH PD(14b).', 'GDTrH'],
    ['- Lưu: VT, CCHC (VXG-11b). :', 'CCHC'],
    ['- Lưu:\tCCHC (VXG- 1b).', 'CCHC'],
  ])('%s → %s', (line, unit) => {
    expect(filingUnit(lines(['Nơi nhận:', '- Như trên;', line]), 0)?.unit).toBe(unit);
  });
  it('ignores "lưu trữ" in running text and a Lưu line without a unit', () => {
    expect(filingUnit(lines(['lưu trữ hồ sơ theo quy định.']), 0)).toBeNull();
    expect(filingUnit(lines(['Nơi nhận:', '- Lưu: VT.']), 0)).toBeNull();
    expect(filingUnit(lines(['Nơi nhận:', '- Lưu hồ sơ.']), 0)).toBeNull();
  });
});

describe('symbol checked against the filing unit', () => {
  it('knows the codes a body name implies', () => {
    expect(issuerCodesOf('Sở Nội vụ tỉnh Gia Lai')).toEqual(['SNV']);
    expect(issuerCodesOf('Bộ Nội vụ')).toEqual(['BNV']);
    expect(issuerCodesOf('Ủy ban nhân dân tỉnh Đắk Lắk')).toEqual(['UBND']);
  });
  it.each(['CCHF', 'CC1C'])('repairs a unit code %s with one letter misread in place or a speck, the filing unit a known code', (tail) => {
    const c = checkSymbol(parseRef(`794/SNV-${tail}`)!, 'CCHC', 'Sở Nội vụ tỉnh Đắk Lắk');
    expect(c).toMatchObject({ repaired: true, ref: { ref: '794/SNV-CCHC', symbol: 'SNV-CCHC' } });
  });
  it.each([
    ['123/SYT-NVYD', 'NVY'], // a real unlisted code one letter longer than the filing unit read
    ['123/SNV-TCBC', 'TCCB'], // letters in another order: another code
    ['123/UBND-XH', 'XD'], // two letters, one apart: as likely another code
  ])('keeps the printed symbol %s beside the filing unit %s and reports a conflict', (printed, unit) => {
    const c = checkSymbol(parseRef(printed)!, unit, 'Sở Y tế tỉnh Gia Lai');
    expect(c).toMatchObject({ repaired: false, conflict: true, ref: { ref: parseRef(printed)!.ref } });
  });
  it('rebuilds a symbol that lost its hyphen from the issuer code and the unit', () => {
    const c = checkSymbol(parseRef('24/STTTITIBCXB')!, 'TTBCXB', 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa');
    expect(c).toMatchObject({ repaired: true, ref: { ref: '24/STTTT-TTBCXB' } });
  });
  it('keeps a matching or known unit and flags a disagreement', () => {
    expect(checkSymbol(parseRef('10023/UBND-KGVX')!, 'KGVX', null)).toMatchObject({ repaired: false, conflict: false });
    const c = checkSymbol(parseRef('10023/UBND-KGVX')!, 'NC', null);
    expect(c).toMatchObject({ repaired: false, conflict: true, ref: { ref: '10023/UBND-KGVX' } });
  });
  it('leaves type-coded and year-bearing symbols alone', () => {
    expect(checkSymbol(parseRef('143/KH-UBND')!, 'KGVX', null)).toMatchObject({ repaired: false, conflict: false });
    expect(checkSymbol(parseRef('30/2020/NĐ-CP')!, 'KGVX', null)).toMatchObject({ repaired: false, conflict: false });
  });
  it.each([
    ['2201/UBND-NG', 'NC', '2201/UBND-NC'], // C read G: the Lưu line's reading is the look-alike
    ['1414/SGDĐT-GDITH', 'GDTIH', '1414/SGDĐT-GDTrH'], // both readings garbled, one known code fits both
  ])('repairs %s from a Lưu line %s that reads the same printed code another way', (printed, unit, repaired) => {
    expect(checkSymbol(parseRef(printed)!, unit, null)).toMatchObject({ repaired: true, conflict: false, ref: { ref: repaired } });
  });
  it('keeps a known printed code when the Lưu line is a look-alike of it, as a conflict: either may be the misread one', () => {
    expect(checkSymbol(parseRef('3371/UBND-NC')!, 'NG', null)).toMatchObject({ repaired: false, conflict: true, ref: { ref: '3371/UBND-NC' } });
  });
  it.each([
    ['456/SNV-TC', 'TG'], ['456/SNV-HC', 'HCC'], ['456/SNV-TP', 'TĐ'], // TG, HCC, TĐ are real, unlisted codes
  ])('flags %s beside a Lưu unit %s that could be read from it, keeping the symbol as read', (printed, unit) => {
    expect(checkSymbol(parseRef(printed)!, unit, 'Sở Nội vụ tỉnh Long An')).toMatchObject({ repaired: false, conflict: true, ref: { ref: printed } });
  });
  it('keeps a code with a letter unlike any of the Lưu code\'s, flagged', () => {
    expect(checkSymbol(parseRef('794/SNV-CCF')!, 'CCHC', null)).toMatchObject({ repaired: false, conflict: true, ref: { ref: '794/SNV-CCF' } });
  });
  it('does not guess when the Lưu line and the symbol fit no single known code', () => {
    expect(checkSymbol(parseRef('123/UBND-NG')!, 'XH', null)).toMatchObject({ repaired: false, conflict: true });
    expect(checkSymbol(parseRef('123/UBND-GDITH')!, 'GDIH', null)).toMatchObject({ repaired: false, conflict: true });
  });
});

describe('in a whole letter', () => {
  const letter = (number: string, luu: string, nn = 'Nơi nhận:'): string[] => [
    'UBND TỈNH GIA LAI', 'SỞ NỘI VỤ', `Số: ${number}`, 'V/v cải cách hành chính',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 03 tháng 3 năm 2023',
    'Kính gửi: Sở Tài chính.', 'Sở Nội vụ đề nghị thực hiện./.', nn, '- Như trên;', luu, 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hùng',
  ];
  it('repairs the symbol from the Lưu line and flags it for review', () => {
    const [d] = extractDocuments([page(1, letter('794/SNV-CCHF', '- Lưu: VT, CCHC (VXG-11b).', 'ma  Nơi nhận:'))], { now: NOW });
    expect(d).toMatchObject({ ref: '794/SNV-CCHC', symbol: 'SNV-CCHC', number: '794' });
    expect(d!.needsReview).toContain('ref');
    expect(d!.confidence.ref).toBeLessThan(0.9);
  });
  it('keeps an agreeing symbol confident', () => {
    const [d] = extractDocuments([page(1, letter('794/SNV-CCHC', '- Lưu: VT, CCHC.'))], { now: NOW });
    expect(d!.ref).toBe('794/SNV-CCHC');
    expect(d!.needsReview).not.toContain('ref');
    expect(d!.confidence.ref).toBeGreaterThanOrEqual(0.9);
  });
  it('flags a one-letter unit code no Lưu line names (a code cut short), not a longer one', () => {
    const [cut] = extractDocuments([page(1, letter('9687/UBND-F', '- Như trên.'))], { now: NOW });
    expect(cut!.ref).toBe('9687/UBND-F');
    expect(cut!.needsReview).toEqual(expect.arrayContaining(['ref', 'symbol']));
    expect(cut!.confidence.ref).toBeLessThan(0.9);
    const [whole] = extractDocuments([page(1, letter('9687/UBND-NC', '- Như trên.'))], { now: NOW });
    expect(whole!.needsReview).not.toContain('ref');
    expect(whole!.confidence.ref).toBeGreaterThanOrEqual(0.9);
  });
  it('keeps an unlisted printed unit code beside a different Lưu unit, flagged', () => {
    const [d] = extractDocuments([page(1, letter('794/SNV-TCBC', '- Lưu: VT, TCCB.'))], { now: NOW });
    expect(d!.ref).toBe('794/SNV-TCBC');
    expect(d!.needsReview).toEqual(expect.arrayContaining(['ref', 'symbol']));
  });
  it('flags a symbol whose letters were repaired to parse, even when the Lưu line agrees', () => {
    const [d] = extractDocuments([page(1, letter('794/SNV-CCHG', '- Lưu: VT, CCHC.'))], { now: NOW });
    expect(d!.ref).toBe('794/SNV-CCHC');
    expect(d!.needsReview).toEqual(expect.arrayContaining(['ref', 'symbol']));
  });
  it('flags a reference that needed repair to parse (a lost slash), even when the Lưu line agrees', () => {
    const [d] = extractDocuments([page(1, letter('794UBND-CCHC', '- Lưu: VT, CCHC.'))], { now: NOW });
    expect(d!.ref).toBe('794/UBND-CCHC');
    expect(d!.needsReview).toEqual(expect.arrayContaining(['ref', 'symbol']));
    expect(d!.needsReview).not.toContain('number');
    expect(d!.confidence.ref).toBeLessThan(0.9);
  });
  it('flags the number too when its digits were read as letters', () => {
    const [d] = extractDocuments([page(1, letter('79O/SNV-CCHC', '- Lưu: VT, CCHC.'))], { now: NOW });
    expect(d!.number).toBe('790');
    expect(d!.needsReview).toEqual(expect.arrayContaining(['ref', 'number']));
  });
  it('never keeps a symbol confident beside a Lưu line naming an unlisted look-alike code', () => {
    const [d] = extractDocuments([page(1, letter('456/SNV-TC', '- Lưu: VT, TG.'))], { now: NOW });
    expect(d!.ref).toBe('456/SNV-TC');
    expect(d!.needsReview).toEqual(expect.arrayContaining(['ref', 'symbol']));
    expect(d!.confidence.ref).toBeLessThanOrEqual(0.6);
  });
  it('lowers confidence when the symbol and the Lưu line name different known units', () => {
    const [d] = extractDocuments([page(1, letter('794/SNV-CCHC', '- Lưu: VT, TCCB.'))], { now: NOW });
    expect(d!.ref).toBe('794/SNV-CCHC');
    expect(d!.needsReview).toContain('ref');
  });
});

describe('a reference read several times in one file', () => {
  const forwarding = (cited: string): string[] => [
    'UBND TỈNH ĐẮK LẮK', 'SỞ NỘI VỤ', 'Số: 794/SNV-CCHC', 'V/v triển khai thực hiện Công văn', `số ${cited}`,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Đắk Lắk, ngày 10 tháng 4 năm 2020',
    'Kính gửi: Sở Tài chính.', `Triển khai Văn bản số ${cited} ngày 6/4/2020 của Ủy ban nhân dân tỉnh, Sở Nội vụ đề nghị thực hiện./.`,
    'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hùng',
  ];
  const attached = (luu: string): string[] => [
    'ỦY BAN NHÂN DÂN', 'TỈNH ĐẮK LẮK', 'Số: 3371/UBND-NC', 'V/v triển khai công tác văn thư',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Đắk Lắk, ngày 6 tháng 4 năm 2020',
    'Kính gửi: Sở Nội vụ.', 'Ủy ban nhân dân tỉnh đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', luu,
    'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An',
  ];
  it('keeps a number line its Lưu line confirms and spells the citations of it the same way, flagged', () => {
    const [letter, own] = extractDocuments([page(1, forwarding('3371/UBND-NG')), page(2, attached('- Lưu: VT, NC.'))], { now: NOW });
    expect(own!.ref).toBe('3371/UBND-NC');
    expect(letter!.references.map((r) => r.ref)).toContain('3371/UBND-NC');
    expect(letter!.subject).toBe('triển khai thực hiện Công văn số 3371/UBND-NC');
    expect(letter!.needsReview).toEqual(expect.arrayContaining(['references', 'subject']));
  });
  it('leaves a citation of another document alone: a unit code not a look-alike, or another date', () => {
    const [other] = extractDocuments([page(1, forwarding('3371/UBND-VX')), page(2, attached('- Lưu: VT, NC.'))], { now: NOW });
    expect(other!.references.map((r) => r.ref)).toContain('3371/UBND-VX');
    const dated = forwarding('3371/UBND-NG').map((l) => l.replace('ngày 6/4/2020', 'ngày 9/9/2019'));
    const [older] = extractDocuments([page(1, dated), page(2, attached('- Lưu: VT, NC.'))], { now: NOW });
    expect(older!.references.map((r) => r.ref)).toContain('3371/UBND-NG');
  });
  it('lets the majority of readings win when no Lưu line confirms the number line', () => {
    const [letter, own] = extractDocuments([page(1, forwarding('3371/UBND-NG')), page(2, attached('- Lưu: VT.'))], { now: NOW });
    expect(own!.ref).toBe('3371/UBND-NG');
    expect(letter!.references.map((r) => r.ref)).toContain('3371/UBND-NG');
  });
});

describe('a number line whose Lưu line shares a look-alike reading', () => {
  it('is not taken as confirmed: the file\'s other readings still outvote it, flagged', () => {
    const letter = [
      'UBND TỈNH BÌNH ĐỊNH', 'SỞ NỘI VỤ', 'Số: 858/SNV-CCHC', 'V/v triển khai thực hiện Công văn', 'số 2201/UBND-NC',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bình Định, ngày 27 tháng 4 năm 2020',
      'Kính gửi: Sở Tài chính.', 'Thực hiện Công văn số 2201/UBND-NC ngày 14/4/2020 của Ủy ban nhân dân tỉnh, Sở Nội vụ đề nghị thực hiện./.',
      'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hùng',
    ];
    const attached = [
      'ỦY BAN NHÂN DÂN', 'TỈNH BÌNH ĐỊNH', 'Số: 2201/UBND-NG', 'V/v triển khai công tác văn thư',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bình Định, ngày 14 tháng 4 năm 2020',
      'Kính gửi: Sở Nội vụ.', 'Ủy ban nhân dân tỉnh đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, NG.',
      'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An',
    ];
    const [first, own] = extractDocuments([page(1, letter), page(2, attached)], { now: NOW });
    expect(first!.references.map((r) => r.ref)).toContain('2201/UBND-NC');
    expect(own!.ref).toBe('2201/UBND-NC');
    expect(own!.needsReview).toContain('ref');
    expect(own!.confidence.ref).toBeLessThan(0.9);
  });
});
