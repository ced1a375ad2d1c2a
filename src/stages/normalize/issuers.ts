/**
 * Canonical names of issuing bodies and offices: "UBND TỈNH ĐẮK LẮK" = "Ủy ban nhân dân tỉnh Đăk Lăk"
 * → "Ủy ban nhân dân tỉnh Đắk Lắk"; "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" in a Đắk Lắk context →
 * "Sở Thông tin và Truyền thông tỉnh Đắk Lắk". Old tone placement (Hòa, Ủy) as the corpus uses.
 */
import { foldAccents, normalizeText } from '../../text/fold.js';
import { CENTRAL_CITIES, canonicalDistrict, canonicalProvince, provinceOf, titleCasePlace } from './places.js';

/**
 * Ministries and ministry-level bodies (canonical, without the "Bộ " prefix where it is one): those
 * before the 2025 reorganisation and those it created (Nông nghiệp và Môi trường, Dân tộc và Tôn giáo;
 * Nội vụ, Tài chính, Khoa học và Công nghệ and Xây dựng kept their names as they took others in).
 */
export const MINISTRIES: readonly string[] = [
  'Nội vụ', 'Tài chính', 'Thông tin và Truyền thông', 'Giáo dục và Đào tạo', 'Y tế', 'Công an', 'Quốc phòng',
  'Ngoại giao', 'Tư pháp', 'Kế hoạch và Đầu tư', 'Xây dựng', 'Giao thông vận tải', 'Công Thương',
  'Nông nghiệp và Phát triển nông thôn', 'Tài nguyên và Môi trường', 'Lao động - Thương binh và Xã hội',
  'Khoa học và Công nghệ', 'Văn hóa, Thể thao và Du lịch', 'Nông nghiệp và Môi trường', 'Dân tộc và Tôn giáo',
];

/** Provincial departments (Sở ...). */
export const DEPARTMENTS: readonly string[] = [
  ...MINISTRIES.filter((m) => !['Công an', 'Quốc phòng', 'Ngoại giao'].includes(m)),
  'Ngoại vụ', 'Du lịch', 'Văn hóa và Thể thao',
];

/**
 * Ministry / department names as abbreviated in running text after "Bộ"/"Sở" ("Sở TT&TT", "Bộ GD&ĐT",
 * "Bộ NN&PTNT", "Sở GTVT", "Sở TC"), by folded letters without separators.
 */
export const BODY_ABBREVIATIONS: Readonly<Record<string, string>> = {
  tttt: 'Thông tin và Truyền thông', gddt: 'Giáo dục và Đào tạo', khdt: 'Kế hoạch và Đầu tư',
  tnmt: 'Tài nguyên và Môi trường', ldtbxh: 'Lao động - Thương binh và Xã hội', vhttdl: 'Văn hóa, Thể thao và Du lịch',
  nnptnt: 'Nông nghiệp và Phát triển nông thôn', khcn: 'Khoa học và Công nghệ', gtvt: 'Giao thông vận tải',
  nnmt: 'Nông nghiệp và Môi trường', dttg: 'Dân tộc và Tôn giáo', vhtt: 'Văn hóa và Thể thao', tc: 'Tài chính', tp: 'Tư pháp', ct: 'Công Thương',
  yt: 'Y tế', xd: 'Xây dựng', nv: 'Nội vụ', ca: 'Công an', qp: 'Quốc phòng', ng: 'Ngoại giao', dl: 'Du lịch',
};

