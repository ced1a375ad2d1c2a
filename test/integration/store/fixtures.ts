/**
 * Small FileResult fixtures based on the seed dispatch (corpus/seed/000_47729b0b45449708.truth.json):
 * letter 10023/UBND-KGVX (15/11/2018) of Ủy ban nhân dân tỉnh Đắk Lắk implements 1486/QĐ-TTg
 * (06/11/2018), which reached Văn phòng UBND tỉnh Đắk Lắk as no. 10781 on 09/11/2018. The department
 * letter 1234/STTTT-VP and its arrival stamp are invented to make a three-level chain.
 */
import type { DocumentRecord, FileResult } from '../../../schemas/document.js';

export function doc(partial: Partial<DocumentRecord>): DocumentRecord {
  return {
    pages: [1],
    type: null,
    ref: null,
    number: null,
    symbol: null,
    issuedDate: null,
    place: null,
    issuer: null,
    parentBody: null,
    subject: null,
    recipients: [],
    signer: null,
    urgency: null,
    legalBases: [],
    references: [],
    arrival: null,
    confidence: { ref: 0.9, issuedDate: 0.9 },
    text: '',
    ...partial,
  };
}

export function file(name: string, sha256: string, documents: DocumentRecord[]): FileResult {
  const pages = Math.max(0, ...documents.flatMap((d) => d.pages));
  return { file: name, sha256, status: 'done', error: null, pages, documents };
}

export const LETTER_KEY = '10023/UBND-KGVX@2018';
export const DECISION_KEY = '1486/QĐ-TTg@2018';
export const DEPT_KEY = '1234/STTTT-VP@2018';
export const VP_DAKLAK = 'Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk';
export const SO_TTTT = 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk';
export const LAW_KEY = 'Luật|Luật Tổ chức Chính phủ|2015-06-19';

export function letter(pages = [1], overrides: Partial<DocumentRecord> = {}): DocumentRecord {
  return doc({
    pages,
    type: 'Công văn',
    ref: '10023/UBND-KGVX',
    number: '10023',
    symbol: 'UBND-KGVX',
    issuedDate: '2018-11-15',
    place: 'Đắk Lắk',
    issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk',
    subject: 'thực hiện QĐ số 1486/QĐ-TTg ngày 06/11/2018 của TTCP',
    recipients: [SO_TTTT],
    signer: { name: 'Nguyễn Tiến Dũng', authority: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG'], title: 'PHÓ CHÁNH VĂN PHÒNG' },
    references: [
      { type: 'Quyết định', ref: '1486/QĐ-TTg', title: 'ban hành Kế hoạch thông tin đối ngoại của Chính phủ giai đoạn 2018 - 2020', date: '2018-11-06', issuer: 'Thủ tướng Chính phủ', relation: 'implements' },
    ],
    text: 'ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 10023/UBND-KGVX\nV/v thực hiện QĐ số 1486/QĐ-TTg\nngày 06/11/2018 của TTCP\nĐăk Lăk, ngày 15 tháng 11 năm 2018\nKính gửi: Sở Thông tin và Truyền thông\nThực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ tướng Chính phủ ...',
    ...overrides,
  });
}

export function decision(pages = [1, 2], arrival: DocumentRecord['arrival'] = { receiver: VP_DAKLAK, number: '10781', date: '2018-11-09' }): DocumentRecord {
  return doc({
    pages,
    type: 'Quyết định',
    ref: '1486/QĐ-TTg',
    number: '1486',
    symbol: 'QĐ-TTg',
    issuedDate: '2018-11-06',
    place: 'Hà Nội',
    issuer: 'Thủ tướng Chính phủ',
    subject: 'Ban hành Kế hoạch thông tin đối ngoại của Chính phủ giai đoạn 2018 - 2020',
    signer: { name: 'Vũ Đức Đam', authority: ['KT. THỦ TƯỚNG'], title: 'PHÓ THỦ TƯỚNG' },
    legalBases: [
      { type: 'Luật', ref: null, title: 'Luật Tổ chức Chính phủ', date: '2015-06-19', issuer: 'Quốc hội' },
      { type: 'Nghị định', ref: '72/2015/NĐ-CP', title: 'về quản lý hoạt động thông tin đối ngoại', date: '2015-09-07', issuer: 'Chính phủ' },
      { type: 'Nghị quyết', ref: '38/NQ-CP', title: 'ban hành Chương trình hành động của Chính phủ', date: '2017-04-25', issuer: 'Chính phủ' },
      { type: 'Quyết định', ref: '368/QĐ-TTg', title: 'phê duyệt Chương trình hành động của Chính phủ về thông tin đối ngoại', date: '2013-02-28', issuer: 'Thủ tướng Chính phủ' },
      { type: 'Quyết định', ref: '2434/QĐ-TTg', title: 'phê duyệt Quy hoạch hệ thống báo chí đối ngoại', date: '2016-12-13', issuer: 'Thủ tướng Chính phủ' },
    ],
    references: [
      { type: 'Tờ trình', ref: '51/TTr-BTTTT', title: null, date: '2018-10-15', issuer: 'Bộ Thông tin và Truyền thông', relation: 'replies-to' },
      { type: 'Nghị quyết', ref: '06-NQ/TW', title: 'về thực hiện có hiệu quả tiến trình hội nhập kinh tế quốc tế', date: '2016-11-05', issuer: 'Ban Chấp hành Trung ương Đảng', relation: 'mentions' },
    ],
    arrival,
    text: 'THỦ TƯỚNG CHÍNH PHỦ\nSố: 1486/QĐ-TTg\nHà Nội, ngày 06 tháng 11 năm 2018\nQUYẾT ĐỊNH\nBan hành Kế hoạch thông tin đối ngoại của Chính phủ\ngiai đoạn 2018 - 2020\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; ...',
  });
}

export function deptLetter(): DocumentRecord {
  return doc({
    type: 'Công văn',
    ref: '1234/STTTT-VP',
    number: '1234',
    symbol: 'STTTT-VP',
    issuedDate: '2018-11-20',
    place: 'Đắk Lắk',
    issuer: SO_TTTT,
    subject: 'triển khai Kế hoạch thông tin đối ngoại',
    references: [{ type: 'Công văn', ref: '10023/UBND-KGVX', title: null, date: '2018-11-15', issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk', relation: 'implements' }],
    text: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 1234/STTTT-VP\nThực hiện Công văn số 10023/UBND-KGVX ngày 15/11/2018 của UBND tỉnh ...',
  });
}

const sha = (c: string): string => c.repeat(64);

/** The seed file: the letter, then the decision as a photocopy carrying the arrival stamp. */
export const seedFile = (): FileResult => file('000_47729b0b45449708.pdf', sha('a'), [letter([1]), decision([2, 3])]);
/** The letter alone (a file that arrives before the decision). */
export const letterFile = (overrides: Partial<DocumentRecord> = {}): FileResult => file('Scan_20181115_1.pdf', sha('b'), [letter([1], overrides)]);
/** The decision alone, as received. */
export const decisionFile = (): FileResult => file('CV_den_10781.pdf', sha('c'), [decision([1, 2])]);
/** The letter as received by the department, arrival stamp on it. */
export const letterReceivedFile = (): FileResult =>
  file('CV_den_456.pdf', sha('d'), [letter([1], { arrival: { receiver: SO_TTTT, number: '456', date: '2018-11-17' } })]);
export const deptFile = (): FileResult => file('STTTT_1234.pdf', sha('e'), [deptLetter()]);
