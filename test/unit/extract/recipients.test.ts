import { describe, expect, it } from 'vitest';
import { canonicalRecipient, extractRecipients, kinhGuiAt } from '../../../src/stages/extract/recipients.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { noiseLine, rng } from '../../helpers/noise.js';

const lines = (xs: string[]) => xs.map((t) => makeLine(t, 1, null, 90));
const ctx = { province: 'Đắk Lắk', locality: 'tỉnh Đắk Lắk', issuer: 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk' };
const BODY = 'Triển khai Kế hoạch số 273/KH-UBND ngày 1 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh, Sở đề nghị:';

describe('Kính gửi list read through OCR damage', () => {
  it('keeps reading after an inline entry ended by ";"', () => {
    const r = extractRecipients(lines(['Kính gửi: - UBND các huyện, thị xã, thành phố;', 'Sở Tài chính;', BODY]), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk', 'Sở Tài chính tỉnh Đắk Lắk']);
  });
  it('skips arrival-stamp debris between entries and reads an entry merged into a stamp line', () => {
    const ls = lines([
      'Kính gửi: - Sỏ Thông tin và Truyền thông:', '-', 'LYOCN 02-12-2021', 'UộND các huyện, thị xã, thành phố;',
      'ĐẾN 21-12-2021 Các tơ quan, đơn vị thuộc SỞ.', BODY,
    ]);
    const r = extractRecipients(ls, 0, ctx, new Set([4]));
    expect(r.recipients).toEqual([
      'Sở Thông tin và Truyền thông tỉnh Đắk Lắk', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk',
      'Các cơ quan, đơn vị thuộc Sở Thông tin và Truyền thông tỉnh Đắk Lắk',
    ]);
  });
  it('stops at the body (no stamp debris skipping outside an open list)', () => {
    const r = extractRecipients(lines(['Kính gửi: Sở Nội vụ.', 'Số: 12', 'UBND các huyện tổ chức thực hiện.']), 0, ctx, new Set());
    expect(r.recipients).toEqual(['Sở Nội vụ tỉnh Đắk Lắk']);
  });
  it('finds "Kính gửi" with its first letter lost', () => {
    expect(kinhGuiAt(lines(['ính gửi: UBND các huyện'])[0]!)).toBe(0);
    expect(kinhGuiAt(lines(['tính gửi theo đường bưu điện'])[0]!)).toBe(-1);
  });
});

describe('recipient names with a letter misread', () => {
  it.each([
    ['- UBND tác huyện, thị xã, thành phố;', 'Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk'],
    ['- Sở Thổ g tin và Truyền thông:', 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
    ['- Sở Tài chinh;', 'Sở Tài chính tỉnh Đắk Lắk'],
  ])('%s', (printed, canonical) => {
    expect(canonicalRecipient(printed, ctx)).toBe(canonical);
  });
  it('keeps names it cannot place', () => {
    expect(canonicalRecipient('- Trung tâm Y tế huyện;', ctx)).toBe('Trung tâm Y tế huyện');
  });
  it('recovers the standard collectives under seeded diacritic noise', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const r = rng(seed);
      const printed = noiseLine('- UBND các huyện, thị xã, thành phố;', r, 2);
      expect(canonicalRecipient(printed, ctx), printed).toBe('Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk');
    }
  });
});
