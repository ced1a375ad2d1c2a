/**
 * Number/symbol normalisation: repairs that are safe alone (a type code's look-alikes, lost marks on
 * a known code, a letter of a type code read twice) and codes that must stay as read (drafting-unit
 * codes not in the table: real ones read the same as a misread known one).
 */
import { describe, expect, it } from 'vitest';
import { parseRef, unitCodeVariants } from '../../../src/stages/normalize/ref.js';

describe('type codes right after the number', () => {
  it.each([
    ['1486/QP-TTg', '1486/QĐ-TTg'],
    ['1829/QĐÐ-TTg', '1829/QĐ-TTg'],
    ['1486/QD-TTg', '1486/QĐ-TTg'],
    ['30/2020/ND-CP', '30/2020/NĐ-CP'],
  ])('%s → %s, flagged', (printed, ref) => {
    expect(parseRef(printed)).toMatchObject({ ref, repaired: true });
  });
});

describe('codes that are no type code stay as read', () => {
  // Đ and P: a unit or body code with a P (Phát triển, Phụ nữ, Quốc phòng) is not one with a Đ;
  // a doubled letter is a real code (Trung tâm hành chính công, Khám chữa bệnh, Kế toán trưởng …);
  // a look-alike of a known unit code: Ban Tôn giáo (TG) is not Tài chính (TC)
  it.each([
    '12/UBND-PT', '12/HLHPN-PN', '12/UBND-PTXD', '12/UBND-KHPT', '12/GDĐT-PT', '12/UBND-QLPT',
    '12/UBND-HCC', '12/VP-TTHCC', '12/SYT-KCCB', '12/UBND-KTT', '12/UBND-TTP', '12/UBND-VPP', '15/UBND-TCC',
    '12/SNV-TG', '2201/UBND-NG', '2201/UBND-NGC', '2926/BGDĐT-GDTIrH',
  ])('%s: kept, doubtful (to review)', (printed) => {
    expect(parseRef(printed)).toMatchObject({ ref: printed, doubtful: true, repaired: true });
  });

  it.each([
    '12/BCH-QP', '12/TTHCC', '12/SYT-NVYD', '12/SNV-TCBC', '12/SNN-CCTL', '12/STC-TCDN', '12/SXD-QLN',
    '12/SKHĐT-ĐKKD', '5/BQP-TM', '12/UBND-NC', '1486/QĐ-TTg', '10023/UBND-KGVX',
  ])('%s: kept, nothing to review', (printed) => {
    expect(parseRef(printed)).toMatchObject({ ref: printed, doubtful: false, repaired: false });
  });
});

describe('unit-code variants (adopted only when another reading agrees)', () => {
  it('lists the known codes an unknown one could be misread from', () => {
    expect(unitCodeVariants('NG')).toContain('NC');
    expect(unitCodeVariants('NGC')).toContain('NC');
    expect(unitCodeVariants('GDTIrH')).toEqual(['GDTrH']);
    expect(unitCodeVariants('GDTIH')).toEqual(['GDTrH']);
    expect(unitCodeVariants('GDITH')).toEqual(['GDTrH']); // r read I and swapped with its neighbour
    expect(unitCodeVariants('TTI')).toContain('TTr');
    expect(unitCodeVariants('CCF')).toEqual([]); // no letter confusion makes F of HC
    expect(unitCodeVariants('HCC')).toContain('HC');
  });

  it('has none for a known code or one far from any', () => {
    expect(unitCodeVariants('NC')).toEqual([]);
    expect(unitCodeVariants('CCTL')).toEqual([]);
  });
});
