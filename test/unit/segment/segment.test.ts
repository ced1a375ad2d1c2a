import { describe, expect, it } from 'vitest';
import { segmentPages } from '../../../src/stages/segment.js';
import { page } from '../extract/build.js';

const header = (n: string, place = 'Gia Lai'): string[] => [
  'ỦY BAN NHÂN DÂN', 'TỈNH GIA LAI', `Số: ${n}`, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
  `${place}, ngày 01 tháng 12 năm 2021`,
];
const body = (s: string): string[] => [`${s} tiếp tục triển khai các nhiệm vụ được giao,`, 'bảo đảm đúng tiến độ.'];

describe('segmentPages', () => {
  it('keeps a multi-page document with continuation, appendix and landscape table pages together', () => {
    const pages = [
      page(1, [...header('273/KH-UBND'), 'KẾ HOẠCH', ...body('Các sở')]),
      page(2, ['và các địa phương phối hợp thực hiện.', '2. Nhiệm vụ cụ thể']),
      page(3, ['PHỤ LỤC', '(Ban hành kèm theo Kế hoạch số 273/KH-UBND ngày 01 tháng 12 năm 2021)', 'TT\tNhiệm vụ\tThời gian']),
      page(4, ['1\tHạ tầng số\tNăm 2022', '2\tDữ liệu số\tQuý III/2022']),
    ];
    expect(segmentPages(pages)).toEqual([[1, 2, 3, 4]]);
  });

  it('starts a new document on a page with a header, also when a stamp sits on top', () => {
    const pages = [
      page(1, [...header('10/UBND-VP'), ...body('Các đơn vị')]),
      page(2, ['VĂN PHÒNG UBND TỈNH GIA LAI', 'Số: 6802', 'ĐẾN 22/11/2021', 'THỦ TƯỚNG CHÍNH PHỦ', 'Số: 1829/QĐ-TTg', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hà Nội, ngày 15 tháng 11 năm 2021']),
      page(3, body('Các Bộ')),
    ];
    expect(segmentPages(pages)).toEqual([[1], [2, 3]]);
  });

  it('attaches blank pages to the previous document, leading blanks to the first', () => {
    const blank = (n: number) => page(n, []);
    const pages = [blank(1), page(2, [...header('1/UBND-VP'), ...body('A')]), blank(3), page(4, [...header('2/UBND-VP'), ...body('B')]), blank(5)];
    expect(segmentPages(pages)).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('does not split on a page that only cites a number in running text', () => {
    const pages = [
      page(1, [...header('5/UBND-VP'), ...body('A')]),
      page(2, ['Số liệu: 120 hồ sơ đã xử lý', 'theo Công văn số 3/UBND-VP ngày 01/12/2021.']),
    ];
    expect(segmentPages(pages)).toEqual([[1, 2]]);
  });

  it('recognises a merged-column header with lost diacritics', () => {
    const pages = [
      page(1, [...header('5/UBND-VP'), ...body('A')]),
      page(2, ['UBND TINH GIA LAI   CONG HOA XA HOI CHU NGHIA VIET NAM', 'SO Y TE   Doc lap - Tu do - Hanh phuc', 'Số: 9/SYT-VP   Gia Lai, ngay 02 thang 12 nam 2021']),
    ];
    expect(segmentPages(pages)).toEqual([[1], [2]]);
  });

  it('keeps a one-document file as one', () => {
    expect(segmentPages([page(1, [...header('7/UBND-VP'), ...body('A')])])).toEqual([[1]]);
  });
});
