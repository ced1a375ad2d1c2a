import { describe, expect, it } from 'vitest';
import { foldAccents, foldAligned, foldForSearch, normalizeText, squash } from '../../../src/text/fold.js';

describe('normalizeText', () => {
  it('composes to NFC and maps OCR look-alikes', () => {
    const decomposed = 'Quyết định'.normalize('NFD');
    expect(normalizeText(decomposed)).toBe('Quyết định');
    expect(normalizeText('1486⁄QÐ-TTg')).toBe('1486/QĐ-TTg');
    expect(normalizeText('2018–2020')).toBe('2018-2020');
  });
});

describe('foldAccents', () => {
  it('removes every Vietnamese mark including đ', () => {
    expect(foldAccents('Đắk Lắk')).toBe('dak lak');
    expect(foldAccents('ỦY BAN NHÂN DÂN TỈNH')).toBe('uy ban nhan dan tinh');
    expect(foldAccents('QÐ-TTg')).toBe('qd-ttg');
  });
});

describe('foldForSearch', () => {
  it('keeps refs whole and drops other punctuation', () => {
    expect(foldForSearch('Số: 1486/QĐ-TTg, ngày 06/11/2018.')).toBe('so 1486/qd-ttg ngay 06/11/2018');
  });
});

describe('squash', () => {
  it('collapses whitespace', () => {
    expect(squash('  a \n b\t c ')).toBe('a b c');
  });
});

describe('foldAligned', () => {
  it('folds like foldAccents while keeping every offset', () => {
    const text = 'Số: 1486/QĐ-TTg Đắk Lắk';
    const folded = foldAligned(text);
    expect(folded).toHaveLength(text.length);
    expect(folded).toBe(foldAccents(text));
    expect(text.slice(folded.indexOf('dak'), folded.indexOf('dak') + 3)).toBe('Đắk');
  });
});
