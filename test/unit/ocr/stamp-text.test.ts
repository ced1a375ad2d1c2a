import { describe, expect, it } from 'vitest';
import { cleanStampLine, fieldOnly, fixStampDate, labelAdded, mergeStampReadings, takeHandwrittenNumber } from '../../../src/stages/ocr/stamps.js';
import type { Line, Word } from '../../../schemas/page.js';

/** Words of one row, 200 px apart, with their confidences. */
function row(y: number, ...words: Array<[string, number]>): Word[] {
  return words.map(([text, confidence], i) => ({ text, bbox: [100 + 200 * i, y, 280 + 200 * i, y + 40], confidence }));
}
const text = (words: Word[]) => cleanStampLine(words)?.text ?? null;

describe('cleanStampLine', () => {
  it('restores the printed labels the stamp font and the dotted lines garble', () => {
    expect(text(row(0, ['sẽ:', 80], ['.10781.......', 70]))).toBe('Số: 10781');
    expect(text(row(0, ['lss', 60], ['10781', 55], ['|', 40]))).toBe('Số: 10781');
    expect(text(row(0, ['10781', 91], ['|', 91]))).toBe('Số: 10781');
    expect(text(row(0, ['I|ĐEN', 80], ['o9-11-2018', 80]))).toBe('ĐẾN 09-11-2018');
    expect(text(row(0, ['I', 60], ['Chuyển', 80]))).toBe('Chuyển:');
    expect(text(row(0, ['ĐẾN', 88], ['2', 88], ['27-02-2019', 46]))).toBe('ĐẾN 27-02-2019');
    expect(text(row(0, ['VĂN', 90], ['PHÒNG', 90], ['UBND', 90]))).toBe('VĂN PHÒNG UBND');
  });

  it('drops rows of frame and specks', () => {
    expect(text(row(0, ['|', 90], ['‹', 90]))).toBeNull();
    expect(text(row(0, ['x——¬-', 59]))).toBeNull();
    expect(text(row(0, ['Ko', 30], ['Ì', 30]))).toBeNull();
  });
});

describe('labelAdded', () => {
  it('tells a "Số:" label added to a lone number from one that was read', () => {
    expect(labelAdded(cleanStampLine(row(0, ['2019', 91]))!)).toBe(true);
    expect(labelAdded(cleanStampLine(row(0, ['Số:', 85], ['60', 90]))!)).toBe(false);
    expect(labelAdded(cleanStampLine(row(0, ['sẽ:', 80], ['10781', 70]))!)).toBe(false);
  });
});

describe('fieldOnly', () => {
  it('cuts the print read through a grey stamp off its field lines', () => {
    expect(fieldOnly(cleanStampLine(row(0, ['Số:', 86], ['60', 90], ['Kính', 80], ['gửi:', 80], ['UBN', 60]))!).text).toBe('Số: 60');
    expect(fieldOnly(cleanStampLine(row(0, ['ĐẾN', 86], ['03-01-2019', 90], ['Các', 80]))!).text).toBe('ĐẾN 03-01-2019');
    expect(fieldOnly(cleanStampLine(row(0, ['Số:', 86], ['192', 90], ['0', 90]))!).text).toBe('Số: 192 0');
    expect(fieldOnly(cleanStampLine(row(0, ['Số:', 86], ['192', 90], ['0', 90], ['Kính', 80]))!).text).toBe('Số: 192 0');
    expect(fieldOnly(cleanStampLine(row(0, ['ĐẾN', 86], ['03-01-2019', 90]))!).words).toHaveLength(2);
    expect(fieldOnly(cleanStampLine(row(0, ['VP', 86], ['HĐND', 90]))!).text).toBe('VP HĐND');
  });
});

describe('fixStampDate', () => {
  it('reads the slashed zero read as 9 back as 0 where the date is impossible', () => {
    expect(fixStampDate('99-11-2018')).toBe('09-11-2018');
    expect(fixStampDate('09-11-2918')).toBe('09-11-2018');
    expect(fixStampDate('30/94/2020')).toBe('30/04/2020');
  });
  it('leaves possible dates alone', () => {
    expect(fixStampDate('19-07-2022')).toBe('19-07-2022');
    expect(fixStampDate('29-12-21')).toBe('29-12-21');
  });
});

describe('mergeStampReadings', () => {
  const line = (y: number, t: string, confidence: number): Line => ({ text: t, bbox: [100, y, 900, y + 40], confidence, words: [] });
  it('keeps the best reading and takes each labelled field from the readings that agree', () => {
    const psm6 = [line(100, 'VĂN PHÒNG UBND TÍNH ĐẮK LẮK', 92), line(160, 'Số: 40781', 83), line(230, 'ĐẾN 99-11-2018', 69)];
    const psm11 = [line(100, 'VĂN PHÒNG UEND TÍNH ĐẮK LẮK', 84), line(160, 'Số: 10781', 73), line(230, 'ĐẾN 09-11-2018', 58)];
    const rows = [line(100, 'VĂN PHÒNG UBND TÍNH ĐẮK LẮK', 81), line(160, 'Số: 10781', 91), line(300, 'Chuyển:', 54)];
    expect(mergeStampReadings([psm6, psm11, rows]).map((l) => l.text)).toEqual([
      'VĂN PHÒNG UBND TÍNH ĐẮK LẮK',
      'Số: 10781',
      'ĐẾN 99-11-2018',
      'Chuyển:',
    ]);
  });
  it('returns nothing for no readings', () => {
    expect(mergeStampReadings([[], []])).toEqual([]);
  });
});

describe('takeHandwrittenNumber', () => {
  const line = (x0: number, y0: number, t: string): Line => ({ text: t, bbox: [x0, y0, x0 + 40 * t.length, y0 + 40], confidence: 80, words: [{ text: t, bbox: [x0, y0, x0 + 40 * t.length, y0 + 40], confidence: 80 }] });
  it('moves a black-pen number beside the printed "Số:" label from the page lines into the stamp', () => {
    const page = [line(400, 700, 'Kính gửi: Ủy ban'), line(500, 850, '2169'), line(300, 900, 'Thực hiện Công văn số')];
    const stamp = [line(350, 800, 'VĂN PHÒNG UBND TỈNH NGHỆ AN'), line(350, 860, 'Số:'), line(350, 950, 'ĐẾN 27-02-2019')];
    const rest = takeHandwrittenNumber(page, stamp);
    expect(rest.map((l) => l.text)).toEqual(['Kính gửi: Ủy ban', 'Thực hiện Công văn số']);
    expect(stamp[1]!.text).toBe('Số: 2169');
    expect(stamp[1]!.bbox).toEqual([350, 850, 660, 900]);
  });
  it('leaves a number elsewhere on the page, and a stamp whose number was read, alone', () => {
    const page = [line(500, 1500, '2169'), line(200, 860, '3')];
    const stamp = [line(350, 860, 'Số:')];
    expect(takeHandwrittenNumber(page, stamp)).toBe(page);
    expect(stamp[0]!.text).toBe('Số:');
    const read = [line(350, 860, 'Số: 10781')];
    expect(takeHandwrittenNumber([line(700, 860, '12')], read)).toHaveLength(1);
  });
});
