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
  ])('%s → %s', (line, unit) => {
    expect(filingUnit(lines(['Nơi nhận:', '- Như trên;', line]), 0)?.unit).toBe(unit);
  });
  it('ignores "lưu trữ" in running text and a Lưu line without a unit', () => {
    expect(filingUnit(lines(['lưu trữ hồ sơ theo quy định.']), 0)).toBeNull();
    expect(filingUnit(lines(['Nơi nhận:', '- Lưu: VT.']), 0)).toBeNull();
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
    ['794/SNV-CCF', 'CCHC'], // shorter and a letter apart: not a misreading in place
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
  it('does not guess from an unknown filing unit (both readings garbled)', () => {
    expect(checkSymbol(parseRef('1414/SGDĐT-GDITH')!, 'GDTIH', null)).toMatchObject({ repaired: false, conflict: true });
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
  it('lowers confidence when the symbol and the Lưu line name different known units', () => {
    const [d] = extractDocuments([page(1, letter('794/SNV-CCHC', '- Lưu: VT, TCCB.'))], { now: NOW });
    expect(d!.ref).toBe('794/SNV-CCHC');
    expect(d!.needsReview).toContain('ref');
  });
});
