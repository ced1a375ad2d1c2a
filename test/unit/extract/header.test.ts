import { describe, expect, it } from 'vitest';
import { deinterleaveBody, extractHeader } from '../../../src/stages/extract/header.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';

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
    expect(h.bodiesRearranged).toBe(true);
  });
  it('sends rearranged bodies to review with a lower confidence', () => {
    const doc = (first: string): string[] => [
      first, 'SỞ NỘI VỤ', 'Số: 858/SNV-CCHC', 'V/v triển khai công tác văn thư', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc', 'Bình Định, ngày 27 tháng 4 năm 2020', 'Kính gửi: Sở Tài chính.', 'Sở đề nghị thực hiện./.',
      'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.', 'GIÁM ĐỐC', 'Lê Văn Hùng',
    ];
    const now = new Date('2026-01-01T00:00:00Z');
    const [mixed] = extractDocuments([page(1, doc('ỦY TỈNH BAN BÌNH NHÂN ĐỊNH DÂN .'))], { now });
    const [plain] = extractDocuments([page(1, doc('ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH'))], { now });
    expect(mixed!.parentBody).toBe(plain!.parentBody);
    expect(mixed!.needsReview).toContain('parentBody');
    expect(plain!.needsReview).not.toContain('parentBody');
    expect(mixed!.confidence.parentBody!).toBeLessThan(plain!.confidence.parentBody!);
  });
});

describe('V/v subject lines', () => {
  it('keeps a cited symbol alone on a line (capitals) inside the V/v block, and stops at a heading in capitals', () => {
    const h = extractHeader(lines([
      'ỦY BAN NHÂN DÂN', 'TỈNH BÌNH ĐỊNH', 'Số: 2201/UBND-NC', 'V/v triển khai công tác', 'văn thư theo Nghị định', '30/2020/NĐ-CP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bình Định, ngày 14 tháng 4 năm 2020',
    ]), new Set());
    expect(h.subject).toBe('triển khai công tác văn thư theo Nghị định 30/2020/NĐ-CP');
    const stamped = extractHeader(lines([
      'ỦY BAN NHÂN DÂN', 'TỈNH BÌNH ĐỊNH', 'Số: 2201/UBND-NC', 'V/v triển khai công tác', 'VĂN PHÒNG UBND TỈNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Bình Định, ngày 14 tháng 4 năm 2020',
    ]), new Set());
    expect(stamped.subject).toBe('triển khai công tác');
  });
});

describe('the V/v block and a number line below it', () => {
  const head = (vv: string[]): string[] => [
    'UBND TỈNH LONG AN', 'SỞ TÀI CHÍNH', 'Số: 1234/STC-NS', ...vv,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Long An, ngày 12 tháng 3 năm 2021', 'Kính gửi: Sở Nội vụ.',
  ];
  it('ends at a capitals number/symbol line that no "số" or type name leads into', () => {
    expect(extractHeader(lines(head(['V/v báo cáo tình hình thực hiện dự toán', '15/BC-STC'])), new Set()).subject).toBe('báo cáo tình hình thực hiện dự toán');
  });
  it.each([['V/v triển khai Công văn số', '15/BC-STC'], ['V/v triển khai Kế hoạch', '15/KH-UBND']])('goes on into the symbol of a cited document: %s', (a, b) => {
    expect(extractHeader(lines(head([a, b])), new Set()).subject).toBe(`${a.slice(4)} ${b}`);
  });
});
