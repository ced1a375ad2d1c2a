import { describe, expect, it } from 'vitest';
import type { Line } from '../../../schemas/page.js';
import { blocksOf } from '../../../src/stages/blocks.js';

/** A line of text at [x0, y0] .. [x1, y0 + 60] on a 300-dpi A4 page (text 60 px high). */
function line(text: string, x0: number, y0: number, x1: number, kind?: 'stamp'): Line {
  const bbox: [number, number, number, number] = [x0, y0, x1, y0 + 60];
  return { text, bbox, confidence: 90, words: [{ text, bbox, confidence: 90 }], ...(kind ? { kind } : {}) };
}

const texts = (lines: Line[]) => blocksOf(lines).map((b) => lines.slice(...b.lines).map((l) => l.text));

describe('blocksOf', () => {
  it('keeps header columns, a centred title, indented paragraphs and the stamp apart, in reading order', () => {
    const lines = [
      line('ỦY BAN NHÂN DÂN', 450, 250, 950),
      line('TỈNH ĐẮK LẮK', 520, 320, 880),
      line('Số: 10023/UBND-KGVX', 430, 420, 970),
      line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1150, 250, 2250),
      line('Độc lập - Tự do - Hạnh phúc', 1350, 320, 2050),
      line('Đắk Lắk, ngày 15 tháng 11 năm 2018', 1250, 420, 2150),
      line('QUYẾT ĐỊNH', 1050, 600, 1400),
      line('Về việc triển khai kế hoạch thông tin', 800, 670, 1650),
      line('đối ngoại giai đoạn 2018 - 2020', 870, 740, 1580),
      line('Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ', 450, 880, 2300),
      line('tướng Chính phủ, Ủy ban nhân dân tỉnh chỉ đạo như sau:', 300, 950, 1900),
      line('1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các', 450, 1020, 2300),
      line('Sở, ngành liên quan triển khai thực hiện.', 300, 1090, 1500),
      line('ĐẾN', 600, 700, 800, 'stamp'),
      line('Số: 10781', 560, 770, 900, 'stamp'),
    ];
    expect(texts(lines)).toEqual([
      ['ỦY BAN NHÂN DÂN', 'TỈNH ĐẮK LẮK', 'Số: 10023/UBND-KGVX'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Đắk Lắk, ngày 15 tháng 11 năm 2018'],
      ['QUYẾT ĐỊNH', 'Về việc triển khai kế hoạch thông tin', 'đối ngoại giai đoạn 2018 - 2020'],
      ['Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ', 'tướng Chính phủ, Ủy ban nhân dân tỉnh chỉ đạo như sau:'],
      ['1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các', 'Sở, ngành liên quan triển khai thực hiện.'],
      ['ĐẾN', 'Số: 10781'],
    ]);
  });

  it('gives each block the box of its lines and marks stamp blocks', () => {
    const lines = [line('Nơi nhận:', 300, 2000, 600), line('- Như trên;', 300, 2070, 650), line('ĐẾN', 1500, 2600, 1700, 'stamp')];
    expect(blocksOf(lines)).toEqual([
      { bbox: [300, 2000, 650, 2130], lines: [0, 2] },
      { bbox: [1500, 2600, 1700, 2660], lines: [2, 3], kind: 'stamp' },
    ]);
  });

  it('splits where a clearly wider gap than the usual line spacing opens', () => {
    const lines = [
      line('a paragraph line', 300, 1000, 2300),
      line('a paragraph line', 300, 1070, 2300),
      line('a paragraph line', 300, 1140, 2300),
      line('after a blank line', 300, 1330, 2300),
    ];
    expect(blocksOf(lines).map((b) => b.lines)).toEqual([
      [0, 3],
      [3, 4],
    ]);
  });

  it('returns no blocks for a page without lines', () => {
    expect(blocksOf([])).toEqual([]);
  });
});
