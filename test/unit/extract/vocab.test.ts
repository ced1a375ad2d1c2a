import { describe, expect, it } from 'vitest';
import { buildVocab, isStripped, restoreDiacritics } from '../../../src/stages/extract/vocab.js';
import { makeLine } from '../../../src/stages/extract/text.js';

describe('document vocabulary', () => {
  it('knows a stripped spelling from a different accent', () => {
    expect(isStripped('thuc hien', 'thực hiện')).toBe(true);
    expect(isStripped('thực hien', 'thực hiện')).toBe(true);
    expect(isStripped('dia', 'địa')).toBe(true);
    expect(isStripped('số', 'sở')).toBe(false);
    expect(isStripped('bàn', 'bản')).toBe(false);
  });

  it('restores words that the document prints correctly more often, and leaves others alone', () => {
    const lines = ['Sở Nội vụ triển khai thực hiện', 'thực hiện Công văn số 12', 'Sở Tài chính thực hiện trên địa bàn', 'địa bàn tỉnh'].map((t) =>
      makeLine(t, 1, null, 100),
    );
    const v = buildVocab(lines);
    expect(restoreDiacritics('trien khai thuc hien Cong van so 12 tren dia ban', v)).toBe('trien khai thực hiện Cong van so 12 tren địa bàn');
    expect(restoreDiacritics('số', v)).toBe('số');
    expect(restoreDiacritics('THUC HIEN', v)).toBe('THỰC HIỆN');
  });
});
