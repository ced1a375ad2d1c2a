import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** A small letter; parts can be swapped to exercise variants. */
function letter(o: { date?: string; number?: string; stamp?: string[]; title?: string; extra?: string[]; place?: string; issuer?: string[] } = {}): string[] {
  return [
    ...(o.issuer ?? ['UBND TỈNH LÂM ĐỒNG', 'SỞ Y TẾ']),
    ...(o.stamp ?? []),
    `Số: ${o.number ?? '315/SYT-NVY'}`,
    ...(o.title ? [] : ['V/v tăng cường phòng chống dịch']),
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    `${o.place ?? 'Lâm Đồng'}, ngày ${o.date ?? '03 tháng 3 năm 2023'}`,
    ...(o.title ? [o.title, 'Phòng chống dịch bệnh mùa khô'] : []),
    'Kính gửi:',
    '- Sở Giáo dục và Đào tạo;',
    '- UBND các huyện, thành phố.',
    'Phúc đáp Công văn số 77/SGDĐT-CTTT ngày 01/3/2023 của Sở Giáo dục và Đào tạo, Sở Y tế có ý kiến như sau:',
    ...(o.extra ?? []),
    'Đề nghị các đơn vị thực hiện./.',
    'Nơi nhận:',
    '- Như trên;',
    '- Lưu: VT.',
    'Q. GIÁM ĐỐC',
    'Lê Văn Hùng',
  ];
}

