import { distance } from 'fastest-levenshtein';
/**
 * Canonical Vietnamese place names: the 63 provinces and centrally-run cities (pre-2025 map),
 * plus a few district-level towns with their province, so that "Sở Tài chính" cited from a town
 * can be given its province. Matching is accent- and case-insensitive.
 */
import { foldAccents } from '../../text/fold.js';

export const PROVINCES: readonly string[] = [
  'An Giang', 'Bà Rịa - Vũng Tàu', 'Bạc Liêu', 'Bắc Giang', 'Bắc Kạn', 'Bắc Ninh', 'Bến Tre', 'Bình Dương',
  'Bình Định', 'Bình Phước', 'Bình Thuận', 'Cà Mau', 'Cao Bằng', 'Cần Thơ', 'Đà Nẵng', 'Đắk Lắk', 'Đắk Nông',
  'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang', 'Hà Nam', 'Hà Nội', 'Hà Tĩnh', 'Hải Dương',
  'Hải Phòng', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum', 'Lai Châu',
  'Lạng Sơn', 'Lào Cai', 'Lâm Đồng', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận', 'Phú Thọ',
  'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng', 'Sơn La',
  'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thành phố Hồ Chí Minh', 'Thừa Thiên Huế',
  'Tiền Giang', 'Trà Vinh', 'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

/** Centrally-run cities: "thành phố Hà Nội", not "tỉnh Hà Nội". */
export const CENTRAL_CITIES: readonly string[] = ['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'Thành phố Hồ Chí Minh'];

/** District-level towns and cities → province (provincial capitals and other towns seen in dispatches). */
export const DISTRICT_PROVINCE: Readonly<Record<string, string>> = {
  'Buôn Ma Thuột': 'Đắk Lắk', 'Buôn Hồ': 'Đắk Lắk', "Ea H'leo": 'Đắk Lắk', 'Krông Pắc': 'Đắk Lắk',
  'Quy Nhơn': 'Bình Định', 'An Nhơn': 'Bình Định', 'Hoài Nhơn': 'Bình Định',
  'Hội An': 'Quảng Nam', 'Tam Kỳ': 'Quảng Nam', 'Điện Bàn': 'Quảng Nam',
  'Vinh': 'Nghệ An', 'Cửa Lò': 'Nghệ An', 'Hoàng Mai': 'Nghệ An', 'Thái Hòa': 'Nghệ An',
  'Pleiku': 'Gia Lai', 'An Khê': 'Gia Lai', 'Ayun Pa': 'Gia Lai',
  'Nha Trang': 'Khánh Hòa', 'Cam Ranh': 'Khánh Hòa', 'Ninh Hòa': 'Khánh Hòa',
  'Đà Lạt': 'Lâm Đồng', 'Bảo Lộc': 'Lâm Đồng', 'Kon Tum': 'Kon Tum', 'Gia Nghĩa': 'Đắk Nông',
  'Tuy Hòa': 'Phú Yên', 'Quảng Ngãi': 'Quảng Ngãi', 'Đông Hà': 'Quảng Trị', 'Đồng Hới': 'Quảng Bình',
  'Hà Tĩnh': 'Hà Tĩnh', 'Thanh Hóa': 'Thanh Hóa', 'Sầm Sơn': 'Thanh Hóa', 'Huế': 'Thừa Thiên Huế',
  'Phan Thiết': 'Bình Thuận', 'Phan Rang - Tháp Chàm': 'Ninh Thuận', 'Biên Hòa': 'Đồng Nai',
  'Thủ Dầu Một': 'Bình Dương', 'Vũng Tàu': 'Bà Rịa - Vũng Tàu', 'Bà Rịa': 'Bà Rịa - Vũng Tàu',
  'Hạ Long': 'Quảng Ninh', 'Móng Cái': 'Quảng Ninh', 'Việt Trì': 'Phú Thọ', 'Thái Nguyên': 'Thái Nguyên',
  'Lào Cai': 'Lào Cai', 'Sa Pa': 'Lào Cai', 'Điện Biên Phủ': 'Điện Biên', 'Sơn La': 'Sơn La',
  'Mỹ Tho': 'Tiền Giang', 'Long Xuyên': 'An Giang', 'Châu Đốc': 'An Giang', 'Rạch Giá': 'Kiên Giang',
  'Phú Quốc': 'Kiên Giang', 'Cao Lãnh': 'Đồng Tháp', 'Sa Đéc': 'Đồng Tháp',
};

/** Folded key: accents off, lower case, "đăk/dak/daklak" spellings unified, spaces/hyphens collapsed. */
export function placeKey(name: string): string {
  return foldAccents(name)
    .replace(/['’`]/g, '')
    .replace(/\s*-\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tp\.?|thanh pho) (?=ho chi minh)/, 'thanh pho ')
    .replace(/^daklak$/, 'dak lak')
    .replace(/^daknong$/, 'dak nong')
    .replace(/^khanh hoa$/, 'khanh hoa');
}

const provinceByKey = new Map<string, string>();
for (const p of PROVINCES) provinceByKey.set(placeKey(p), p);
provinceByKey.set('ho chi minh', 'Thành phố Hồ Chí Minh');
provinceByKey.set('tp ho chi minh', 'Thành phố Hồ Chí Minh');
provinceByKey.set('hue', 'Thừa Thiên Huế');
const districtByKey = new Map<string, string>();
for (const d of Object.keys(DISTRICT_PROVINCE)) districtByKey.set(placeKey(d), d);

/** "ĐĂK LĂK", "Đắk Lăk", "Daklak" → "Đắk Lắk"; null when not a province. */
export function canonicalProvince(name: string): string | null {
  const key = placeKey(name);
  return provinceByKey.get(key) ?? nearestProvince(key);
}

/**
 * OCR often misreads one letter of a province name ("NGHỊ AN" for "NGHỆ AN"): a name one edit away
 * from exactly one province, and long enough not to be another word, is that province.
 */
function nearestProvince(key: string): string | null {
  if (key.length < 5) return null;
  const near = [...provinceByKey.entries()].filter(([known]) => Math.abs(known.length - key.length) <= 1 && distance(known, key) <= 1);
  const provinces = new Set(near.map(([, province]) => province));
  return provinces.size === 1 ? [...provinces][0]! : null;
}

/** A known district-level town or city in canonical spelling, or null. */
export function canonicalDistrict(name: string): string | null {
  return districtByKey.get(placeKey(name)) ?? null;
}

/** The province of a known place: itself when a province, its province when a known town. */
export function provinceOf(place: string): string | null {
  const p = canonicalProvince(place);
  if (p) return p;
  const d = canonicalDistrict(place);
  return d ? (DISTRICT_PROVINCE[d] ?? null) : null;
}

/** Title-case a place name as printed ("EA H'LEO" → "Ea H'leo", "AN NHƠN" → "An Nhơn"). */
export function titleCasePlace(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map((w) => (w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join(' ');
}

/** Canonical spelling of any place: province list, known towns, otherwise title case. */
export function canonicalPlace(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  return canonicalProvince(clean) ?? canonicalDistrict(clean) ?? titleCasePlace(clean);
}

/** All known place names (provinces and towns), longest first, for scanning text. */
export function knownPlaceKeys(): string[] {
  return [...new Set([...provinceByKey.keys(), ...districtByKey.keys()])].sort((a, b) => b.length - a.length);
}
