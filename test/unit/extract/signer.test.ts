import { describe, expect, it } from 'vitest';
import { extractSigner, impliedTitle, parseName, repairSurname } from '../../../src/stages/extract/signer.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { noiseLine, rng } from '../../helpers/noise.js';

function noisyText(block: string[], seed: number): string[] {
  const r = rng(seed);
  // heavy character noise, and seal/signature specks between the title and the name
  return [noiseLine(block[0]!, r, 2), noiseLine(block[1]!, r, 2), ...(r() < 0.5 ? ['ˆ', '<'] : []), block[2]!];
}

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));
const footer = (block: string[]) => lines(['Đề nghị các đơn vị thực hiện./.', 'Nơi nhận:', '- Như trên;', '- Lưu: VT, KGVX.', ...block]);

describe('family names repaired from the common ones', () => {
  it.each([
    ['N guyễn Tiến Thắng', 'Nguyễn Tiến Thắng'],
    ['guyến Công Chiến', 'Nguyễn Công Chiến'],
    ['Trấn Thanh Huy', 'Trần Thanh Huy'],
    ['Y Bliêng Rơ Mah', 'Y Bliêng Rơ Mah'],
    ['Hoàng Bá Toàn', 'Hoàng Bá Toàn'],
  ])('%s → %s', (read, name) => {
    expect(repairSurname(read)).toBe(name);
  });
  it('parses a name from the main cell of a tab-separated line', () => {
    expect(parseName('ˆ\tNguyễn Văn Lâm\tÑ')).toBe('Nguyễn Văn Lâm');
    expect(parseName('N guyễn Tiến Thắng')).toBe('Nguyễn Tiến Thắng');
  });
});