/** Issuer codes used in symbols → canonical issuer (national bodies). */
export const SYMBOL_ISSUERS: Readonly<Record<string, string>> = {
  TTg: 'Thủ tướng Chính phủ', CP: 'Chính phủ', QH: 'Quốc hội', UBTVQH: 'Ủy ban Thường vụ Quốc hội',
  TW: 'Ban Chấp hành Trung ương Đảng', VPCP: 'Văn phòng Chính phủ',
  BNV: 'Bộ Nội vụ', BTC: 'Bộ Tài chính', BTTTT: 'Bộ Thông tin và Truyền thông', BGDĐT: 'Bộ Giáo dục và Đào tạo',
  BYT: 'Bộ Y tế', BCA: 'Bộ Công an', BQP: 'Bộ Quốc phòng', BNG: 'Bộ Ngoại giao', BTP: 'Bộ Tư pháp',
  BKHĐT: 'Bộ Kế hoạch và Đầu tư', BXD: 'Bộ Xây dựng', BGTVT: 'Bộ Giao thông vận tải', BCT: 'Bộ Công Thương',
  BNNPTNT: 'Bộ Nông nghiệp và Phát triển nông thôn', BTNMT: 'Bộ Tài nguyên và Môi trường',
  BLĐTBXH: 'Bộ Lao động - Thương binh và Xã hội', BKHCN: 'Bộ Khoa học và Công nghệ',
  BVHTTDL: 'Bộ Văn hóa, Thể thao và Du lịch', BNNMT: 'Bộ Nông nghiệp và Môi trường', BDTTG: 'Bộ Dân tộc và Tôn giáo',
};

/** Local issuer codes → body name that takes the locality of the context ("STC" → "Sở Tài chính"). */
export const LOCAL_SYMBOL_ISSUERS: Readonly<Record<string, string>> = {
  UBND: 'Ủy ban nhân dân', HĐND: 'Hội đồng nhân dân', VP: 'Văn phòng Ủy ban nhân dân',
  SNV: 'Sở Nội vụ', STC: 'Sở Tài chính', STTTT: 'Sở Thông tin và Truyền thông', SGDĐT: 'Sở Giáo dục và Đào tạo',
  SYT: 'Sở Y tế', STP: 'Sở Tư pháp', SKHĐT: 'Sở Kế hoạch và Đầu tư', SXD: 'Sở Xây dựng',
  SGTVT: 'Sở Giao thông vận tải', SCT: 'Sở Công Thương', SNNPTNT: 'Sở Nông nghiệp và Phát triển nông thôn',
  STNMT: 'Sở Tài nguyên và Môi trường', SLĐTBXH: 'Sở Lao động - Thương binh và Xã hội',
  SKHCN: 'Sở Khoa học và Công nghệ', SVHTTDL: 'Sở Văn hóa, Thể thao và Du lịch', SNgV: 'Sở Ngoại vụ',
  SNNMT: 'Sở Nông nghiệp và Môi trường', SDTTG: 'Sở Dân tộc và Tôn giáo',
};

