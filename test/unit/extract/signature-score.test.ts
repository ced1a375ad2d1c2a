import { describe, expect, it } from 'vitest';
import { replacedLines, signatureScore } from '../../../src/stages/extract/signature-score.js';

describe('signature score (comparing two readings of the block)', () => {
  it('counts a name, a title and authority lines; clean only when nothing was repaired', () => {
    expect(signatureScore(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hải'])).toMatchObject({ score: 4, clean: true, parts: [true, true, true] });
    expect(signatureScore(['GIÁM ĐỐC', 'Lê Văn Hải'])).toMatchObject({ score: 3, clean: true, parts: [true, true, false] });
    expect(signatureScore(['Lê Văn Hải'])).toMatchObject({ score: 2, clean: false, parts: [true, false, false] });
    expect(signatureScore(['GIÁẢM ĐÓC', 'Lê Văn Hải']).clean).toBe(false);
    expect(signatureScore(['ánh', 'xx'])).toMatchObject({ score: 0, clean: false, parts: [false, false, false] });
  });
  it('counts a name whose first word is no known family name for less (maybe cut off)', () => {
    expect(signatureScore(['GIÁM ĐỐC', 'Minh Khôi'])).toMatchObject({ score: 2, clean: false, parts: [true, true, false] });
  });
});

describe('scoring names', () => {
  it('counts an Ê Đê name opening with "Y" or "H" as a whole name', () => {
    expect(signatureScore(['GIÁM ĐỐC', 'Y Blin Ayun'])).toMatchObject({ score: 3, clean: true });
    expect(signatureScore(['GIÁM ĐỐC', "H'Hen Ayun"])).toMatchObject({ score: 3, clean: true });
  });
  it('names the line of the name and the lines of the block', () => {
    expect(signatureScore(['ĐẾN Số: 12', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hải'])).toMatchObject({ name: 'Lê Văn Hải', nameAt: 3, block: [1, 2, 3] });
  });
});

describe('lines replaced by a new reading of the block', () => {
  it('are the block, stray block parts and specks; other text stays', () => {
    const texts = ['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'ĐẾN Số: 4521', 'Ngày: 15/3', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM', 'ˆ ~', 'Lê Văn Hải'];
    expect([...replacedLines(texts)].sort()).toEqual([3, 4, 5, 6]);
  });
});

