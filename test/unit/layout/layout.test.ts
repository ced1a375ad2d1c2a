import { describe, expect, it } from 'vitest';
import { isJunkLine, layoutPage, layoutWithBands } from '../../../src/stages/layout.js';
import type { Line, Word } from '../../../schemas/page.js';

const page = { width: 2480, height: 3508 };
const H = 45; // text height in px (14 pt at 300 dpi)
const CHAR = 24; // average glyph advance

/** A line of words starting at x, baseline row y; words separated by one space unless `gapBefore` says otherwise. */
function line(x: number, y: number, text: string, gaps: Record<number, number> = {}): Line {
  const words: Word[] = [];
  let cursor = x;
  text.split(' ').forEach((w, i) => {
    cursor += gaps[i] ?? 0;
    words.push({ text: w, bbox: [cursor, y, cursor + w.length * CHAR, y + H], confidence: 90 });
    cursor += w.length * CHAR + 14;
  });
  return { text, bbox: [x, y, cursor, y + H], confidence: 90, words };
}

/** Two columns merged into one tesseract line, the right part starting at xRight. */
function merged(xLeft: number, y: number, left: string, xRight: number, right: string): Line {
  const l = line(xLeft, y, left);
  const r = line(xRight, y + 3, right);
  return { text: `${left} ${right}`, bbox: [xLeft, y, r.bbox[2], y + H + 3], confidence: 90, words: [...l.words, ...r.words] };
}

const texts = (lines: Line[]) => lines.map((l) => l.text);