const fk = (s: string): string => foldAccents(s).replace(/[^a-z0-9' ]+/g, ' ').replace(/\s+/g, ' ').trim();

const ministryKeys = MINISTRIES.map((m) => ({ key: fk(m), name: m })).sort((a, b) => b.key.length - a.key.length);
const departmentKeys = DEPARTMENTS.map((m) => ({ key: fk(m), name: m })).sort((a, b) => b.key.length - a.key.length);
const symbolIssuerByFold = new Map<string, string>();
for (const [k, v] of Object.entries(SYMBOL_ISSUERS)) symbolIssuerByFold.set(foldAccents(k), v);
const localIssuerByFold = new Map<string, string>();
for (const [k, v] of Object.entries(LOCAL_SYMBOL_ISSUERS)) localIssuerByFold.set(foldAccents(k), v);

/** Administrative level words, folded → canonical. */
const LEVELS: ReadonlyArray<[RegExp, string]> = [
  [/^(tinh|t\.)\s+/, 'tỉnh'],
  [/^(thanh pho|tp\.?)\s+/, 'thành phố'],
  [/^(thi xa|tx\.?)\s+/, 'thị xã'],
  [/^(huyen|h\.)\s+/, 'huyện'],
  [/^quan\s+/, 'quận'],
  [/^(thi tran|tt\.)\s+/, 'thị trấn'],
  [/^phuong\s+/, 'phường'],
  [/^xa\s+/, 'xã'],
];

/** Context for names that omit their locality ("Sở Tài chính" in a Bình Định letter). */
export interface BodyContext {
  /** Province of the document ("Bình Định"), or null for central bodies. */
  province: string | null;
  /** Locality phrase of the issuing body ("tỉnh Bình Định", "thị xã An Nhơn"). */
  locality?: string | null;
}

/** A parsed locality: "tỉnh Đắk Lắk", "thị xã An Nhơn". */
export function canonicalLocality(level: string, name: string): string {
  const province = canonicalProvince(name);
  if (province && (level === 'tỉnh' || level === 'thành phố')) {
    if (CENTRAL_CITIES.includes(province)) return province.startsWith('Thành phố') ? province : `thành phố ${province}`;
    return `${level} ${province}`;
  }
  return `${level} ${canonicalDistrict(name) ?? titleCasePlace(name)}`;
}

/** Splits a folded+original pair at a locality: returns the locality phrase and the rest before it. */
function parseLocality(orig: string): string | null {
  const o = orig.trim();
  const f = foldAccents(o);
  for (const [re, level] of LEVELS) {
    const m = re.exec(f);
    if (m) {
      const name = o.slice(m[0].length).replace(/[.;,:]+$/, '').trim();
      if (!name) return null;
      return canonicalLocality(level, name);
    }
  }
  return null;
}

function provinceLocality(ctx: BodyContext | undefined): string | null {
  if (!ctx?.province) return null;
  return canonicalLocality('tỉnh', ctx.province);
}

/**
 * Canonical name of a body as printed (any case, abbreviations, lost diacritics), completed with the
 * context's locality when the printed name has none. Returns null when the text names no known body.
 */
export function canonicalBody(printed: string, ctx?: BodyContext): string | null {
  const orig = normalizeText(printed).replace(/\s+/g, ' ').replace(/[.;,:]+$/, '').trim();
  if (!orig) return null;
  const words = orig.split(' ');
  const folded = words.map((w) => fk(w));
  const f = folded.join(' ');
  /** Original text after the first n folded characters' worth of words. */
  const restAfter = (prefixFolded: string): string => {
    const n = prefixFolded.split(' ').filter(Boolean).length;
    return words.slice(n).join(' ');
  };

  let m: RegExpExecArray | null;
  if ((m = /^(thu tuong chinh phu|ttcp)$/.exec(f))) return 'Thủ tướng Chính phủ';
  if (/^chinh phu$/.test(f)) return 'Chính phủ';
  if (/^quoc hoi$/.test(f)) return 'Quốc hội';
  if (/^van phong chinh phu$/.test(f)) return 'Văn phòng Chính phủ';

  // Văn phòng HĐND và UBND <locality> / Văn phòng UBND <locality>
  if ((m = /^(van phong|vp) (hdnd va ubnd|hoi dong nhan dan va uy ban nhan dan)\b ?/.exec(f))) {
    const loc = parseLocality(restAfter(m[0])) ?? ctx?.locality ?? provinceLocality(ctx);
    return `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân${loc ? ` ${loc}` : ''}`;
  }
  if ((m = /^(van phong|vp) (ubnd|uy ban nhan dan)\b ?/.exec(f))) {
    const loc = parseLocality(restAfter(m[0])) ?? ctx?.locality ?? provinceLocality(ctx);
    return `Văn phòng Ủy ban nhân dân${loc ? ` ${loc}` : ''}`;
  }
  if ((m = /^(hdnd|hoi dong nhan dan)\b ?/.exec(f))) {
    const loc = parseLocality(restAfter(m[0])) ?? ctx?.locality ?? provinceLocality(ctx);
    return `Hội đồng nhân dân${loc ? ` ${loc}` : ''}`;
  }
  if ((m = /^(ubnd|uy ban nhan dan)\b ?/.exec(f))) {
    const rest = restAfter(m[0]);
    if (/^cac\b/.test(fk(rest))) return null;
    const loc = parseLocality(rest) ?? ctx?.locality ?? provinceLocality(ctx);
    return `Ủy ban nhân dân${loc ? ` ${loc}` : ''}`;
  }
  if ((m = /^(bo truong )?bo\b ?/.exec(f))) {
    const rest = f.slice(m[0].length);
    const hit = ministryKeys.find((k) => rest === k.key || rest.startsWith(`${k.key} `));
    if (hit) return `Bộ ${hit.name}`;
  }
  if ((m = /^(giam doc )?so\b ?/.exec(f))) {
    const rest = f.slice(m[0].length);
    const hit = departmentKeys.find((k) => rest === k.key || rest.startsWith(`${k.key} `));
    if (hit) {
      const after = restAfter(m[0] + hit.key);
      const loc = parseLocality(after) ?? provinceLocality(ctx);
      return `Sở ${hit.name}${loc ? ` ${loc}` : ''}`;
    }
  }
  const bySymbol = symbolIssuerByFold.get(fk(orig).replace(/ /g, ''));
  if (bySymbol && !/\s/.test(orig)) return bySymbol;
  return null;
}

/** Issuer named by a symbol's issuer code ("TTg", "BTTTT", "STC" with its province); null if unknown. */
export function issuerFromCode(code: string, ctx?: BodyContext): string | null {
  const f = foldAccents(code);
  const national = symbolIssuerByFold.get(f);
  if (national) return national;
  if (/^qh\d*$/.test(f)) return 'Quốc hội';
  const local = localIssuerByFold.get(f);
  if (!local) return null;
  const loc = code.toUpperCase() === 'UBND' ? (ctx?.locality ?? provinceLocality(ctx)) : provinceLocality(ctx);
  return loc ? `${local} ${loc}` : local;
}

/** Issuer inferred from a whole symbol: "QĐ-TTg" → TTg, "2015/NĐ-CP" → CP, "QH13", "NQ/TW", "UBND-KGVX". */
export function issuerFromSymbol(symbol: string, typeCode: string | null, ctx?: BodyContext): string | null {
  const parts = symbol.split('/');
  const last = parts[parts.length - 1] ?? '';
  if (/^QH\d*$/i.test(last)) return 'Quốc hội';
  if (/^TW$/i.test(last)) return 'Ban Chấp hành Trung ương Đảng';
  const segs = last.split('-');
  const code = typeCode ? segs[1] : segs[0];
  return code ? issuerFromCode(code, ctx) : null;
}

/** Province of a canonical body name ("Sở Nội vụ tỉnh Đắk Lắk" → "Đắk Lắk", "... thị xã An Nhơn" → "Bình Định"). */
export function provinceOfBody(name: string | null): string | null {
  if (!name) return null;
  const m = /(tỉnh|thành phố|thị xã|huyện|quận) (.+)$/.exec(name);
  if (!m) return null;
  return provinceOf(m[2]!);
}

/** Locality phrase at the end of a canonical body ("... thị xã An Nhơn" → "thị xã An Nhơn"). */
export function localityOfBody(name: string | null): string | null {
  if (!name) return null;
  const m = /((tỉnh|thành phố|thị xã|huyện|quận|xã|phường|thị trấn) .+)$/.exec(name);
  return m ? m[1]! : null;
}

/**
 * The office whose arrival stamp a body's incoming documents carry. A people's committee receives
 * through its office: at province level the committee's own office, at district level the joint office
 * of the council and the committee; a commune committee, and every other body, receives itself.
 */
export function receivingOffice(body: string): string {
  const committee = /^Ủy ban nhân dân ((tỉnh|[Tt]hành phố|huyện|thị xã|quận) (.+))$/u.exec(body);
  if (!committee) return body;
  const [, locality, level, name] = committee as unknown as [string, string, string, string];
  const province = canonicalProvince(name) ?? canonicalProvince(locality);
  const provincial = level === 'tỉnh' || (level.toLowerCase() === 'thành phố' && !!province && CENTRAL_CITIES.includes(province));
  return provincial ? `Văn phòng Ủy ban nhân dân ${locality}` : `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${locality}`;
}
