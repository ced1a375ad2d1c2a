import { describe, expect, it } from 'vitest';
import { findDates, parseDate } from '../../../src/stages/extract/dates.js';
import { repairLookalikes } from '../../../src/stages/extract/text.js';
import {
  canonicalBody, canonicalProvince, issuerFromSymbol, normalizeRef, parseRef, provinceOfBody, typeCodeOfSymbol,
  typeFromSymbol, typeNameFromCode,
} from '../../../src/stages/normalize/index.js';

describe('ref normalisation', () => {
  it.each([
    ['10023/UBND-KGVX', '10023/UBND-KGVX', false],
    ['10023 /UBND-KGVX', '10023/UBND-KGVX', false],
    ['1486⁄QÐ-TTg', '1486/QĐ-TTg', false],
    ['10023UBND-KGVX', '10023/UBND-KGVX', true],
    ['1486/QD-TTg', '1486/QĐ-TTg', true],
    ['72/2015/NĐ-CP', '72/2015/NĐ-CP', false],
    ['47/2019/QHl4', '47/2019/QH14', true],
    ['06-NQ/TW', '06-NQ/TW', false],
    ['2926/BGDDT-GDTrH', '2926/BGDĐT-GDTrH', true],
    ['51/BC-5TTTT', '51/BC-STTTT', true],
  ])('%s → %s', (printed, ref, repaired) => {
    const p = parseRef(printed);
    expect(p?.ref).toBe(ref);
    expect(p?.repaired).toBe(repaired);
  });

  it('refuses a lost slash when the symbol is not recognisable, and plain numbers', () => {
    expect(parseRef('10781')).toBeNull();
    expect(parseRef('123ABCXYZ')).toBeNull();
    expect(normalizeRef(' 858 / SNV-CCHC ')).toBe('858/SNV-CCHC');
  });
});

describe('type codes and symbol issuers', () => {
  it('maps codes and symbols to types', () => {
    expect(typeNameFromCode('QĐ')).toBe('Quyết định');
    expect(typeNameFromCode('QD')).toBe('Quyết định');
    expect(typeNameFromCode('HD')).toBe('Hướng dẫn');
    expect(typeNameFromCode('HĐ')).toBe('Hợp đồng');
    expect(typeFromSymbol('UBND-KGVX')).toBe('Công văn');
    expect(typeFromSymbol('KH-UBND')).toBe('Kế hoạch');
    expect(typeFromSymbol('2015/NĐ-CP')).toBe('Nghị định');
    expect(typeFromSymbol('2019/QH14')).toBe('Luật');
    expect(typeFromSymbol('NQ/TW')).toBe('Nghị quyết');
    expect(typeCodeOfSymbol('TTr-BTTTT')).toBe('TTr');
  });

  it('infers issuers from symbols, local ones with their province', () => {
    expect(issuerFromSymbol('QĐ-TTg', 'QĐ')).toBe('Thủ tướng Chính phủ');
    expect(issuerFromSymbol('2015/NĐ-CP', 'NĐ')).toBe('Chính phủ');
    expect(issuerFromSymbol('NQ-CP', 'NQ')).toBe('Chính phủ');
    expect(issuerFromSymbol('2019/QH14', null)).toBe('Quốc hội');
    expect(issuerFromSymbol('TTr-BTTTT', 'TTr')).toBe('Bộ Thông tin và Truyền thông');
    expect(issuerFromSymbol('BGDĐT-GDTrH', null)).toBe('Bộ Giáo dục và Đào tạo');
    expect(issuerFromSymbol('STC-QLNS', null, { province: 'Bình Định' })).toBe('Sở Tài chính tỉnh Bình Định');
    expect(issuerFromSymbol('ABC-XYZ', null)).toBeNull();
  });
});