describe('layoutPage', () => {
  it('splits a merged two-column header and reads the left column before the right', () => {
    const input = [
      merged(250, 200, 'ỦY BAN NHÂN DÂN', 1150, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
      merged(300, 270, 'TỈNH ĐẮK LẮK', 1350, 'Độc lập - Tự do - Hạnh phúc'),
      merged(220, 400, 'Số: 10023/UBND-KGVX', 1120, 'Đăk Lăk, ngày 15 tháng 11 năm 2018'),
      line(180, 470, 'V/v thực hiện QĐ số 1486/QĐ-TTg'),
      line(260, 530, 'ngày 06/11/2018 của TTCP'),
      line(600, 700, 'Kính gửi: Sở Thông tin và Truyền thông'),
      line(250, 820, 'Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ tướng Chính phủ về'),
      line(180, 890, 'việc ban hành kế hoạch thông tin đối ngoại của Chính phủ giai đoạn 2018-2020.'),
    ];
    expect(texts(layoutPage(input, page))).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH ĐẮK LẮK',
      'Số: 10023/UBND-KGVX',
      'V/v thực hiện QĐ số 1486/QĐ-TTg',
      'ngày 06/11/2018 của TTCP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đăk Lăk, ngày 15 tháng 11 năm 2018',
      'Kính gửi: Sở Thông tin và Truyền thông',
      'Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ tướng Chính phủ về',
      'việc ban hành kế hoạch thông tin đối ngoại của Chính phủ giai đoạn 2018-2020.',
    ]);
  });

  it('cuts a header row set with a narrow gap before the place of "<Place>, ngày"', () => {
    // 40 px between the columns: less than the gap that splits a line anywhere (1.5 text heights)
    const narrow = (left: string, right: string) => merged(300, 400, left, line(300, 400, left).bbox[2] - 14 + 40, right);
    const input = [
      merged(250, 200, 'ỦY BAN NHÂN DÂN', 1150, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
      merged(300, 270, 'TỈNH QUẢNG NAM', 1350, 'Độc lập - Tự do - Hạnh phúc'),
      narrow('Số: 2506/STTTT-TTBCXB', 'Quảng Nam, ngày 31 tháng 12 năm 2018'),
      line(300, 470, 'V/v triển khai công tác'),
    ];
    expect(texts(layoutPage(input, page))).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH QUẢNG NAM',
      'Số: 2506/STTTT-TTBCXB',
      'V/v triển khai công tác',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Nam, ngày 31 tháng 12 năm 2018',
    ]);
    // a place of four words is cut whole; without a place before ", ngày" nothing is cut
    expect(texts(layoutPage([narrow('Số: 1523/SGDĐT-GDTrH', 'TP. Hồ Chí Minh, ngày 3 tháng 2 năm 2021')], page))).toEqual(['Số: 1523/SGDĐT-GDTrH', 'TP. Hồ Chí Minh, ngày 3 tháng 2 năm 2021']);
    expect(texts(layoutPage([narrow('Số: 1523/SGDĐT-GDTrH', 'ngày 3 tháng 2 năm 2021')], page))).toEqual(['Số: 1523/SGDĐT-GDTrH ngày 3 tháng 2 năm 2021']);
    // body text mentioning a place and a date is not a header row
    expect(texts(layoutPage([line(300, 900, 'số 12/UBND của tỉnh Quảng Nam, ngày 5 tháng 6 năm 2020 về việc')], page))).toEqual(['số 12/UBND của tỉnh Quảng Nam, ngày 5 tháng 6 năm 2020 về việc']);
  });

  it('reads the footer as Nơi nhận column then signature block, after the full-width body', () => {
    const input = [
      line(180, 2000, 'Nhận được Công văn này, Sở Thông tin và Truyền thông thực hiện tốt việc này./.'),
      merged(180, 2120, 'Nơi nhận:', 1500, 'TL. CHỦ TỊCH'),
      merged(180, 2180, '- Như trên;', 1380, 'KT. CHÁNH VĂN PHÒNG'),
      merged(180, 2240, '- CT, PCT UBND tỉnh;', 1380, 'PHÓ CHÁNH VĂN PHÒNG'),
      line(180, 2300, '- Lưu VT, KGVX (HVN-9b)'),
      line(1450, 2600, 'Nguyễn Tiến Dũng'),
    ];
    expect(texts(layoutPage(input, page))).toEqual([
      'Nhận được Công văn này, Sở Thông tin và Truyền thông thực hiện tốt việc này./.',
      'Nơi nhận:',
      '- Như trên;',
      '- CT, PCT UBND tỉnh;',
      '- Lưu VT, KGVX (HVN-9b)',
      'TL. CHỦ TỊCH',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      'Nguyễn Tiến Dũng',
    ]);
  });

  it('keeps columns apart when they arrive as separate lines in any order', () => {
    const input = [
      line(1150, 200, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
      line(1120, 400, 'Hà Nội, ngày 06 tháng 11 năm 2018'),
      line(250, 205, 'THỦ TƯỚNG CHÍNH PHỦ'),
      line(1350, 270, 'Độc lập - Tự do - Hạnh phúc'),
      line(330, 402, 'Số: 1486/QĐ-TTg'),
      line(1000, 600, 'QUYẾT ĐỊNH'),
    ];
    expect(texts(layoutPage(input, page))).toEqual([
      'THỦ TƯỚNG CHÍNH PHỦ',
      'Số: 1486/QĐ-TTg',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 06 tháng 11 năm 2018',
      'QUYẾT ĐỊNH',
    ]);
  });

  it('does not split justified body text, and joins close runs on one row', () => {
    const body = line(180, 900, 'Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các Sở, ngành', { 3: 30, 7: 40 });
    const runA = line(180, 1000, 'Căn cứ Luật Tổ chức');
    const runB = line(runA.bbox[2] + 10, 1000, 'Chính phủ ngày 19 tháng 6 năm 2015;');
    const out = layoutPage([runB, body, runA], page);
    expect(texts(out)).toEqual([
      'Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các Sở, ngành',
      'Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;',
    ]);
    expect(out[1]!.words).toHaveLength(13);
  });

  it('joins table cells with TAB and drops a lone page number in the margin', () => {
    const input = [
      line(1220, 120, '2'),
      merged(200, 500, '1', 400, 'Tuyên truyền về biển đảo'),
      line(1500, 503, 'Bộ Ngoại giao'),
      line(2100, 500, '2018'),
      line(1230, 3400, '- 3 -'),
    ];
    expect(texts(layoutPage(input, page))).toEqual(['1\tTuyên truyền về biển đảo\tBộ Ngoại giao\t2018']);
  });

  it('keeps a number that is body text', () => {
    const input = [line(180, 1500, 'Điều'), line(1230, 1500 + 200, '12')];
    expect(texts(layoutPage(input, page))).toEqual(['Điều', '12']);
  });

  it('returns nothing for no words', () => {
    expect(layoutPage([], page)).toEqual([]);
    expect(layoutPage([{ text: '', bbox: [0, 0, 1, 1], confidence: 0, words: [] }], page)).toEqual([]);
  });
});

