import { describe, expect, it } from 'vitest';
import type { Line, PageText } from '../../../schemas/page.js';
import { extractDocuments } from '../../../src/stages/extract/index.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** A row of the page: its text, or its text with how the stamp's own crop read it. */
type Row = string | [string, { stamp?: true; confidence?: number; unsure?: true }];

function page(rows: Row[]): PageText {
  const lines: Line[] = rows.map((r, i) => {
    const [text, o] = Array.isArray(r) ? r : [r, {}];
    const line: Line = { text, bbox: [200, 200 + i * 60, 2200, 250 + i * 60], confidence: o.confidence ?? 92, words: [] };
    if (o.stamp) line.kind = 'stamp';
    if (o.unsure) line.unsure = true;
    return line;
  });
  return { page: 1, width: 2480, height: 3508, source: 'ocr', rotation: 0, lines, text: lines.map((l) => l.text).join('\n') };
}

/** A letter of a provincial people's committee with the given stamp rows after its Kính gửi line. */
function letter(stamp: Row[], { ref = 'Số: 2741/UBND-NC', date = 'Lâm Đồng, ngày 10 tháng 5 năm 2022', province = 'TỈNH LÂM ĐỒNG' } = {}): PageText[] {
  return [
    page([
      'ỦY BAN NHÂN DÂN', province, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', ref, date,
      'V/v triển khai nhiệm vụ năm 2022', 'Kính gửi: Các sở, ban, ngành cấp tỉnh', ...stamp,
      'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc triển khai nhiệm vụ năm 2022,',
      'đề nghị các cơ quan, đơn vị khẩn trương thực hiện và báo cáo kết quả.',
      'Nơi nhận:', '- Như trên;', '- Lưu: VT, NC.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Văn Bình',
    ]),
  ];
}
const crop = (text: string, o: { confidence?: number; unsure?: true } = {}): Row => [text, { stamp: true, confidence: o.confidence ?? 85, ...(o.unsure ? { unsure: true as const } : {}) }];
const arrivalOf = (pages: PageText[]) => {
  const [doc] = extractDocuments(pages, { now: NOW });
  return { arrival: doc!.arrival, review: (doc!.needsReview ?? []).includes('arrival') };
};

describe('arrival values that are guesses go to review', () => {
  it('reads a clean stamp without review (the control)', () => {
    expect(arrivalOf(letter(['UBND HUYỆN ĐỨC TRỌNG', 'ĐẾN Số: 315', 'Ngày: 12-05-2022']))).toEqual({
      arrival: { receiver: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Đức Trọng', number: '315', date: '2022-05-12' },
      review: false,
    });
  });

  it('names no Sở for a district office line that lost its start', () => {
    const r = arrivalOf(letter([crop('TÀI NGUYÊN VÀ MÔI TRƯỜNG HUYỆN ĐỨC TRỌNG'), crop('ĐẾN'), crop('Số: 315'), crop('Ngày: 12-05-2022')]));
    expect(r.arrival?.receiver).toBeNull();
    expect(r.review).toBe(true);
  });

  it('flags a department named from an office line that lost its start', () => {
    const r = arrivalOf(letter([crop('NGHIỆP VÀ MÔI TRƯỜNG TỈNH LÂM ĐỒNG'), crop('ĐẾN'), crop('Số: 315'), crop('Ngày: 12-05-2022')]));
    expect(r.arrival?.receiver).toBe('Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng');
    expect(r.review).toBe(true);
  });

  it('flags a receiver the page pass and the crop name differently, keeping the one read whole', () => {
    const r = arrivalOf(letter(['SỞ TÀI CHÍNH TỈNH LÂM ĐỒNG', 'ĐẾN Số: 315', 'Ngày: 12-05-2022', crop('CHÍNH VÀ ĐẦU TƯ TỈNH LÂM ĐỒNG'), crop('ĐẾN'), crop('Số: 315'), crop('Ngày: 12-05-2022')]));
    expect(r.arrival?.receiver).toBe('Sở Tài chính tỉnh Lâm Đồng');
    expect(r.review).toBe(true);
  });

  it('keeps a date read whole more than 90 days after the issue date, flagged', () => {
    expect(arrivalOf(letter([crop('UBND HUYỆN ĐỨC TRỌNG'), crop('ĐẾN'), crop('Số: 315'), crop('Ngày: 12-09-2022')]))).toEqual({
      arrival: { receiver: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Đức Trọng', number: '315', date: '2022-09-12' },
      review: true,
    });
    // a year later: kept as read (no repair into the issue window), flagged
    const late = arrivalOf(letter(['UBND HUYỆN ĐỨC TRỌNG', 'ĐẾN Số: 15', 'Ngày: 05-01-2023'], { date: 'Lâm Đồng, ngày 03 tháng 01 năm 2022' }));
    expect(late.arrival?.date).toBe('2023-01-05');
    expect(late.review).toBe(true);
  });

  it('flags a stamp field the OCR marked unsure, or read apart at confidence 50', () => {
    const stamp = (o: { confidence?: number; unsure?: true }) => [crop('UBND HUYỆN ĐỨC TRỌNG'), crop('ĐẾN'), crop('Số: 2718', o), crop('Ngày: 12-05-2022')];
    expect(arrivalOf(letter(stamp({ confidence: 80, unsure: true }))).review).toBe(true);
    expect(arrivalOf(letter(stamp({ confidence: 50 }))).review).toBe(true);
    expect(arrivalOf(letter(stamp({ confidence: 80 }))).review).toBe(false);
  });

  it('flags an arrival number equal to the document\'s own number', () => {
    const r = arrivalOf(letter(['UBND HUYỆN ĐỨC TRỌNG', 'ĐẾN Số: 2741', 'Ngày: 12-05-2022']));
    expect(r.arrival?.number).toBe('2741');
    expect(r.review).toBe(true);
  });
});

describe('numbered districts on a stamp', () => {
  const city = { province: 'THÀNH PHỐ HỒ CHÍ MINH', date: 'Thành phố Hồ Chí Minh, ngày 10 tháng 5 năm 2022' };
  it('keeps the number of a quận as part of the office', () => {
    expect(arrivalOf(letter(['UBND QUẬN 3', 'ĐẾN Số: 315', 'Ngày: 12-05-2022'], city)).arrival?.receiver).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 3');
    expect(arrivalOf(letter(['VP HĐND VÀ UBND QUẬN 10', 'ĐẾN Số: 315', 'Ngày: 12-05-2022'], city)).arrival?.receiver).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10');
  });

  it('names no Sở for a district department that lost its start', () => {
    const r = arrivalOf(letter([crop('GIÁO DỤC VÀ ĐÀO TẠO QUẬN 3'), crop('ĐẾN'), crop('Số: 315'), crop('Ngày: 12-05-2022')], city));
    expect(r.arrival?.receiver).toBeNull();
    expect(r.review).toBe(true);
  });
});