describe('unseen province, type and stamp variants', () => {
  it('reads a Lâm Đồng department letter', () => {
    const [d] = extractDocuments([page(1, letter())], { now: NOW });
    expect(d).toMatchObject({
      ref: '315/SYT-NVY', type: 'Công văn', issuer: 'Sở Y tế tỉnh Lâm Đồng', parentBody: 'Ủy ban nhân dân tỉnh Lâm Đồng',
      issuedDate: '2023-03-03', place: 'Lâm Đồng', subject: 'tăng cường phòng chống dịch',
      recipients: ['Sở Giáo dục và Đào tạo tỉnh Lâm Đồng', 'Ủy ban nhân dân các huyện, thành phố thuộc tỉnh Lâm Đồng'],
      signer: { name: 'Lê Văn Hùng', authority: ['Q. GIÁM ĐỐC'], title: null },
    });
    expect(d!.references).toEqual([
      { type: 'Công văn', ref: '77/SGDĐT-CTTT', title: null, date: '2023-03-01', issuer: 'Sở Giáo dục và Đào tạo tỉnh Lâm Đồng', relation: 'replies-to' },
    ]);
  });

  it('reads a "CV ĐẾN" stamp with dotted 2-digit-year date and never takes its Số as the document number', () => {
    const stamp = ['VĂN PHÒNG UBND TỈNH LÂM ĐỒNG', 'CV ĐẾN', 'Số: 1234', 'Ngày: 06.03.23', 'Chuyển: Đ/c An'];
    const [d] = extractDocuments([page(1, letter({ stamp }))], { now: NOW });
    expect(d!.ref).toBe('315/SYT-NVY');
    expect(d!.arrival).toEqual({ receiver: 'Văn phòng Ủy ban nhân dân tỉnh Lâm Đồng', number: '1234', date: '2023-03-06' });
    expect(d!.needsReview).not.toContain('arrival');
  });

  it('takes the type from the title and flags a code/title mismatch', () => {
    const [ok] = extractDocuments([page(1, letter({ number: '12/TB-SYT', title: 'THÔNG BÁO' }))], { now: NOW });
    expect(ok!.type).toBe('Thông báo');
    expect(ok!.subject).toBe('Phòng chống dịch bệnh mùa khô');
    expect(ok!.needsReview).not.toContain('type');
    const [bad] = extractDocuments([page(1, letter({ number: '12/KH-SYT', title: 'THÔNG BÁO' }))], { now: NOW });
    expect(bad!.type).toBe('Thông báo');
    expect(bad!.needsReview).toContain('type');
    expect(bad!.confidence.type!).toBeLessThan(ok!.confidence.type!);
  });

  it('flags an arrival before the issue date and a date in the future', () => {
    const stamp = ['SỞ Y TẾ', 'ĐẾN 01-03-2023', 'Số: 88'];
    const [d] = extractDocuments([page(1, letter({ stamp }))], { now: NOW });
    expect(d!.arrival).toEqual({ receiver: 'Sở Y tế tỉnh Lâm Đồng', number: '88', date: '2023-03-01' });
    expect(d!.needsReview).toEqual(expect.arrayContaining(['arrival', 'issuedDate']));
    const [f] = extractDocuments([page(1, letter({ date: '03 tháng 3 năm 2027' }))], { now: NOW });
    expect(f!.needsReview).toContain('issuedDate');
  });

  it('lowers confidence for low OCR confidence and marks missing required fields', () => {
    const [hi] = extractDocuments([page(1, letter(), 98)], { now: NOW });
    const [lo] = extractDocuments([page(1, letter(), 40)], { now: NOW });
    expect(lo!.confidence.ref!).toBeLessThan(hi!.confidence.ref!);
    const [none] = extractDocuments([page(1, ['Một trang chỉ có nội dung.', 'Không có tiêu đề.'])], { now: NOW });
    expect(none!.ref).toBeNull();
    expect(none!.confidence.ref).toBe(0);
    expect(none!.needsReview).toEqual(expect.arrayContaining(['ref', 'issuer', 'issuedDate']));
  });

  it('reads urgency marks only as capitals, and old authority prefixes', () => {
    const lines = letter({ extra: ['Yêu cầu khẩn trương thực hiện.'] });
    expect(extractDocuments([page(1, lines)], { now: NOW })[0]!.urgency).toBeNull();
    const urgent = letter();
    urgent.splice(3, 0, 'HỎA TỐC');
    expect(extractDocuments([page(1, urgent)], { now: NOW })[0]!.urgency).toBe('Hỏa tốc');
    const old = letter();
    old.splice(old.length - 2, 2, 'T/M ỦY BAN NHÂN DÂN', 'K/T CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Văn B');
    expect(extractDocuments([page(1, old)], { now: NOW })[0]!.signer).toEqual({
      name: 'Trần Văn B', authority: ['T/M ỦY BAN NHÂN DÂN', 'K/T CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH',
    });
  });

  it('collects Căn cứ clauses: laws by name, decrees, and the parent directive of a plan', () => {
    const lines = [
      'ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG', 'Số: 45/KH-UBND', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Lâm Đồng, ngày 10 tháng 02 năm 2023', 'KẾ HOẠCH', 'Phòng, chống thiên tai năm 2023',
      'Căn cứ Luật phòng, chống thiên tai ngày 19/6/2013;',
      'Căn cứ Nghị định số 66/2021/NĐ-CP ngày 06/7/2021 của Chính phủ quy định chi tiết thi hành Luật;',
      'Căn cứ Chỉ thị số 02/CT-TTg ngày 15/01/2023 của Thủ tướng Chính phủ về công tác phòng, chống thiên tai;',
      'Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:',
      'Nơi nhận:', '- Lưu: VT.', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Trần Văn Hiệp',
    ];
    const [d] = extractDocuments([page(1, lines)], { now: NOW });
    expect(d!.type).toBe('Kế hoạch');
    expect(d!.legalBases).toEqual([
      { type: 'Luật', ref: null, title: 'Luật Phòng, chống thiên tai', date: '2013-06-19', issuer: 'Quốc hội' },
      { type: 'Nghị định', ref: '66/2021/NĐ-CP', title: 'quy định chi tiết thi hành Luật', date: '2021-07-06', issuer: 'Chính phủ' },
    ]);
    expect(d!.references).toEqual([
      { type: 'Chỉ thị', ref: '02/CT-TTg', title: 'về công tác phòng, chống thiên tai', date: '2023-01-15', issuer: 'Thủ tướng Chính phủ', relation: 'implements' },
    ]);
  });
});