describe('canonical names', () => {
  it('spells provinces canonically', () => {
    expect(canonicalProvince('ĐĂK LĂK')).toBe('Đắk Lắk');
    expect(canonicalProvince('Daklak')).toBe('Đắk Lắk');
    // one misread letter snaps to the only province it can be; short or ambiguous names do not
    expect(canonicalProvince('NGHỊ AN')).toBe('Nghệ An');
    expect(canonicalProvince('Gia Lal')).toBe('Gia Lai');
    expect(canonicalProvince('Hà Nậm')).toBe('Hà Nam');
    expect(canonicalProvince('Hà Nai')).toBeNull(); // Hà Nam or Hà Nội
    expect(canonicalProvince('Hồ Tây')).toBeNull();
    expect(canonicalProvince('Khánh Hoà')).toBe('Khánh Hòa');
    expect(canonicalProvince('Thua Thien Hue')).toBe('Thừa Thiên Huế');
    expect(canonicalProvince('Gotham')).toBeNull();
  });

  it.each([
    ['UBND TỈNH ĐẮK LẮK', undefined, 'Ủy ban nhân dân tỉnh Đắk Lắk'],
    ['Ủy ban nhân dân tỉnh Đăk Lăk', undefined, 'Ủy ban nhân dân tỉnh Đắk Lắk'],
    ['UỶ BAN NHÂN DÂN TÍNH KHÁNH HOÀ', undefined, 'Ủy ban nhân dân tỉnh Khánh Hòa'],
    ['VĂN PHÒNG UBND TỈNH GIA LAI', undefined, 'Văn phòng Ủy ban nhân dân tỉnh Gia Lai'],
    ['VP HĐND VÀ UBND THỊ XÃ AN NHƠN', undefined, 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn'],
    ['SỞ THÔNG TIN VÀ TRUYỀN THÔNG', { province: 'Đắk Lắk' }, 'Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
    ['SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH TỈNH LÂM ĐỒNG', undefined, 'Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng'],
    ['BỘ GIÁO DỤC VÀ ĐÀO TẠO', undefined, 'Bộ Giáo dục và Đào tạo'],
    ['THỦ TƯỚNG CHÍNH PHỦ', undefined, 'Thủ tướng Chính phủ'],
    ['UBND THÀNH PHỐ HÀ NỘI', undefined, 'Ủy ban nhân dân thành phố Hà Nội'],
    ["UBND HUYỆN EA H'LEO", undefined, "Ủy ban nhân dân huyện Ea H'leo"],
  ])('%s', (printed, ctx, want) => {
    expect(canonicalBody(printed, ctx)).toBe(want);
  });

  it('knows the province of a town-level body', () => {
    expect(provinceOfBody('Ủy ban nhân dân thị xã An Nhơn')).toBe('Bình Định');
    expect(provinceOfBody('Sở Y tế tỉnh Gia Lai')).toBe('Gia Lai');
    expect(provinceOfBody('Bộ Nội vụ')).toBeNull();
  });
});

describe('dates and look-alikes', () => {
  it.each([
    ['ngay 06 thang 11 nam 2018', '2018-11-06'],
    ['ngay 06/11/2018', '2018-11-06'],
    ['6/11/2018', '2018-11-06'],
    ['06-11-2018', '2018-11-06'],
    ['09.11.18', '2018-11-09'],
    ['den 09-11-18', '2018-11-09'],
    ['ngay 15 thang ll nam 2o21', '2021-11-15'],
  ])('%s', (s, iso) => expect(parseDate(s)).toBe(iso));

  it('rejects impossible dates and keeps several in order', () => {
    expect(parseDate('31/02/2020')).toBeNull();
    expect(findDates('tu 01/02/2020 den ngay 5 thang 3 nam 2020').map((d) => d.iso)).toEqual(['2020-02-01', '2020-03-05']);
  });

  it('repairs look-alikes inside numbers and words without changing length', () => {
    const s = 'Số: 1OO23/UBND ngày l9 tháng 6 năm 2O15 C0NG 5ố QH14';
    const r = repairLookalikes(s);
    expect(r).toBe('Số: 10023/UBND ngày 19 tháng 6 năm 2015 CONG Số QH14');
    expect(r.length).toBe(s.length);
  });
});

describe('symbol codes misread by OCR', () => {
  it('keeps a drafting-unit code that looks like a known one as read, flagged (see test/unit/normalize/ref.test.ts)', () => {
    expect(parseRef('2201/UBND-NG')).toMatchObject({ ref: '2201/UBND-NG', doubtful: true, repaired: true });
    expect(parseRef('1415/SGDĐT-GDIrH')).toMatchObject({ ref: '1415/SGDĐT-GDIrH', doubtful: true, repaired: true });
  });

  it('leaves known, ambiguous and unknown codes as read', () => {
    expect(parseRef('12/UBND-NN')).toMatchObject({ ref: '12/UBND-NN', repaired: false });
    expect(parseRef('12/UBND-TI')).toMatchObject({ ref: '12/UBND-TI', doubtful: true }); // TT or TL
    expect(parseRef('5/UBND-XYZ')).toMatchObject({ ref: '5/UBND-XYZ', repaired: false });
  });
});