describe('title implied by the authority (Decree 30)', () => {
  it.each([
    [['KT. CHỦ TỊCH'], null, 'PHÓ CHỦ TỊCH', true],
    [['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], 'PHG TỊCH', 'PHÓ CHỦ TỊCH', true],
    [['KT. BỘ TRƯỞNG'], null, 'THỨ TRƯỞNG', true],
    [['KT. GIÁM ĐỐC'], 'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', true],
    [['TM. ỦY BAN NHÂN DÂN'], null, 'CHỦ TỊCH', true],
    [['KT. GIÁM ĐỐC'], 'PHÓ GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', false],
    [['KT. CHỦ TỊCH'], 'PHÓ CHỦ TỊCH THƯỜNG TRỰC', 'PHÓ CHỦ TỊCH THƯỜNG TRỰC', false],
    [['TL. BỘ TRƯỞNG'], 'VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC', 'VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG HỌC', false],
    [['TL. CHỦ TỊCH'], null, null, false],
  ] as const)('%j + %s → %s', (authority, title, expected, repaired) => {
    expect(impliedTitle([...authority], title)).toEqual({ title: expected, repaired });
  });
});

describe('signature blocks damaged by OCR', () => {
  it('completes a garbled title and flags the block', () => {
    const r = extractSigner(footer(['=KT-CHỦ TỊCH', 'PHG TỊCH', 'NT', 'Trần Thúy Nga']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Trần Thúy Nga', authority: ['KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH' });
    expect(r.repaired).toBe(true);
  });
  it('restores "TM. ỦY BAN NHÂN DÂN" from its tail above a KT. line', () => {
    const r = extractSigner(footer(['NÑ NHÂN DÂN', '„KT-CHỦ TỊCH', '“_ PHÓ CHỦ TỊCH', 'NA ⁄', 'ể', 'Nguyễn Hoàng Tâm']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Nguyễn Hoàng Tâm', authority: ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH'], title: 'PHÓ CHỦ TỊCH' });
  });
  it('takes the title read among the list entries when only the name follows the list', () => {
    const r = extractSigner(lines([
      'Nơi nhận:', '- Ban Bí thư Trung ương Đảng;', '- Các bộ, cơ quan ngang bộ;', 'THỦ TƯỚNG', 'Ñ', '- Văn phòng Quốc hội;',
      '- Lưu: VT, KGVX.', '> Hoàng Bá Toàn',
    ]), 0, new Set());
    expect(r.signer).toEqual({ name: 'Hoàng Bá Toàn', authority: [], title: 'THỦ TƯỚNG' });
    expect(r.repaired).toBe(true);
  });
  it('reads a name split at its first letter and a name in a tab-separated line', () => {
    expect(extractSigner(footer(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'N guyễn Tiến Thắng']), 0, new Set()).signer?.name).toBe('Nguyễn Tiến Thắng');
    expect(extractSigner(footer(['CHỦ TỊCH', 'Ầ', 'ˆ', 'ˆ\tNguyễn Văn Lâm\tÑ']), 0, new Set()).signer).toEqual({ name: 'Nguyễn Văn Lâm', authority: [], title: 'CHỦ TỊCH' });
  });
  it('finds "Nơi nhận" after a margin speck', () => {
    const r = extractSigner(lines(['Thực hiện./.', 'min\tNơi nhận:\t:', '.- Như trên;', '- Lưu: VT, CCHC.', '“KT. GIÁM ĐỐC', '...PHÓ GIÁM ĐỐC .', 'bê:', 'Vũ Bá Thạch -']), 0, new Set());
    expect(r.distributionAt).toBe(1);
    expect(r.signer).toEqual({ name: 'Vũ Bá Thạch', authority: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC' });
  });
  it('survives seeded OCR noise on the block', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const block = noisyText(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Tiến Thắng'], seed);
      const r = extractSigner(footer(block), 0, new Set());
      expect(r.signer?.authority, block.join(' | ')).toEqual(['KT. CHỦ TỊCH']);
      expect(r.signer?.title, block.join(' | ')).toBe('PHÓ CHỦ TỊCH');
    }
  });
  it('reads a lone title and name when the list heading is garbled and no authority is printed', () => {
    const r = extractSigner(lines([
      'Yêu cầu các cơ quan triển khai thực hiện./.', 'Nơi -Nhưtrên; nhận: -', '- - Bộ CT,PCT Sở Nội vụ (b/c);', '- Lưu: VT,NC.',
      'CHỦ TỊCH', 'Ầ', 'ˆ\tNguyễn Văn Lâm\tÑ', 'sơ NỘI VỤ TÍNH ĐẮK LẮK', 'Số: 1709',
    ]), 0, new Set());
    expect(r.distributionAt).toBe(1);
    expect(r.signer).toEqual({ name: 'Nguyễn Văn Lâm', authority: [], title: 'CHỦ TỊCH' });
  });
  it('reads "TM." from a collective tail alone and implies the head\'s title', () => {
    const r = extractSigner(footer(['-ỜØBẠAN', '„ cH', '$ N', 'NHÂN DÂN', 'ICH', 'Trấn Thanh Huy']), 0, new Set());
    expect(r.signer).toEqual({ name: 'Trần Thanh Huy', authority: ['TM. ỦY BAN NHÂN DÂN'], title: 'CHỦ TỊCH' });
    expect(r.repaired).toBe(true);
  });
  it('reads past list entries that carry the signature column after a tab', () => {
    const r = extractSigner(lines([
      'Nhận được Công văn này, các cơ quan thực hiện./.', 'Nơi nhận:', '-Nhưtrên;\t.\t“CHÁ\tVẤN', '- CT, PCT UBND tỉnh;\tPP\tPHÒNG',
      '- Sở Nội vụ;', '+ Lưu: VT, KGVX.', 'guyến Công Chiến',
    ]), 0, new Set());
    expect(r.signer?.name).toBe('Nguyễn Công Chiến');
    expect(r.partial).toBe(true);
  });
  it('reads a title behind a speck of one or two letters, the name lost', () => {
    const r = extractSigner(footer(['l ˆ .PHÓ GIÁM ĐỐC', 'N']), 0, new Set());
    expect(r.signer).toEqual({ name: null, authority: [], title: 'PHÓ GIÁM ĐỐC' });
    expect(r.partial).toBe(true);
  });
});
