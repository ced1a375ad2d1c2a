import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { readSignatureBox } from '../../../src/stages/extract/digital-signature.js';
import { page } from './build.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const lines = (xs: string[]) => xs.map((text) => ({ text, bbox: null }));

const LETTER = [
  'UBND TỈNH GIA LAI', 'SỞ NỘI VỤ', 'Số: 794/SNV-CCHC', 'V/v cải cách hành chính',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 03 tháng 3 năm 2023',
  'Kính gửi: Sở Tài chính.', 'Sở Nội vụ đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.',
  'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hùng',
];

describe('digital signature box read by OCR from the page image', () => {
  it('reads the box with lost diacritics and ignores a lone "Cơ quan:" in running text', () => {
    expect(readSignatureBox(lines(['Ky boi: Nguyen Van A', 'Thoi gian ky: 03/03/2023 08:01']), 1)).toMatchObject({
      signer: 'Nguyen Van A',
      signedAt: '2023-03-03T08:01:00',
    });
    expect(readSignatureBox(lines(['Cơ quan: Sở Tài chính chủ trì']), 1)).toBeNull();
  });

  it('is kept on the document and as evidence, and checked against the issue date', () => {
    const box = ['Ký bởi: Sở Nội vụ', 'Cơ quan: Tỉnh Gia Lai', 'Thời gian ký: 03.03.2023 10:20:33 +07:00'];
    const [ok] = extractDocuments([page(1, [...box, ...LETTER])], { now: NOW });
    expect(ok!.digitalSignature).toMatchObject({ signer: 'Sở Nội vụ', organization: 'Tỉnh Gia Lai', signedAt: '2023-03-03T10:20:33+07:00' });
    expect(ok!.evidence?.digitalSignature?.text).toBe(box.join('\n'));
    expect(ok!.needsReview).not.toContain('issuedDate');
    const early = ['Ký bởi: Sở Nội vụ', 'Thời gian ký: 01.02.2023 10:20:33 +07:00'];
    const [bad] = extractDocuments([page(1, [...early, ...LETTER])], { now: NOW });
    expect(bad!.issuedDate).toBe('2023-03-03');
    expect(bad!.needsReview).toContain('issuedDate');
    expect(bad!.confidence.issuedDate).toBeLessThan(0.9);
  });

  it('prefers the PDF text layer of a signed scan (embeddedText) and keeps its box', () => {
    const signed = { ...page(1, LETTER), embeddedText: [{ text: 'Người ký: Sở Nội vụ', bbox: [1800, 3000, 2400, 3030] as [number, number, number, number], confidence: 100, words: [] }, { text: 'Thời gian ký: 03.03.2023 10:20:33 +07:00', bbox: [1800, 3040, 2400, 3070] as [number, number, number, number], confidence: 100, words: [] }] };
    const [doc] = extractDocuments([signed], { now: NOW });
    expect(doc!.digitalSignature?.evidence.bbox).toEqual([1800, 3000, 2400, 3070]);
    expect(doc!.signer?.name).toBe('Lê Văn Hùng');
  });
});
