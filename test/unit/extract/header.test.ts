import { describe, expect, it } from 'vitest';
import { deinterleaveBody, extractHeader } from '../../../src/stages/extract/header.js';
import { makeLine } from '../../../src/stages/extract/text.js';

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));

describe('parent body read word by word across its two lines', () => {
  it.each([
    ['ỦY TỈNH BAN BÌNH NHÂN ĐỊNH DÂN .', 'ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH'],
    ['UỶ HUYỆN BAN KRÔNG NHÂN DÂN PẮC', 'UỶ BAN NHÂN DÂN HUYỆN KRÔNG PẮC'],
    ['HỘI ĐỒNG TỈNH NHÂN DÂN LÂM ĐỒNG', 'HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG'],
  ])('%s', (mixed, body) => {
    expect(deinterleaveBody(mixed)).toBe(body);
  });
  it('leaves lines printed in order and other mixes alone', () => {
    expect(deinterleaveBody('ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH')).toBeNull();
    expect(deinterleaveBody('SỞ NỘI VỤ')).toBeNull();
    expect(deinterleaveBody('ỦY SỞ BAN NỘI NHÂN VỤ DÂN')).toBeNull();
  });
  it('gives the parent body of a letter whose header lines were interleaved', () => {
    const h = extractHeader(lines([
      'ỦY TỈNH BAN BÌNH NHÂN ĐỊNH DÂN .', 'SỞ NỘI VỤ', 'Số: 858/SNV-CCHC', 'V/v triển khai công tác văn thư',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bình Định, ngày 27 tháng 4 năm 2020',
    ]), new Set());
    expect(h.parentBody).toBe('Ủy ban nhân dân tỉnh Bình Định');
    expect(h.issuer).toBe('Sở Nội vụ tỉnh Bình Định');
  });
});
