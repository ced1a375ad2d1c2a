import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { readSignatureBox } from '../../../src/stages/extract/signer.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { page } from './build.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, [1700, 100, 2400, 160], 100));

const LETTER = [
  'UBND TỈNH GIA LAI', 'SỞ NỘI VỤ', 'Số: 794/SNV-CCHC', 'V/v cải cách hành chính',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 03 tháng 3 năm 2023',
  'Kính gửi: Sở Tài chính.', 'Sở Nội vụ đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.',
  'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hùng',
];

describe('digital signature box', () => {
  it('reads signer, organisation and signing time', () => {
    const box = readSignatureBox(lines(['Ký bởi: Sở Nội vụ', 'Cơ quan: Tỉnh Gia Lai', 'Thời gian ký: 03.03.2023 10:20:33 +07:00']));
    expect(box).toMatchObject({ signedBy: 'Sở Nội vụ', organisation: 'Tỉnh Gia Lai', date: '2023-03-03', time: '10:20:33' });
  });
  it('reads the box with lost diacritics and ignores a lone "Cơ quan:" in running text', () => {
    expect(readSignatureBox(lines(['Ky boi: Nguyen Van A', 'Thoi gian ky: 03/03/2023 08:01'])))
      .toMatchObject({ signedBy: 'Nguyen Van A', date: '2023-03-03', time: '08:01' });
    expect(readSignatureBox(lines(['Cơ quan: Sở Tài chính chủ trì']))).toBeNull();
  });
  it('is kept as evidence and checked against the issue date', () => {
    const box = ['Ký bởi: Sở Nội vụ', 'Cơ quan: Tỉnh Gia Lai', 'Thời gian ký: 03.03.2023 10:20:33 +07:00'];
    const [ok] = extractDocuments([page(1, [...box, ...LETTER])], { now: NOW });
    expect(ok!.evidence?.digitalSignature?.text).toBe(box.join(' | '));
    expect(ok!.needsReview).not.toContain('issuedDate');
    const early = ['Ký bởi: Sở Nội vụ', 'Thời gian ký: 01.02.2023 10:20:33 +07:00'];
    const [bad] = extractDocuments([page(1, [...early, ...LETTER])], { now: NOW });
    expect(bad!.issuedDate).toBe('2023-03-03');
    expect(bad!.needsReview).toContain('issuedDate');
    expect(bad!.confidence.issuedDate).toBeLessThan(0.9);
  });
});
