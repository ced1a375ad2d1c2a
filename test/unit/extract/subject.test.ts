import { describe, expect, it } from 'vitest';
import { extractHeader } from '../../../src/stages/extract/header.js';
import { cleanSubject } from '../../../src/stages/extract/subject.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { buildVocab } from '../../../src/stages/extract/vocab.js';
import type { BBox } from '../../../schemas/page.js';

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));
const clean = (s: string): string => cleanSubject(s, buildVocab([])).text;

describe('subject clean-up', () => {
  it.each([
    // a unit code that only looks like a known one stays as read (an unlisted code reads the same)
    ['triển khai thực hiện Công văn số 3371/UBND-NG ngày 6/4/2020', 'triển khai thực hiện Công văn số 3371/UBND-NG ngày 6/4/2020'],
    ['thực hiện QĐ số 1829/OĐ-TTg của TTCP', 'thực hiện QĐ số 1829/QĐ-TTg của TTCP'],
    ['thực hiện Quyết định số 1486/QĐ TTg của TTCP', 'thực hiện Quyết định số 1486/QĐ-TTg của TTCP'],
    ['thực hiện Quyết định số 1486/QĐ.TTg của TTCP', 'thực hiện Quyết định số 1486/QĐ-TTg của TTCP'],
    ['Chuyến đối số trên địa bàn tỉnh Đắk Lắk năm 2022', 'Chuyển đổi số trên địa bàn tỉnh Đắk Lắk năm 2022'],
    ['triển khái công tác văn thư', 'triển khai công tác văn thư'],
  ])('%s', (read, subject) => {
    expect(clean(read)).toBe(subject);
  });
  it('leaves dates, year ranges and unknown codes alone', () => {
    expect(clean('thực hiện nhiệm vụ năm học 2022-2023 theo Công văn 12/ABC-XYZ ngày 05/07/2022')).toBe('thực hiện nhiệm vụ năm học 2022-2023 theo Công văn 12/ABC-XYZ ngày 05/07/2022');
  });
  it.each(['Nam học và sức khỏe sinh sản', 'tổ chức Hội nghị bàn về Nam học'])('never imposes marks from a phrase list on another reading: %s', (read) => {
    expect(cleanSubject(read, buildVocab([]))).toEqual({ text: read, repaired: false });
  });
  it('restores marks from the same two words printed elsewhere in the document, the most frequent spelling', () => {
    const context = ['Triển khai nhiệm vụ năm học mới, các trường thực hiện:', '1. Tổng kết năm học 2021-2022;', '2. Chuẩn bị năm học 2022-2023.'];
    expect(cleanSubject('hướng dẫn nhiệm vụ nam học 2022-2023', buildVocab([]), context)).toEqual({ text: 'hướng dẫn nhiệm vụ năm học 2022-2023', repaired: true });
    // printed once only, or as often as another spelling: left as read
    expect(cleanSubject('hướng dẫn nhiệm vụ nam học 2022-2023', buildVocab([]), context.slice(0, 1)).text).toBe('hướng dẫn nhiệm vụ nam học 2022-2023');
    expect(cleanSubject('Nam học và sức khỏe', buildVocab([]), [...context, 'Khoa Nam học', 'khám nam học', 'Nam học'])).toEqual({ text: 'Nam học và sức khỏe', repaired: false });
  });
  it('flags a repaired subject', () => {
    expect(cleanSubject('Chuyến đối số', buildVocab([])).repaired).toBe(true);
    expect(cleanSubject('Chuyển đổi số', buildVocab([])).repaired).toBe(false);
  });
});

const HEAD = ['ỦY BAN NHÂN DÂN', 'TỈNH ĐẮK LẮK', 'Số: 273/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Đắk Lắk, ngày 01 tháng 12 năm 2021'];

