/**
 * Document type names and codes: Decree 30/2020/NĐ-CP appendix III (administrative documents),
 * the normative document codes, and the older codes of Circular 01/2011/TT-BNV.
 */
import { foldAccents } from '../../text/fold.js';

/** Type code as printed in a symbol → type name. */
export const TYPE_CODES: Readonly<Record<string, string>> = {
  NQ: 'Nghị quyết', QĐ: 'Quyết định', CT: 'Chỉ thị', QC: 'Quy chế', QyĐ: 'Quy định', TC: 'Thông cáo',
  TB: 'Thông báo', HD: 'Hướng dẫn', CTr: 'Chương trình', KH: 'Kế hoạch', PA: 'Phương án', ĐA: 'Đề án',
  DA: 'Dự án', BC: 'Báo cáo', BB: 'Biên bản', TTr: 'Tờ trình', HĐ: 'Hợp đồng', CĐ: 'Công điện',
  BGN: 'Bản ghi nhớ', BTT: 'Bản thỏa thuận', GUQ: 'Giấy ủy quyền', GM: 'Giấy mời', GGT: 'Giấy giới thiệu',
  GNP: 'Giấy nghỉ phép', PG: 'Phiếu gửi', PC: 'Phiếu chuyển', PB: 'Phiếu báo', SY: 'Bản sao y',
  TrS: 'Bản trích sao', SL: 'Bản sao lục',
  // normative documents
  NĐ: 'Nghị định', TT: 'Thông tư', TTLT: 'Thông tư liên tịch', QH: 'Luật', PL: 'Pháp lệnh',
  UBTVQH: 'Nghị quyết', L: 'Luật',
  // older codes (Circular 01/2011)
  GN: 'Giấy nghỉ phép', UQ: 'Giấy ủy quyền', GT: 'Giấy giới thiệu', TS: 'Bản trích sao',
};

/** Type names recognised as a title word or in running text, with their folded spelling. */
export const TYPE_NAMES: readonly string[] = [
  'Thông tư liên tịch', 'Quyết định', 'Nghị quyết', 'Nghị định', 'Thông tư', 'Chỉ thị', 'Quy chế', 'Quy định',
  'Thông cáo', 'Thông báo', 'Hướng dẫn', 'Chương trình', 'Kế hoạch', 'Phương án', 'Đề án', 'Dự án',
  'Báo cáo', 'Biên bản', 'Tờ trình', 'Hợp đồng', 'Công điện', 'Bản ghi nhớ', 'Bản thỏa thuận',
  'Giấy ủy quyền', 'Giấy mời', 'Giấy giới thiệu', 'Giấy nghỉ phép', 'Công văn', 'Luật', 'Pháp lệnh',
];

/** Abbreviations used in running text before "số" ("QĐ số 1486/QĐ-TTg", "CV số ..."). */
const TEXT_ABBREVIATIONS: Readonly<Record<string, string>> = {
  qd: 'Quyết định', nd: 'Nghị định', nq: 'Nghị quyết', tt: 'Thông tư', cv: 'Công văn', kh: 'Kế hoạch',
  ttr: 'Tờ trình', ct: 'Chỉ thị', tb: 'Thông báo', bc: 'Báo cáo', hd: 'Hướng dẫn', cd: 'Công điện',
};

const codeByFold = new Map<string, string>();
for (const code of Object.keys(TYPE_CODES)) codeByFold.set(foldAccents(code), code);
const nameByFold = new Map<string, string>();
for (const n of TYPE_NAMES) nameByFold.set(foldAccents(n), n);

/** Canonical type code for a printed code, tolerant of lost diacritics ("QD" → "QĐ"); null if unknown. */
export function canonicalTypeCode(code: string): string | null {
  if (Object.hasOwn(TYPE_CODES, code)) return code;
  return codeByFold.get(foldAccents(code)) ?? null;
}

/** Type name for a code: "QĐ" → "Quyết định". */
export function typeNameFromCode(code: string): string | null {
  const c = canonicalTypeCode(code);
  return c ? (TYPE_CODES[c] ?? null) : null;
}

/** Type name for a printed title or word ("QUYẾT ĐỊNH", "Van ban", "QĐ"); "Văn bản" → null (unspecific). */
export function typeNameFromWord(word: string): string | null {
  const f = foldAccents(word).replace(/\s+/g, ' ').trim();
  return nameByFold.get(f) ?? TEXT_ABBREVIATIONS[f] ?? null;
}

/**
 * Type of a document from its symbol: the first segment when it is a type code ("QĐ-TTg"),
 * the law code for "/QH14" symbols, otherwise a letter ("UBND-KGVX" → "Công văn").
 */
export function typeFromSymbol(symbol: string): string | null {
  const parts = symbol.split('/');
  const last = parts[parts.length - 1] ?? '';
  if (/^QH\d*$/i.test(last)) return 'Luật';
  if (/^\d+-NQ\/TW$/i.test(symbol) || /^NQ\/TW$/i.test(symbol)) return 'Nghị quyết';
  const head = (parts.length > 1 && /^\d{4}$/.test(parts[0] ?? '') ? last : symbol).split('-')[0] ?? '';
  const name = typeNameFromCode(head);
  if (name) return name;
  return /^[A-ZĐ]/.test(head) ? 'Công văn' : null;
}

/** Type code found in a symbol, or null for a letter ("UBND-KGVX"). */
export function typeCodeOfSymbol(symbol: string): string | null {
  const parts = symbol.split('/');
  const seg = (parts.length > 1 && /^\d{4}$/.test(parts[0] ?? '') ? parts[parts.length - 1] : symbol) ?? '';
  return canonicalTypeCode(seg.split('-')[0] ?? '');
}

/** Normative (legal) document types, cited as legal bases rather than as directives. */
export const NORMATIVE_TYPES: ReadonlySet<string> = new Set([
  'Luật', 'Pháp lệnh', 'Nghị định', 'Nghị quyết', 'Thông tư', 'Thông tư liên tịch',
]);
