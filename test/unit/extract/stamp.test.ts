import { describe, expect, it } from 'vitest';
import { canonicalReceiver, cleanOfficeLine, findStamp, guessedReceiver, mergeStamps, repairStampDate, stampDate } from '../../../src/stages/extract/stamp.js';
import { makeLine } from '../../../src/stages/extract/text.js';
import { noiseLine, rng } from '../../helpers/noise.js';

/** Page lines as the extractor sees them (text only, in reading order). */
const lines = (...texts: string[]) => texts.map((t, i) => makeLine(t, 1, [300, 100 + 60 * i, 1500, 140 + 60 * i], 80));

/** A document's header with the stamp lines (as OCR appends them) and a short body. */
function page(stamp: string[]): ReturnType<typeof lines> {
  return lines(
    'ỦY BAN NHÂN DÂN',
    'TỈNH GIA LAI',
    'Số: 5988/UBND-KGVX',
    'V/v triển khai thực hiện',
    'Kính gửi: Sở Thông tin và Truyền thông',
    'Thực hiện Quyết định số 1829/QĐ-TTg ngày 15/11/2021 của Thủ tướng Chính phủ,',
    'Ủy ban nhân dân tỉnh có ý kiến như sau:',
    ...stamp,
  );
}

describe('canonicalReceiver on misread stamp office lines', () => {
  it('drops noise read before the head word', () => {
    expect(canonicalReceiver('VŨ HĐND VÀ UBND THỊ XÃ AN NHƠN')).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn');
    expect(canonicalReceiver('VP HĐND VÀ ƯBND THÀNH PHỔ HỘI ÁN')).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố Hội An');
    expect(canonicalReceiver('VP HĐND VÀ ƯƠND THÀNH PHỔ HỘI ÁN')).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố Hội An');
  });

  it('takes the one town of the document province a misread locality is close to', () => {
    expect(canonicalReceiver('VP HĐND VÀ UBND THÀNH PHỔ PLEHSO', { province: 'Gia Lai' })).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố Pleiku');
    // without the province there is no town to compare with: the name stays as read
    expect(cleanOfficeLine('VP HĐND VÀ UBND THÀNH PHỐ PLEHSO')).toBe('VP HĐND VÀ UBND THÀNH PHỐ PLEHSO');
  });

  it('drops a provincial locality that names no province, so the document province applies', () => {
    expect(canonicalReceiver('sơ NỘI VỤ TÍNH Đ AK', { province: 'Đắk Lắk' })).toBe('Sở Nội vụ tỉnh Đắk Lắk');
  });

  it('reads nothing from an office whose locality was lost or cut short', () => {
    expect(canonicalReceiver('VP HĐND VÀ UBND HUYỆN BÀ')).toBeNull();
    // "UBND" followed by words that are no locality: not the document's province
    expect(canonicalReceiver("UBND: EA H'LEO", { province: 'Đắk Lắk' })).toBeNull();
    expect(canonicalReceiver('ẤN PHÒNG ỦY BẠN NHÂN DÂN TÍNH ĐẦK LÁ')).toBeNull();
  });

  it('keeps well-read offices as they were', () => {
    expect(canonicalReceiver('VĂN PHÒNG UBND TỈNH ĐẮK LẮK')).toBe('Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk');
    expect(canonicalReceiver("UBND HUYỆN EA H'LEO")).toBe("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Ea H'leo");
    expect(canonicalReceiver('SỞ GIÁO DỤC VÀ ĐÀO TẠO', { province: 'Gia Lai' })).toBe('Sở Giáo dục và Đào tạo tỉnh Gia Lai');
  });
});

