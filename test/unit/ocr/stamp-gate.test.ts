import { describe, expect, it } from 'vitest';
import type { Line } from '../../../schemas/page.js';
import { mayHoldArrivalStamp } from '../../../src/stages/ocr/stamps.js';

const HEIGHT = 3508;
const at = (text: string, y: number): Line => ({ text, bbox: [300, y, 2000, y + 50], confidence: 90, words: [] });
const body = (from: number, n: number): Line[] => Array.from({ length: n }, (_, i) => at(`dòng nội dung số ${i + 1} của văn bản, đến ngày 15/3`, from + i * 70));

describe('mayHoldArrivalStamp (Decree 30: the stamp goes on the first page)', () => {
  it('searches a first page: motto, number line, V/v, Kính gửi or the stamp word in the upper half', () => {
    const headers = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 45/UBND-VP', 'V/v triển khai', 'Kính gửi: Sở Nội vụ', 'ĐẾN', 'QUYẾT ĐỊNH',
      // Party documents, a number line misread or without its colon, titles of other first pages
      'ĐẢNG CỘNG SẢN VIỆT NAM', 'Số 123-TB/TU', 'S0: 45/TTr-UBND', 'TỜ TRÌNH', 'THÔNG BÁO', 'PHIẾU CHUYỂN', 'GIẤY MỜI',
    ];
    for (const header of headers) {
      expect(mayHoldArrivalStamp([at(header, 400), ...body(900, 8)], HEIGHT)).toBe(true);
    }
  });

  it('skips a continuation or appendix page, and a header word low on the page does not count', () => {
    expect(mayHoldArrivalStamp(body(300, 30), HEIGHT)).toBe(false);
    expect(mayHoldArrivalStamp([at('PHỤ LỤC', 250), ...body(400, 20)], HEIGHT)).toBe(false);
    expect(mayHoldArrivalStamp([...body(300, 20), at('Kính gửi: Sở Nội vụ', 2900)], HEIGHT)).toBe(false);
  });

  it('searches a page read too poorly to judge', () => {
    expect(mayHoldArrivalStamp(body(300, 3), HEIGHT)).toBe(true);
  });
});