describe('layoutPage with lines tesseract threaded together', () => {
  it('deals the words of two stacked lines back into their lines', () => {
    const top = line(300, 200, 'ỦY BAN NHÂN DÂN');
    const below = line(330, 262, 'TỈNH BÌNH ĐỊNH');
    const words = [...top.words, ...below.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
    const threaded: Line = { text: words.map((w) => w.text).join(' '), bbox: [300, 200, 800, 307], confidence: 80, words };
    expect(texts(layoutPage([threaded, line(1150, 200, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')], page))).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH BÌNH ĐỊNH',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ]);
  });
});

describe('junk lines from seals and signatures', () => {
  it('tells junk from short real lines', () => {
    for (const [text, confidence] of [['=', 60], ['<', 85], ['ˆ', 30], ['z', 45], ['5', 50], ['Ầ', 36], ['lau', 33]] as const) {
      expect(isJunkLine({ text, confidence })).toBe(true);
    }
    for (const [text, confidence] of [['1', 95], ['4.1', 90], ['TT', 40], ['Nơi nhận:', 50], ['-', 100], ['Điều 1.', 90]] as const) {
      expect(isJunkLine({ text, confidence })).toBe(false);
    }
  });

  it('drops them from the signature column and reports the footer band and its columns', () => {
    const junk = (x: number, y: number, text: string, confidence: number): Line => {
      const l = line(x, y, text);
      l.words[0]!.confidence = confidence;
      return { ...l, confidence };
    };
    const input = [
      line(180, 2000, 'Nhận được Công văn này, Sở Thông tin và Truyền thông thực hiện tốt việc này./.'),
      merged(180, 2120, 'Nơi nhận:', 1500, 'TL. CHỦ TỊCH'),
      merged(180, 2180, '- Như trên;', 1380, 'KT. CHÁNH VĂN PHÒNG'),
      junk(1300, 2240, 'z', 41),
      merged(180, 2300, '- CT, PCT UBND tỉnh;', 1380, 'PHÓ CHÁNH VĂN PHÒNG'),
      junk(1700, 2420, '<', 30),
      line(1450, 2600, 'Nguyễn Tiến Dũng'),
    ];
    const { lines, bands } = layoutWithBands(input, page);
    expect(texts(lines)).toEqual([
      'Nhận được Công văn này, Sở Thông tin và Truyền thông thực hiện tốt việc này./.',
      'Nơi nhận:',
      '- Như trên;',
      '- CT, PCT UBND tỉnh;',
      'TL. CHỦ TỊCH',
      'KT. CHÁNH VĂN PHÒNG',
      'PHÓ CHÁNH VĂN PHÒNG',
      'Nguyễn Tiến Dũng',
    ]);
    expect(bands).toHaveLength(1);
    const band = bands[0]!;
    expect(band).toMatchObject({ left: [1, 4], right: [4, 8], dropped: [0, 2], besideTable: false, top: 2120, above: 2000 + H, below: page.height });
    expect(band.gutter).toBeGreaterThan(line(180, 0, '- CT, PCT UBND tỉnh;').bbox[2]);
    expect(band.gutter).toBeLessThan(1300);
    expect(band.bottom).toBe(2600 + H);
    expect(band.lineHeight).toBe(H);
  });
});