describe('findStamp on misread stamp lines', () => {
  it('reads a misread "ĐẾN" right before the date and a misread "Số" with the recipients merged after it', () => {
    const s = findStamp(page(['SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'sa. 6156... Kính gửi: - Sở Thông tin', 'ĐEhi: 02-12-2021']));
    expect(s?.arrival.number).toBe('6156');
    expect(s?.arrival.date).toBe('2021-12-02');
    expect(s?.weak).toBe(true);
  });

  it('reads a bare number right under an office line as the arrival number, weak', () => {
    const s = findStamp(page(['SỞ GIÁO DỤC VÀ ĐÀO TẠO', '3528']), { province: 'Gia Lai' });
    expect(s?.arrival).toEqual({ receiver: 'Sở Giáo dục và Đào tạo tỉnh Gia Lai', number: '3528', date: null });
    expect(s?.weak).toBe(true);
  });

  it('reads a bare number a few lines under the office when the right header column came between', () => {
    const s = findStamp(lines('ỦY BAN NHÂN DÂN', 'TỈNH GIA LAI', 'Số: 3471/UBND-KGVX', 'V/v thực hiện Công văn', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 25 tháng 7 năm 2022', '3528', 'Kính gửi: Sở Giáo dục và Đào tạo'), { province: 'Gia Lai' });
    expect(s?.arrival).toEqual({ receiver: 'Sở Giáo dục và Đào tạo tỉnh Gia Lai', number: '3528', date: null });
    // the same lines above the document's own number are its header, not a stamp
    expect(findStamp(lines('SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '2022', 'Số: 3471/SGDĐT-VP'))).toBeNull();
  });

  it('pairs a misread "Số: N" with a dashed date on a line of its own', () => {
    const s = findStamp(page(['sẽ 6156', 'LYOCN 02-12-2021']));
    expect(s?.arrival.number).toBe('6156');
    expect(s?.arrival.date).toBe('2021-12-02');
    expect(s?.weak).toBe(true);
  });

  it('reads a short office line with words OCR read in lower case', () => {
    const s = findStamp(page(['sở NỘI vỤ', 'Số: 1920', 'ĐẾN 17-04-2020']), { province: 'Bình Định' });
    expect(s?.receiverLine?.raw).toBe('sở NỘI vỤ');
    // a speck read as a digit after the office name does not hide it
    expect(findStamp(page(['SỞ TÀI CHÍNH 4', 'Số: 3297', 'ĐẾN 05-07-2022']))?.receiverLine?.raw).toBe('SỞ TÀI CHÍNH 4');
    // a citation ("số 1829/QĐ-TTg của TTCP") or running text above a stamp is no office line
    expect(findStamp(page(['số 1829/QĐ-TTg của TTCP', 'Số: 1920', 'ĐẾN 17-04-2020']))?.receiverLine).toBeNull();
    expect(findStamp(page(['Giao Sở Nội vụ chủ trì;', 'Số: 1920', 'ĐẾN 17-04-2020']))?.receiverLine).toBeNull();
  });

  it('rejoins an arrival number OCR split with a space', () => {
    const s = findStamp(page(['sở NỘI VỤ', 'Số: 461 7', 'ĐẾN 14-03-2024']), { province: 'Lâm Đồng' });
    expect(s?.arrival).toEqual({ receiver: 'Sở Nội vụ tỉnh Lâm Đồng', number: '4617', date: '2024-03-14' });
  });

  it('never takes the document number or a lone number in the body for a stamp', () => {
    expect(findStamp(page(['2. Giao Sở Tài chính chủ trì', '2021']))).toBeNull();
    expect(findStamp(lines('ỦY BAN NHÂN DÂN', 'Số: 5988/UBND-KGVX', 'Kính gửi: Sở Nội vụ'))).toBeNull();
  });

  it('still finds number and date of the stamp under OCR noise', () => {
    let found = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = rng(seed);
      const stamp = ['VĂN PHÒNG UBND TỈNH GIA LAI', 'Số: 6802', 'ĐẾN 22-11-2021', 'Chuyển: Đ/c Chiến'].map((l) => noiseLine(l, r, 2));
      const s = findStamp(page(stamp));
      // noise may turn a digit into a look-alike letter; what is read must then still be right
      if (s?.arrival.number) expect(s.arrival.number).toBe('6802');
      if (s?.arrival.date) expect(s.arrival.date).toBe('2021-11-22');
      if (s?.arrival.number === '6802' && s.arrival.date === '2021-11-22') found++;
    }
    expect(found).toBeGreaterThanOrEqual(15);
  });
});

describe('repairStampDate', () => {
  it('reads a separator misread as a digit ("30704/2020")', () => {
    expect(repairStampDate('30704/2020', '2020-04-24')).toBe('2020-04-30');
  });
  it('repairs two dotted zeros misread as 6 and 8 when one reading fits', () => {
    expect(repairStampDate('17-64-2028', '2020-04-13')).toBe('2020-04-17');
    // issued earlier, 11-04-2020 (7→1 and the same two zeros) fits too and costs only half a change more
    expect(repairStampDate('17-64-2028', '2020-04-06')).toBeNull();
  });
  it('leaves a reading empty when another repair costs about as much', () => {
    // 30-07-2022 (9→0 twice) against 19-07-2022 (3→1, 9→0): too close to call
    expect(repairStampDate('39-97-2022', '2022-07-04')).toBeNull();
  });
  it('never repairs to a date before the issue date', () => {
    expect(repairStampDate('17-64-2028', '2020-05-01')).toBeNull();
  });
});

/** Lines read from the stamp's own crop (OCR kind "stamp"), appended after the page's lines. */
const cropLines = (...texts: string[]) => lines(...texts).map((l) => ({ ...l, stamp: true }));

describe('findStamp with the stamp crop read apart', () => {
  it('takes each field from the crop reading first, and the page pass for what the crop missed', () => {
    const found = findStamp([...page(['VP HĐND VÀ UBND THỊ XÃ AN NHƠN', 'số: 3940 Kính gửi: - UBND các huyện', 'ĐEN 39-97-2022']), ...cropLines('Số: 3940', 'ĐẾN 19-07-2022')]);
    expect(found?.arrival).toEqual({ receiver: 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn', number: '3940', date: '2022-07-19' });
    expect(found?.weak).toBe(false);
  });

  it('makes the stamp weak when the crop and the page pass read different numbers', () => {
    const found = findStamp([...page(['VP HĐND VÀ UBND THỊ XÃ AN NHƠN', 'Số: 4920', 'ĐẾN 17-04-2020']), ...cropLines('Số: 1920', 'ĐẾN 17-04-2020')]);
    expect(found?.arrival.number).toBe('1920');
    expect(found?.weak).toBe(true);
  });

  it('takes one field of the crop as a stamp, and an office line that lost its start', () => {
    const found = findStamp([...page([]), ...cropLines('DỤC VÀ ĐÀO TẠO TĨNH', '64-03-2024')], { province: 'Lâm Đồng' });
    expect(found?.arrival.receiver).toBe('Sở Giáo dục và Đào tạo tỉnh Lâm Đồng');
    expect(found?.dateText).toBe('64-03-2024');
    // the same lines from the page pass are no stamp
    expect(findStamp(page(['DỤC VÀ ĐÀO TẠO TĨNH', '64-03-2024']), { province: 'Lâm Đồng' })).toBeNull();
  });

  it('never takes an office line of the page for the crop reading', () => {
    const found = findStamp([...page([]), ...cropLines('Số: 6156')]);
    expect(found?.arrival).toEqual({ receiver: null, number: '6156', date: null });
  });
});

describe('office lines that lost their start', () => {
  it('names the one department they are part of, with the locality as read', () => {
    expect(canonicalReceiver('DỤC VÀ ĐÀO TẠO TÍNH LÂM', { province: 'Lâm Đồng' })).toBe('Sở Giáo dục và Đào tạo tỉnh Lâm Đồng');
    expect(guessedReceiver('DỤC VÀ ĐÀO TẠO TÍNH LÂM', { province: 'Lâm Đồng' })).toBe(true);
    expect(guessedReceiver('SỞ GIÁO DỤC VÀ ĐÀO TẠO', { province: 'Lâm Đồng' })).toBe(false);
    expect(canonicalReceiver('GIÁO DỤC VÀ ĐÀO TẠO', { province: 'Nghệ An' })).toBe('Sở Giáo dục và Đào tạo tỉnh Nghệ An');
  });

  it('names none when the words are too few or fit no department', () => {
    expect(canonicalReceiver('VÀ ĐÀO', { province: 'Nghệ An' })).toBeNull();
    expect(canonicalReceiver('VĂN hư NHÂM DẦN TÍNH NGHỆ AN', { province: 'Nghệ An' })).toBeNull();
    expect(canonicalReceiver('THỊ XÃ AN NHƠN', { province: 'Bình Định' })).toBeNull();
  });

  it('keeps the number of a quận or phường, and drops a lone mark after a name', () => {
    expect(cleanOfficeLine('UBND QUẬN 3')).toBe('UBND QUẬN 3');
    expect(cleanOfficeLine('UBND PHƯỜNG 7')).toBe('UBND PHƯỜNG 7');
    expect(cleanOfficeLine('VP HĐND VÀ UBND HUYỆN ĐỨC TRỌNG ,')).toBe('VP HĐND VÀ UBND HUYỆN ĐỨC TRỌNG');
    expect(canonicalReceiver('VP HĐND VÀ UBND QUẬN 10')).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận 10');
    // a commune's committee receives itself
    expect(canonicalReceiver('UBND PHƯỜNG 7')).toBe('Ủy ban nhân dân phường 7');
  });

  it('reads a UBND with a speck inside and a speck after the name', () => {
    expect(canonicalReceiver('VP HĐND VÀ UỐBND THỊ XÃ AN NHƠN 1')).toBe('Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thị xã An Nhơn');
  });
});

describe('stampDate', () => {
  const stamp = (date: string | null, dateText: string | null = null) => ({ arrival: { receiver: null, number: null, date }, dateText });

  it('keeps a date between the issue date and 90 days after it', () => {
    expect(stampDate(stamp('2019-02-27'), '2019-02-25')).toBe('2019-02-27');
    expect(stampDate(stamp('2019-02-27'), null)).toBe('2019-02-27');
  });

  it('repairs a read date that cannot be the arrival date when one repair fits', () => {
    // "27-02-2010": the 9 of the year read as 0
    expect(stampDate(stamp('2010-02-27'), '2019-02-25')).toBe('2019-02-27');
  });

  it('keeps an impossible date as read when no single repair fits (the caller flags it)', () => {
    expect(stampDate(stamp('2015-07-01'), '2019-02-25')).toBe('2015-07-01');
  });

  it('keeps a late date printed whole in the issue year or the next, not repaired into the window', () => {
    const whole = (date: string, raw: string) => ({ ...stamp(date), dateLine: lines(raw)[0]! });
    expect(stampDate(whole('2023-01-05', 'Ngày: 05-01-2023'), '2022-01-03')).toBe('2023-01-05');
    // a year years away is a misread one: repaired when one repair fits
    expect(stampDate(whole('2028-01-05', 'Ngày: 05-01-2028'), '2020-01-03')).toBe('2020-01-05');
  });

  it('repairs an unreadable date text as before', () => {
    expect(stampDate(stamp(null, '30704/2020'), '2020-04-27')).toBe('2020-04-30');
    expect(stampDate(stamp(null, null), '2020-04-27')).toBeNull();
  });
});

describe('findStamp when the crop reading of the number is unsure', () => {
  it('takes the page pass number over a crop number whose digit readings disagreed, weak', () => {
    const unsure = cropLines('SỞ NỘI VỤ', 'Số: 4920', 'ĐẾN 17-04-2020').map((l) => (l.text.startsWith('Số') ? { ...l, confidence: 50 } : l));
    const found = findStamp([...page(['SỞ NỘI VỤ', 'Số: 1920', 'ĐẾN 17-04-2020']), ...unsure]);
    expect(found?.arrival.number).toBe('1920');
    expect(found?.weak).toBe(true);
  });
});

describe('mergeStamps', () => {
  const result = (receiverRaw: string | null) => ({
    arrival: { receiver: null, number: '315', date: '2022-05-12' },
    lines: [],
    receiverLine: receiverRaw ? lines(receiverRaw)[0]! : null,
    numberLine: null,
    dateLine: null,
    weak: false,
    dateText: null,
  });

  it('makes the stamp weak when the crop and the page pass name different offices', () => {
    expect(mergeStamps(result('CHÍNH VÀ ĐẦU TƯ TỈNH LÂM ĐỒNG'), result('SỞ TÀI CHÍNH TỈNH LÂM ĐỒNG')).weak).toBe(true);
    expect(mergeStamps(result('CHÍNH VÀ ĐẦU TƯ TỈNH LÂM ĐỒNG'), result('SỞ TÀI CHÍNH TỈNH LÂM ĐỒNG')).receiverLine?.raw).toBe('SỞ TÀI CHÍNH TỈNH LÂM ĐỒNG');
    // one name read with its locality, the other without: the same office
    expect(mergeStamps(result('SỞ TÀI CHÍNH TỈNH LÂM ĐỒNG'), result('SỞ TÀI CHÍNH')).weak).toBe(false);
    expect(mergeStamps(result('SỞ TÀI CHÍNH'), result(null)).weak).toBe(false);
  });
});
