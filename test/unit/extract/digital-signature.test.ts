import { describe, expect, it } from 'vitest';
import type { Line, PageText } from '../../../schemas/page.js';
import { findDigitalSignature, parseSigningTime, readSignatureBox } from '../../../src/stages/extract/digital-signature.js';

function lines(texts: string[], x = 1800, y = 3000): Line[] {
  return texts.map((text, i) => ({ text, bbox: [x, y + 40 * i, x + 600, y + 40 * i + 30], confidence: 100, words: [] }));
}

describe('parseSigningTime', () => {
  it('reads the forms signing tools print', () => {
    expect(parseSigningTime('17.04.2020 08:30:15 +07:00')).toBe('2020-04-17T08:30:15+07:00');
    expect(parseSigningTime("2018.11.15 10:20:00 +07'00'")).toBe('2018-11-15T10:20:00+07:00');
    expect(parseSigningTime('17/04/2020 08:30')).toBe('2020-04-17T08:30:00');
    expect(parseSigningTime('2020-04-17')).toBe('2020-04-17');
    expect(parseSigningTime('32.13.2020 08:30')).toBeNull();
    expect(parseSigningTime('không rõ')).toBeNull();
  });
});

describe('readSignatureBox', () => {
  it('reads the Vietnamese box of a government certificate', () => {
    const box = readSignatureBox(
      lines(['Người ký: Sở Nội vụ', 'Email: snv@binhdinh.gov.vn', 'Cơ quan: Tỉnh Bình Định', 'Thời gian ký: 17.04.2020 08:30:15 +07:00']),
      3,
    );
    expect(box).toEqual({
      signer: 'Sở Nội vụ',
      organization: 'Tỉnh Bình Định',
      email: 'snv@binhdinh.gov.vn',
      signedAt: '2020-04-17T08:30:15+07:00',
      evidence: { page: 3, bbox: [1800, 3000, 2400, 3150], text: 'Người ký: Sở Nội vụ\nEmail: snv@binhdinh.gov.vn\nCơ quan: Tỉnh Bình Định\nThời gian ký: 17.04.2020 08:30:15 +07:00' },
    });
  });

  it('reads the English form and decomposed (NFD) text', () => {
    const box = readSignatureBox(lines(['Digitally signed by Nguyen Van A', "Date: 2018.11.15 10:20:00 +07'00'"]), 1);
    expect(box?.signer).toBe('Nguyen Van A');
    expect(box?.signedAt).toBe('2018-11-15T10:20:00+07:00');
    expect(readSignatureBox(lines(['Ký bởi: Ủy ban nhân dân tỉnh Đắk Lắk', 'Thời gian ký: 15.11.2018 09:00:00 +07:00'].map((t) => t.normalize('NFD'))), 1)?.signer).toBe('Ủy ban nhân dân tỉnh Đắk Lắk');
    expect(readSignatureBox(lines(['Ký bởi: Sở Nội vụ']), 1)).toBeNull();
  });

  it('finds nothing in ordinary text', () => {
    expect(readSignatureBox(lines(['Nơi nhận:', '- Như trên;', 'Số: 10023/UBND-KGVX']), 1)).toBeNull();
    expect(readSignatureBox([], 1)).toBeNull();
  });
});

describe('findDigitalSignature', () => {
  it('looks only at the embedded text layer, on the first page that has a box', () => {
    const page = (n: number, embedded: string[], text: string[] = []): PageText => ({
      page: n, width: 2480, height: 3508, source: 'ocr', rotation: 0, lines: lines(text), text: text.join('\n'), embeddedText: lines(embedded),
    });
    expect(findDigitalSignature([page(1, [], ['Người ký: in the page text is not a signature box'])])).toBeNull();
    expect(findDigitalSignature([page(1, []), page(2, ['Người ký: Văn phòng Chính phủ', 'Thời gian ký: 06.11.2018 16:05:12 +07:00'])])?.evidence.page).toBe(2);
  });
});
