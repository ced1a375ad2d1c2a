import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const letter = (vv: string[]): string[] => [
  'UBND TỈNH GIA LAI', 'SỞ NỘI VỤ', 'Số: 794/SNV-CCHC', ...vv,
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 03 tháng 3 năm 2023',
  'Kính gửi: Sở Tài chính.', 'Sở Nội vụ đề nghị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.',
  'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hùng',
];

describe('confidence and review of the document fields', () => {
  it('flags a subject that ends on a word needing a continuation', () => {
    const [d] = extractDocuments([page(1, letter(['V/v thực hiện Công văn số', '2926/BGDĐT-GDTrH ngày 05/07/2022 của']))], { now: NOW });
    expect(d!.subject).toBe('thực hiện Công văn số 2926/BGDĐT-GDTrH ngày 05/07/2022 của');
    expect(d!.needsReview).toContain('subject');
    expect(d!.confidence.subject).toBeLessThanOrEqual(0.5);
  });
  it('keeps a complete subject unflagged, with evidence for every field read', () => {
    const [d] = extractDocuments([page(1, letter(['V/v cải cách hành chính']))], { now: NOW });
    expect(d!.needsReview).not.toContain('subject');
    for (const k of ['ref', 'number', 'symbol', 'issuer', 'parentBody', 'issuedDate', 'place', 'type', 'subject', 'recipients', 'signer']) {
      expect(d!.confidence[k], k).toBeGreaterThan(0);
      expect(d!.evidence?.[k]?.page, k).toBe(1);
      expect(d!.evidence?.[k]?.text.length, k).toBeGreaterThan(0);
    }
  });
});
