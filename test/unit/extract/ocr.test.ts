/**
 * Failure kinds seen on real tesseract output of the corpus, each on a page of that output
 * (test/fixtures/extract/ocr/, origin in the README there) or on a small OCR-like snippet.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { cleanSubject } from '../../../src/stages/extract/subject.js';
import { canonicalTitle, parseAuthority, parseName, parseTitle } from '../../../src/stages/extract/signer.js';
import { canonicalReceiver, repairStampDate } from '../../../src/stages/extract/stamp.js';
import { buildVocab } from '../../../src/stages/extract/vocab.js';
import { pageLines } from '../../../src/stages/extract/text.js';
import { parseRef } from '../../../src/stages/normalize/ref.js';
import { segmentPages } from '../../../src/stages/segment.js';
import { page } from './build.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const dir = fileURLToPath(new URL('../../fixtures/extract/ocr/', import.meta.url));
const ocr = (name: string): string[] => readFileSync(`${dir}${name}.txt`, 'utf8').replace(/\n+$/, '').split('\n');
const one = (lines: string[]) => extractDocuments([page(1, lines, 90)], { now: NOW })[0]!;

describe('signature block on OCR output', () => {
  it('reads the seed letter signer across speck lines from the seal and signature', () => {
    const d = one(ocr('seed-p1'));
    expect(d.signer).toEqual({ name: 'Nguyễn Tiến Dũng', authority: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG'], title: 'PHÓ CHÁNH VĂN PHÒNG' });
    expect(d.needsReview).not.toContain('signer');
  });

  it('reads authority lines with stray punctuation, lost spaces and misread letters', () => {
    expect(parseAuthority('KT.GIÁM ĐỐC.')).toEqual({ text: 'KT. GIÁM ĐỐC', repaired: false });
    expect(parseAuthority('=KT-CHỦ TỊCH')).toEqual({ text: 'KT. CHỦ TỊCH', repaired: false });
    expect(parseAuthority('KT.CHỦTỊCH')).toEqual({ text: 'KT. CHỦ TỊCH', repaired: false });
    expect(parseAuthority('“KT. GIÁM ĐỐC')).toEqual({ text: 'KT. GIÁM ĐỐC', repaired: false });
    expect(parseAuthority('KI.CHU TỊCH')).toEqual({ text: 'KT. CHỦ TỊCH', repaired: true });
    expect(parseAuthority('KT. GIÁẢM ĐÓC')).toEqual({ text: 'KT. GIÁM ĐỐC', repaired: true });
    expect(parseAuthority('Kính gửi: Sở Y tế')).toBeNull();
  });

  it('repairs title words on folded letters and flags letter changes', () => {
    expect(parseTitle('...PHÓ GIÁM ĐỐC .')).toEqual({ text: 'PHÓ GIÁM ĐỐC', repaired: false });
    expect(parseTitle('PHO CHÚ TỊCH')).toEqual({ text: 'PHÓ CHỦ TỊCH', repaired: false });
    expect(parseTitle('“HÓ THỦ ƯỚNG')).toEqual({ text: 'PHÓ THỦ TƯỚNG', repaired: true });
    expect(parseTitle('VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG')).toEqual({ text: 'VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG', repaired: false });
    expect(parseTitle('N NHÂN DÂN')).toBeNull();
    expect(parseTitle('ĐA')).toBeNull();
    expect(canonicalTitle('HỦ TỊCH')).toEqual({ text: 'CHỦ TỊCH', repaired: true }); // one letter lost: repaired, flagged
    expect(canonicalTitle('PHG TỊCH')).toBeNull(); // nearer to nothing known: not guessed
  });

  it('reads personal names trimmed of specks, never list entries', () => {
    expect(parseName('> Hoàng Bá Toàn')?.text).toBe('Hoàng Bá Toàn');
    expect(parseName('Vũ Bá Thạch -')?.text).toBe('Vũ Bá Thạch');
    expect(parseName('Y Bliêng Rơ Mah')?.text).toBe('Y Bliêng Rơ Mah');
    expect(parseName('- Trang TTĐT Sở;')).toBeNull();
    expect(parseName('yễn Công Cường')).toBeNull();
  });

  it('keeps a lone name after the Nơi nhận list when OCR lost the authority and title, flagged', () => {
    const d = one(ocr('CV_den_508-p2'));
    expect(d.signer).toEqual({ name: 'Nguyễn Thu Giang', authority: [], title: null });
    expect(d.needsReview).toContain('signer');
    expect(d.confidence.signer!).toBeLessThan(0.5);
  });

  it('reads a block whose authority OCR merged into the Nơi nhận line, with specks', () => {
    const d = one(ocr('CV_den_350-p1'));
    expect(d.signer).toEqual({ name: 'Nguyễn Tiến Thắng', authority: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC' });
  });
});

describe('arrival stamp on OCR output', () => {
  it('takes the office line OCR appended after the page body as a receiver only, flagged', () => {
    const [letter, decision] = extractDocuments([page(1, ocr('seed-p1'), 90), page(2, ocr('seed-p2'), 90)], { now: NOW });
    expect(letter!.arrival).toBeNull();
    expect(decision!.arrival).toEqual({ receiver: 'Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk', number: null, date: null });
    expect(decision!.needsReview).toContain('arrival');
  });

  it('never takes a signature line at the page end for a stamp office', () => {
    const lines = ocr('CV_den_508-p2').slice(0, -1).concat(['ỦY BAN NHÂN DÂN']);
    expect(one(lines).arrival).toBeNull();
  });

  it('reads "HĐND VÀ UBND <locality>" after the signer with "|su 2213" / "ĐẾN hany 30/04/2020"', () => {
    const d = one(ocr('CV_den_350-p1'));
    expect(d.arrival).toEqual({ receiver: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn', number: '2213', date: '2020-04-30' });
    expect(d.needsReview).toContain('arrival'); // "Số" was misread
  });

  it('reads a misread "Số" under the stamp office line and leaves an unreadable date empty', () => {
    const d = one(ocr('Scan_20220808_6-p2'));
    expect(d.arrival).toEqual({ receiver: 'Sở Giáo dục và Đào tạo tỉnh Gia Lai', number: '3528', date: null });
    expect(d.needsReview).toContain('arrival');
    const e = one(ocr('Scan_20220801_26-p2'));
    // "số: 3940 Kính gửi: ..." merged with the recipients; "ĐEN 39-97-2022" has no single reading
    expect(e.arrival).toEqual({ receiver: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn', number: '3940', date: null });
    expect(e.recipients.length).toBeGreaterThan(0);
  });

  it('repairs a handwritten date misread in one part only when a single reading fits after the issue date', () => {
    const d = one(ocr('scan_8235-p1'));
    expect(d.arrival?.number).toBe('6703');
    expect(d.arrival?.date).toBe('2021-12-21'); // "ĐẾN 21-12-2921"
    expect(d.needsReview).toContain('arrival');
    expect(repairStampDate('21-12-2921', '2021-12-14')).toBe('2021-12-21');
    expect(repairStampDate('92-12-2621', '2021-12-01')).toBeNull(); // 02, 12 or 22: ambiguous
    expect(repairStampDate('39-97-2022', '2022-07-13')).toBeNull();
    expect(repairStampDate('21-12-2921', null)).toBeNull();
  });

  it('canonicalises stamp receivers that lost "VP" or misread B as E', () => {
    expect(canonicalReceiver('HĐND VÀ UBND THỊ XÃ AN NHƠN')).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn');
    expect(canonicalReceiver("UEND HUYỆN EA H'LEO")).toBe("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Ea H'leo");
    expect(canonicalReceiver('VP HĐND VÀ UBND')).toBeNull(); // locality lost: unknown, not the issuer's
  });
});

describe('header on OCR output', () => {
  it('reads the place-date line with "thúng" for "tháng", flagged', () => {
    const d = one(ocr('CV_den_508-p2'));
    expect([d.issuedDate, d.place]).toEqual(['2022-07-04', 'Bình Định']);
    expect(d.needsReview).toContain('issuedDate');
    expect(d.confidence.issuedDate!).toBeLessThan(0.9);
  });

  it('reads issuing bodies with quote marks, trailing dots, TÍNH and a lost last word', () => {
    expect(one(ocr('CV_den_350-p2')).issuer).toBe('Ủy ban nhân dân tỉnh Bình Định');
    expect(one(ocr('VBD_05380-p2')).issuer).toBe('Ủy ban nhân dân tỉnh Đắk Lắk');
  });

  it('repairs a doubled letter in a type code and flags a symbol that lost its hyphen', () => {
    expect(parseRef('1829/QĐÐ-TTg')).toMatchObject({ ref: '1829/QĐ-TTg', repaired: true });
    expect(parseRef('24/STTTITIBCXB')?.repaired).toBe(true);
    expect(parseRef('10023/UBND-KGVX')?.repaired).toBe(false);
  });

  it('still starts a document on a page whose date reads "thúng"', () => {
    const pages = [page(1, ocr('seed-p1')), page(2, ocr('CV_den_508-p2'))];
    expect(segmentPages(pages)).toEqual([[1], [2]]);
  });
});

describe('subject clean-up', () => {
  const vocab = buildVocab(pageLines(page(1, ['Nghị định số 30/2020/NĐ-CP', 'theo Nghị định', 'văn thư theo N ghị định'])));
  it('joins a word split by a space only when the document prints it whole elsewhere', () => {
    expect(cleanSubject('triển khai công tác văn thư theo N ghị định', vocab)).toEqual({ text: 'triển khai công tác văn thư theo Nghị định', repaired: true });
    expect(cleanSubject('giao A tổ chức', vocab).text).toBe('giao A tổ chức');
  });

  it('drops dots and dashes read between words, specks and junk at the end', () => {
    const v = buildVocab([]);
    expect(cleanSubject('triển khai thực hiện Công văn số 3985/UBND-KT ngày 4/7/2022 của.UBND.tỉnh', v).text)
      .toBe('triển khai thực hiện Công văn số 3985/UBND-KT ngày 4/7/2022 của UBND tỉnh');
    expect(cleanSubject('thực hiện CV số 1593/BNV-VTLTNN ngày 27/03/2020 của-BNV', v).text).toBe('thực hiện CV số 1593/BNV-VTLTNN ngày 27/03/2020 của BNV');
    expect(cleanSubject('triển khai nhiệm vụ năm học 2022-2023—--', v).text).toBe('triển khai nhiệm vụ năm học 2022-2023');
    expect(cleanSubject('thực hiện QĐ số 1486/QĐ- TTg của TTCP', v)).toEqual({ text: 'thực hiện QĐ số 1486/QĐ-TTg của TTCP', repaired: true });
    expect(cleanSubject('thực hiện QĐĐ số 1829/QĐ-TTg của TTCP', v)).toEqual({ text: 'thực hiện QĐ số 1829/QĐ-TTg của TTCP', repaired: true });
    expect(cleanSubject('thực hiện QĐ số 1829/QĐ-TTg của TTCP D THÔNG TÍN VÀ TRUYỀN THÔNG TỈNH Gt', v).text).toBe('thực hiện QĐ số 1829/QĐ-TTg của TTCP');
    expect(cleanSubject('Kế hoạch giai đoạn 2018 - 2020 trên địa bàn', v)).toEqual({ text: 'Kế hoạch giai đoạn 2018 - 2020 trên địa bàn', repaired: false });
  });
});

describe('citations on OCR output', () => {
  it('rejoins a reference broken at its hyphen across lines, flagged ("51/TTr-" / "BTTTT ngày …")', () => {
    const [, decision] = extractDocuments([page(1, ocr('seed-p1'), 90), page(2, ocr('seed-p2'), 90)], { now: NOW });
    expect(decision!.references).toContainEqual({
      type: 'Tờ trình', ref: '51/TTr-BTTTT', title: null, date: '2018-10-15', issuer: 'Bộ Thông tin và Truyền thông', relation: 'replies-to',
    });
    expect(decision!.needsReview).toContain('references');
  });

  it('reads the issuer across a line break ("của Bộ" / "Nội vụ về việc …") so a nested citation stays nested', () => {
    const d = one(ocr('VBD_07017-p1'));
    expect(d.references.map((r) => [r.ref, r.relation, r.issuer])).toEqual([['1593/BNV-VTLTNN', 'implements', 'Bộ Nội vụ']]);
  });

  it('drops a stray dot at a line end, skips speck lines and reads a garbled "Thực hiện"', () => {
    const lines = [
      'ỦY BAN NHÂN DÂN', 'TỈNH GIA LAI', 'Số: 5988/UBND-KGVX', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Gia Lai, ngày 01 tháng 12 năm 2021', 'Kính gửi: Sở Thông tin và Truyền thông',
      'ThườcHiệm Quyết định 1829/QĐ-TTg ngày 15 tháng 11 năm 2021 của Thủ',
      '~',
      'tướng Chính phủ ban hành Kế hoạch triển khai Chương trình Chuyển đổi số quốc.',
      'gia năm 2022 (gửi kèm theo), Ủy ban nhân dân tỉnh chỉ đạo như sau:',
      'Giao Sở Thông tin và Truyền thông chủ trì thực hiện./.',
    ];
    const d = one(lines);
    expect(d.references).toEqual([{
      type: 'Quyết định', ref: '1829/QĐ-TTg', title: 'ban hành Kế hoạch triển khai Chương trình Chuyển đổi số quốc gia năm 2022',
      date: '2021-11-15', issuer: 'Thủ tướng Chính phủ', relation: 'implements',
    }]);
  });
});

describe('legal bases on OCR output', () => {
  it('reads a symbol with a space after its hyphen ("45/2020/NĐ- CP", doc26462.tiff p2)', () => {
    const lines = [
      'THỦ TƯỚNG CHÍNH PHỦ', 'Số: 1829/QĐ-TTg', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Hà Nội, ngày 15 tháng 11 năm 2021', 'QUYẾT ĐỊNH', 'Ban hành Kế hoạch chuyển đổi số năm 2022',
      'Căn cứ Nghị định số 45/2020/NĐ- CP ngày 08/04/2020 của Chính phủ về',
      'thực hiện thủ tục hành-chính trên môi trường điện tử;',
    ];
    expect(one(lines).legalBases.map((c) => [c.ref, c.date, c.issuer])).toEqual([['45/2020/NĐ-CP', '2020-04-08', 'Chính phủ']]);
  });
});

describe('recipients on OCR output', () => {
  it('finds "Kính gửi" after merged stamp text and entries whose dash was lost', () => {
    const lines = [
      'ỦY BAN NHÂN DÂN', 'TỈNH GIA LAI', 'Số: 5988/UBND-KGVX', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
      'Gia Lai, ngày 01 tháng 12 năm 2021',
      'số: .0045 Kính gửi: - Sở Thông tin và Truyền thông:',
      '-',
      'UộND các huyện, thị xã, thành phố.',
      'Giao Sở Thông tin và Truyền thông chủ trì thực hiện./.',
    ];
    expect(one(lines).recipients).toEqual(['Sở Thông tin và Truyền thông tỉnh Gia Lai', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Gia Lai']);
  });
});