describe('subject lines in the header', () => {
  it('reads "V/v" after a speck and across a stray dot', () => {
    const h = extractHeader(lines(['UBND TỈNH ĐẮK LẮK', 'SỞ NỘI VỤ', 'Số: 794/SNV-CCHC', '-V/v triển khai.', 'thực hiện Công văn', 'số 3371/UBND-NC', ...HEAD.slice(3)]), new Set());
    expect(h.subject).toBe('triển khai thực hiện Công văn số 3371/UBND-NC');
  });
  it('stops the V/v block at stamp text in marked capitals', () => {
    const h = extractHeader(lines(['BỘ GIÁO DỤC', 'VÀ ĐÀO TẠO', 'Số: 2926/BGDĐT-GDTrH', 'V/v hướng dẫn thực hiện', 'năm học 2022-2023', 'VĂN mau', 'Ân', ...HEAD.slice(3)]), new Set());
    expect(h.subject).toBe('hướng dẫn thực hiện năm học 2022-2023');
  });
  it('skips short stamp debris between the title and its subject', () => {
    const h = extractHeader(lines([...HEAD, 'KẾ HOẠCH', 'Căn có', 'Giáo E', 'Thực hiện nhiệm vụ năm học 2022-2023', 'trên địa bàn tỉnh Nghệ An', 'Căn cứ Luật Giáo dục;']), new Set());
    expect(h.subject).toBe('Thực hiện nhiệm vụ năm học 2022-2023 trên địa bàn tỉnh Nghệ An');
  });
  it('reads a title after a quote mark and a subject after a dash', () => {
    const h = extractHeader(lines([...HEAD, "'QUYẾT ĐỊNH", '- Ban hành Kế hoạch triển khai Chương trình', 'Chuyển đổi số quốc gia năm 2022', 'THỦ TƯỚNG CHÍNH PHỦ']), new Set());
    expect(h.typeFromTitle).toBe('Quyết định');
    expect(h.subject).toBe('Ban hành Kế hoạch triển khai Chương trình Chuyển đổi số quốc gia năm 2022');
  });
  it('ends the subject at an off-centre body line', () => {
    const boxed = (t: string, b: BBox) => makeLine(t, 1, b, 90);
    const ls = [
      ...HEAD.map((t, i) => boxed(t, [400, 100 + 60 * i, 2200, 150 + 60 * i])),
      boxed('KẾ HOẠCH', [1145, 545, 1473, 612]),
      boxed('Chuyển đổi số trên địa bàn tỉnh Đắk Lắk năm 2022', [674, 632, 1944, 690]),
      boxed('Số 1829/QĐ-TTg ngày 15/11/2021 của Thủ tướng', [1058, 742, 2276, 843]),
      boxed('Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện', [341, 824, 2276, 929]),
    ];
    expect(extractHeader(ls, new Set()).subject).toBe('Chuyển đổi số trên địa bàn tỉnh Đắk Lắk năm 2022');
  });
  it('skips a line read out of order between two centred subject lines, not a body line', () => {
    const boxed = (t: string, b: BBox) => makeLine(t, 1, b, 90);
    const head = HEAD.map((t, i) => boxed(t, [400, 100 + 60 * i, 2200, 150 + 60 * i]));
    const ls = [
      ...head,
      boxed('QUYẾT ĐỊNH', [1091, 554, 1473, 621]),
      boxed('Ban hành Kế hoạch triển khai Chương trình', [729, 629, 1836, 698]),
      boxed('va căn Luật', [393, 974, 738, 1026]),
      boxed('Chuyển đổi số quốc gia năm 2022', [872, 705, 1700, 776]),
      boxed('THỦ TƯỚNG CHÍNH PHỦ', [935, 824, 1640, 891]),
    ];
    expect(extractHeader(ls, new Set()).subject).toBe('Ban hành Kế hoạch triển khai Chương trình Chuyển đổi số quốc gia năm 2022');
    const body = [
      ...head,
      boxed('KẾ HOẠCH', [1145, 545, 1473, 612]),
      boxed('Chuyển đổi số trên địa bàn tỉnh Đắk Lắk năm 2022', [674, 632, 1944, 690]),
      boxed('Số 1829/QĐ-TTg ngày 15/11/2021 của Thủ tướng', [1058, 742, 2276, 843]),
      boxed('Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện trên địa', [341, 824, 2276, 929]),
    ];
    expect(extractHeader(body, new Set()).subject).toBe('Chuyển đổi số trên địa bàn tỉnh Đắk Lắk năm 2022');
  });
  it('keeps a short centred subject and never skips into the legal bases', () => {
    const boxed = (t: string, b: BBox) => makeLine(t, 1, b, 90);
    const head = HEAD.map((t, i) => boxed(t, [400, 100 + 60 * i, 2200, 150 + 60 * i]));
    const ls = [
      ...head,
      boxed('KẾ HOẠCH', [1138, 574, 1468, 638]),
      boxed('Tuyển sinh', [1180, 660, 1420, 722]),
      boxed('Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;', [400, 800, 2200, 860]),
    ];
    expect(extractHeader(ls, new Set()).subject).toBe('Tuyển sinh');
    expect(extractHeader(lines([...HEAD, 'KẾ HOẠCH', 'Tuyển sinh', 'Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;']), new Set()).subject).toBe('Tuyển sinh');
  });
});
