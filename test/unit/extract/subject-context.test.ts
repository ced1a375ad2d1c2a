import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';
import { restoreDanglingIssuer, restoreFromContext } from '../../../src/stages/extract/subject-context.js';

const BODY = 'Thực hiện Công văn số 8919/UBND-KGVX của UBND tỉnh về việc triển khai công tác thông tin đối ngoại, Sở đề nghị:';

describe('subject words restored from the document restating them', () => {
  it('replaces a garbled run by the words printed between the same neighbours', () => {
    expect(restoreFromContext('triển khai công tác th-g tin đối ngoại', BODY)).toEqual({ text: 'triển khai công tác thông tin đối ngoại', repaired: true });
    expect(restoreFromContext('triển khai công tức, văn thư', 'Quy chế công tác văn thư của cơ quan')).toEqual({ text: 'triển khai công tác văn thư', repaired: true });
  });
  it('replaces a garbled last word after two neighbours', () => {
    expect(restoreFromContext('thực hiện Quyết định số 1486/QĐ-TTg của T-TCE', 'về việc thực hiện Quyết định số 1486/QĐ-TTg của\nTTCP. Sở đề nghị'))
      .toEqual({ text: 'thực hiện Quyết định số 1486/QĐ-TTg của TTCP', repaired: true });
  });
  it('keeps words the document does not restate, or restates unlike, or in two ways', () => {
    expect(restoreFromContext('triển khai công tác thi đua khen thưởng', 'triển khai công tác khen thưởng năm 2022').repaired).toBe(false);
    expect(restoreFromContext('triển khai công tác phòng chống dịch', BODY).repaired).toBe(false);
    expect(restoreFromContext('triển khai công tức, văn thư', 'công tác văn thư và công việc văn thư').repaired).toBe(false);
  });
  it('never takes marks, numbers or references from another reading', () => {
    expect(restoreFromContext('chuyển đổi số trên địa bàn', 'Kế hoạch chuyển đối số trên địa bàn tỉnh').repaired).toBe(false);
    expect(restoreFromContext('thực hiện Công văn số 8919/UBND-KGVX ngày 24/12/2016 của UBND', 'Công văn số 8919/UBND-KGVX ngày 24/12/2018 của UBND').repaired).toBe(false);
  });
});

describe('tokens another reading never replaces', () => {
  it.each([
    ['tổ chức kỳ thi đợt 2 năm 2022', 'Sở đã tổ chức kỳ thi đợt 1 năm 2022 theo kế hoạch'],
    ['báo cáo kết quả 6 tháng đầu năm', 'kết quả 9 tháng đầu năm 2021'],
    ['báo cáo tình hình quý II năm 2021', 'báo cáo tình hình quý I năm 2021 và dự kiến'],
    ['hướng dẫn thực hiện chế độ BHYT', 'hướng dẫn thực hiện chế độ BHXH và'],
    ['thực hiện CV số 1593/BNV-VTLTNN ngày 27/03/2020 của BNV', 'Thực hiện Công văn số 1593/BNV-VTLTNN ngày 27/03/2020 của Bộ Nội vụ về việc'],
    ['triển khai Chỉ thị số 15/CT-TTg của TTg', 'thực hiện Chỉ thị số 15/CT-TTg của Thủ tướng Chính phủ về'],
    ['thực hiện Công văn số 55/STC-NS của STC', 'Thực hiện Công văn số 55/STC-NS của Sở Tài chính về việc'],
  ])('keeps a number, a Roman numeral or an abbreviation: %s', (subject, context) => {
    expect(restoreFromContext(subject, context)).toEqual({ text: subject, repaired: false });
  });
  it('replaces a run only by as many words', () => {
    expect(restoreFromContext('triển khai công tác tg-tin đối ngoại', BODY).repaired).toBe(false);
  });
});

describe('a subject cut after "của"', () => {
  it('takes the issuer abbreviation printed after the same words elsewhere in the file', () => {
    const file = 'về thực hiện Công văn số 2926/BGDĐT-GDTrH ngày\n05/07/2022 của BGDĐT, Sở Giáo dục và Đào tạo đề nghị';
    expect(restoreDanglingIssuer('thực hiện Công văn số 2926/BGDĐT-GDTrH ngày 05/07/2022 của', file))
      .toEqual({ text: 'thực hiện Công văn số 2926/BGDĐT-GDTrH ngày 05/07/2022 của BGDĐT', repaired: true });
    expect(restoreDanglingIssuer('thực hiện Kế hoạch ngày 01/12/2021 của', 'Kế hoạch ngày 01/12/2021 của UBND tỉnh về việc').text)
      .toBe('thực hiện Kế hoạch ngày 01/12/2021 của UBND tỉnh');
  });
  it('adds nothing when the words go on otherwise or two places disagree', () => {
    expect(restoreDanglingIssuer('ngày 05/07/2022 của', 'ngày 05/07/2022 của Bộ Giáo dục').repaired).toBe(false);
    expect(restoreDanglingIssuer('ngày 05/07/2022 của', 'ngày 05/07/2022 của BGDĐT; ngày 05/07/2022 của UBND').repaired).toBe(false);
    expect(restoreDanglingIssuer('ngày 05/07/2022 của BGDĐT', 'ngày 05/07/2022 của BGDĐT').repaired).toBe(false);
  });
});

describe('in a whole file', () => {
  const forwarding = [
    'UBND TỈNH QUẢNG NAM', 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'Số: 2506/STTTT-TTBCXB', 'V/v triển khai thực hiện Công văn', 'số 8919/UBND-KGVX',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Nam, ngày 31 tháng 12 năm 2018',
    'Kính gửi: Sở Tài chính.', 'Thực hiện Công văn số 8919/UBND-KGVX ngày 24/12/2018 của UBND tỉnh về việc triển khai công tác thông tin đối ngoại, Sở đề nghị thực hiện./.',
    'Nơi nhận:', '- Như trên;', '- Lưu: VT, TTBCXB.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Hữu Dũng',
  ];
  const attached = [
    'ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NAM', 'Số: 8919/UBND-KGVX', 'V/v triển khai công tác', 'tbông tin đối ngoại',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Nam, ngày 24 tháng 12 năm 2018',
    'Kính gửi: Sở Thông tin và Truyền thông.', 'Ủy ban nhân dân tỉnh đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, KGVX.',
    'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An',
  ];
  it('restores an attached document\'s subject from the letter forwarding it, flagged', () => {
    const [, own] = extractDocuments([page(1, forwarding), page(2, attached)], { now: new Date('2026-01-01T00:00:00Z') });
    expect(own!.subject).toBe('triển khai công tác thông tin đối ngoại');
    expect(own!.needsReview).toContain('subject');
    expect(own!.confidence.subject).toBeLessThan(0.9);
  });
});
