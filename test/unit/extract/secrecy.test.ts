import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { page } from './build.js';
import { noiseLine, rng } from '../../helpers/noise.js';

const NOW = new Date('2026-01-01T00:00:00Z');

function letter(mark: string | null, title = 'V/v triển khai công tác năm 2023'): string[] {
  return [
    'UBND TỈNH GIA LAI', 'SỞ NỘI VỤ', 'Số: 794/SNV-CCHC', ...(mark ? [mark] : []), title,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 03 tháng 3 năm 2023',
    'Kính gửi: Sở Tài chính.', 'Đề nghị giữ bí mật thông tin mật theo quy định./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, CCHC.',
    'GIÁM ĐỐC', 'Lê Văn Hùng',
  ];
}

const secrecy = (lines: string[]) => extractDocuments([page(1, lines)], { now: NOW })[0]!.secrecy;

describe('secrecy mark', () => {
  it('reads the three degrees printed in the header, with their evidence', () => {
    expect(secrecy(letter('MẬT'))).toBe('Mật');
    expect(secrecy(letter('TỐI MẬT'))).toBe('Tối mật');
    expect(secrecy(letter('TUYỆT MẬT'))).toBe('Tuyệt mật');
    expect(secrecy(letter('ĐỘ MẬT: TỐI MẬT'))).toBe('Tối mật');
    const [doc] = extractDocuments([page(1, letter('TỐI MẬT'))], { now: NOW });
    expect(doc!.evidence?.secrecy?.text).toBe('TỐI MẬT');
  });

  it('survives lost diacritics and OCR noise on the rest of the page', () => {
    expect(secrecy(letter('TUYET MAT'))).toBe('Tuyệt mật');
    expect(secrecy(letter('TỐI MÂT'))).toBe('Tối mật');
    for (let seed = 1; seed <= 5; seed++) {
      const r = rng(seed);
      const noisy = letter('TỐI MẬT').map((line) => (line === 'TỐI MẬT' ? line : noiseLine(line, r, 2)));
      expect(secrecy(noisy)).toBe('Tối mật');
    }
  });

  it('is not read from a title about state secrets, a password, or lower-case running text', () => {
    expect(secrecy(letter(null))).toBeNull();
    expect(secrecy(letter(null, 'VỀ BẢO VỆ BÍ MẬT NHÀ NƯỚC'))).toBeNull();
    expect(secrecy(letter(null, 'V/v cấp MẬT KHẨU hộp thư công vụ'))).toBeNull();
  });
});
