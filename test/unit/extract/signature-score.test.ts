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
    expect(signatureScore(['GIÁM ĐỐC', 'Minh Kiên'])).toMatchObject({ score: 2, clean: false, parts: [true, true, false] });
  });
});
