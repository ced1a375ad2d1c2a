/**
 * Cited documents: legal bases ("Căn cứ ...") and references with their relation — implements
 * ("Thực hiện ...", "Triển khai ...", a plan's Căn cứ naming its parent directive), replies-to
 * ("Xét đề nghị ... tại Tờ trình số ...", "Phúc đáp ...", "Theo đề nghị ... tại Công văn số ..."),
 * amends/replaces/repeals/guides where the text says so ("sửa đổi, bổ sung …", "thay thế …", "bãi bỏ …",
 * "hướng dẫn thi hành …"), mentions (any other cited document). Citations nested in another citation's title are not
 * separate references.
 */
import { distance } from 'fastest-levenshtein';
import type { Citation, Reference } from '../../../schemas/document.js';
import { foldAccents } from '../../text/fold.js';
import { NORMATIVE_TYPES, typeCodeOfSymbol, typeFromSymbol, typeNameFromWord } from '../normalize/doc-types.js';
import { BODY_ABBREVIATIONS, DEPARTMENTS, MINISTRIES, SYMBOL_ISSUERS, canonicalLocality, issuerFromCode, issuerFromSymbol, type BodyContext } from '../normalize/issuers.js';
import { canonicalPlace, knownPlaceKeys } from '../normalize/places.js';
import { KNOWN_LAWS, lawByRef, lawByTitle } from '../normalize/laws.js';
import { deconfusedCode, parseRef, unitCodeVariants } from '../normalize/ref.js';
import { UNIT_CODES } from '../normalize/unit-codes.js';
import { dateAt, findDates } from './dates.js';
import { foldAligned, type DocLine } from './text.js';

type Rel = 'basis' | Reference['relation'];

export interface FoundCitation extends Citation {
  relation: Rel;
  line: DocLine | null;
  repaired: boolean;
}

export interface CitationsResult {
  legalBases: FoundCitation[];
  references: (FoundCitation & { relation: Reference['relation'] })[];
}

interface Para {
  text: string;
  fold: string;
  line: DocLine;
  /** Offsets where a reference broken at its hyphen was rejoined (its citation is flagged). */
  joins?: number[];
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fk = (s: string): string => foldAccents(s).replace(/\s+/g, ' ').trim();

const TYPE_WORDS = [
  'thong tu lien tich', 'quyet dinh', 'nghi dinh', 'nghi quyet', 'thong tu', 'chi thi', 'cong van', 'van ban',
  'ke hoach', 'to trinh', 'thong bao', 'huong dan', 'bao cao', 'cong dien', 'chuong trinh', 'de an', 'quy dinh',
  'qd', 'nd', 'nq', 'cv', 'kh', 'ttr', 'ct', 'tb', 'bc', 'tt',
];
const REF_PAT = String.raw`\d{1,5}(?:\s?\/\s?\d{4})?\s?\/\s?[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\/[a-z0-9]+)?|\d{1,3}-[a-z]+\/[a-z]+|\d{1,5}[a-z]+-[a-z0-9-]+`;
/** "số" before a number, with the specks OCR puts around it ("số .6502/BTC-NSNN", "số: 45/…"). */
const SO = String.raw`so\s*[:.]?\s*[.,]?\s*`;
const CITE_RE = new RegExp(String.raw`(?<![\p{L}])(${TYPE_WORDS.join('|')})\s+(?:${SO})?(${REF_PAT})(?![a-z0-9])`, 'gu');
const BARE_RE = new RegExp(String.raw`(?<![\p{L}])${SO}(${REF_PAT})(?![a-z0-9])`, 'gu');
/** A reference whose "Quyết định số" OCR lost, known by the date that follows: "1486/QĐ-TTg. ngày 06/11/2018". */
const DATED_RE = new RegExp(String.raw`(?<![\p{L}\d/.-])(${REF_PAT})(?=\s*[.,]?\s*ngay\s*[0-9lio])`, 'gu');

const placeAlt = knownPlaceKeys().map(esc).join('|');
const ministryAlt = MINISTRIES.map((m) => esc(fk(m))).sort((a, b) => b.length - a.length).join('|');
const deptAlt = DEPARTMENTS.map((m) => esc(fk(m))).sort((a, b) => b.length - a.length).join('|');
const abbrAlt = Object.keys(SYMBOL_ISSUERS).map((k) => esc(fk(k))).join('|');
const LEVEL = String.raw`tinh|thanh pho|tp|huyen|thi xa|quan`;

interface Body { name: string; end: number }

/**
 * "Sở TT&TT", "Bộ GD&ĐT", "Sở KH và ĐT", "Bộ NN&PTNT", "Sở GTVT", "Sở TC": the longest run of one to
 * three letter groups that is an abbreviation of a ministry (after "Bộ") or a department (after "Sở").
 */
function abbreviatedBody(fold: string): { level: 'bo' | 'so'; name: string; end: number } | null {
  const m = /^(bo|so) [a-z]{1,4}(?![a-z])/.exec(fold);
  if (!m) return null;
  const ends = [m[0].length];
  const sep = /^(?:\s?(?:&|va|,|-)\s?)([a-z]{1,4})(?![a-z])/;
  for (let k = 0, at = m[0].length; k < 2; k++) {
    const next = sep.exec(fold.slice(at));
    if (!next) break;
    at += next[0].length;
    ends.push(at);
  }
  const level = m[1] as 'bo' | 'so';
  for (const end of ends.reverse()) {
    if (/^[a-z&]/.test(fold.slice(end))) continue;
    const key = fold.slice(3, end).replace(/\s?\bva\b\s?|[^a-z]/g, '');
    const name = Object.hasOwn(BODY_ABBREVIATIONS, key) ? BODY_ABBREVIATIONS[key]! : '';
    const merged = name === 'Nông nghiệp và Môi trường';
    if (level === 'bo' ? MINISTRIES.includes(name) || merged : DEPARTMENTS.includes(name) || merged) return { level, name, end };
  }
  return null;
}

/** Reads an issuing body at the start of `fold` ("cua" already skipped). */
function bodyAt(text: string, fold: string, ctx: BodyContext): Body | null {
  let m: RegExpExecArray | null;
  const placeName = (start: number, len: number): string => canonicalPlace(text.slice(start, start + len));
  if ((m = /^(thu tuong chinh phu|ttcp|ttg)(?![a-z])/.exec(fold))) return { name: 'Thủ tướng Chính phủ', end: m[0].length };
  if ((m = /^chinh phu(?![a-z])/.exec(fold))) return { name: 'Chính phủ', end: m[0].length };
  if ((m = /^quoc hoi(?![a-z])/.exec(fold))) return { name: 'Quốc hội', end: m[0].length };
  if ((m = /^ban chap hanh trung uong( dang)?(?![a-z])/.exec(fold))) return { name: 'Ban Chấp hành Trung ương Đảng', end: m[0].length };
  if ((m = new RegExp(String.raw`^(?:bo truong )?bo (${ministryAlt})(?![a-z])`).exec(fold))) {
    const hit = MINISTRIES.find((x) => fk(x) === m![1]);
    return { name: `Bộ ${hit}`, end: m[0].length };
  }
  if ((m = new RegExp(String.raw`^(${abbrAlt})(?![a-z])`).exec(fold))) {
    const key = Object.keys(SYMBOL_ISSUERS).find((k) => fk(k) === m![1]);
    return key ? { name: SYMBOL_ISSUERS[key]!, end: m[0].length } : null;
  }
  if ((m = new RegExp(String.raw`^(?:chu tich )?(uy ban nhan dan|ubnd)(?: (${LEVEL}))?(?: (${placeAlt}))?(?![a-z])`).exec(fold))) {
    const level = m[2] ? ({ tinh: 'tỉnh', 'thanh pho': 'thành phố', tp: 'thành phố', huyen: 'huyện', 'thi xa': 'thị xã', quan: 'quận' } as Record<string, string>)[m[2]]! : null;
    let loc: string | null = null;
    if (m[3]) loc = canonicalLocality(level ?? 'tỉnh', placeName(m[0].length - m[3].length, m[3].length));
    else if (level === 'tỉnh') loc = ctx.province ? canonicalLocality('tỉnh', ctx.province) : null;
    else if (level && ctx.locality?.startsWith(level)) loc = ctx.locality;
    else if (!level) loc = ctx.locality ?? (ctx.province ? canonicalLocality('tỉnh', ctx.province) : null);
    return { name: `Ủy ban nhân dân${loc ? ` ${loc}` : ''}`, end: m[0].length };
  }
  const abbr = abbreviatedBody(fold);
  if (abbr?.level === 'bo') return { name: `Bộ ${abbr.name}`, end: abbr.end };
  if (abbr) {
    const at = new RegExp(String.raw`^ tinh (${placeAlt})(?![a-z])`).exec(fold.slice(abbr.end));
    const province = at ? placeName(abbr.end + at[0].length - at[1]!.length, at[1]!.length) : ctx.province;
    return { name: `Sở ${abbr.name}${province ? ` ${canonicalLocality('tỉnh', province)}` : ''}`, end: abbr.end + (at ? at[0].length : 0) };
  }
  if ((m = new RegExp(String.raw`^(?:giam doc )?so (${deptAlt})(?: tinh (${placeAlt}))?(?![a-z])`).exec(fold))) {
    const hit = DEPARTMENTS.find((x) => fk(x) === m![1]);
    const province = m[2] ? placeName(m[0].length - m[2].length, m[2].length) : ctx.province;
    return { name: `Sở ${hit}${province ? ` ${canonicalLocality('tỉnh', province)}` : ''}`, end: m[0].length };
  }
  return null;
}

const TITLE_START = /^(ve |ban hanh|phe duyet|huong dan|quy dinh|sua doi|trien khai|thuc hien|xay dung|to chuc|giao|dieu chinh)/;

/** Title after a citation: up to ";" (Căn cứ) or the end of the clause. */
function titleAt(text: string, fold: string, start: number, basis: boolean, hadIssuer: boolean): { title: string | null; end: number } {
  let p = start;
  while (fold[p] === ' ') p++;
  const rest = fold.slice(p);
  if (!rest || /^[,;.:(]/.test(rest)) return { title: null, end: p };
  if (!(hadIssuer || /^ve /.test(rest)) || !TITLE_START.test(rest)) return { title: null, end: p };
  const skipVeViec = /^ve viec /.exec(rest);
  const tStart = p + (skipVeViec ? skipVeViec[0].length : 0);
  let end = text.length;
  const stops = basis ? [/;/g] : [/;/g, /\s\(/g, /:/g, /\.(\s|$)/g, /,\s+(?=[\p{Lu}])/gu];
  for (const re of stops) {
    re.lastIndex = tStart;
    const m = re.exec(text);
    if (m && m.index < end) end = m.index;
  }
  const title = text.slice(tStart, end).replace(/[\s,;.:]+$/, '').trim();
  return { title: title || null, end };
}

/**
 * Spaces OCR put inside a reference: after a symbol's hyphen ("45/2020/NĐ- CP", "1489QĐ- TTg") and
 * inside the year of a normative number ("47/20 19/QH14").
 */
function repairRefSpacing(s: string): string {
  return s
    .replace(/(\d\s?\/?\s?[\p{L}\d/]*\p{L}-)\s+(?=\p{Lu})/gu, '$1')
    .replace(/(?<![\d/])(\d{1,5}\s?\/\s?)(\d{1,3}) (\d{1,3})(?=\s?\/\s?\p{L})/gu, (m, head: string, a: string, b: string) =>
      /^(19|20)\d\d$/.test(a + b) ? `${head}${a}${b}` : m);
}

/**
 * A line ending in a word that cannot end a sentence: the clause runs on ("… của\nUBND tỉnh", "Căn cứ
 * Luật\nTổ chức …"); "… pháp luật" ends many a sentence whose period OCR lost.
 */
const CONNECTOR_END = /(?:^|\s)(va|cua|so|ve|tai|theo|ngay|thang|nam|cac|nhung|voi|cho|de|tu|hoac|ve viec|thuc hien|trien khai|quyet dinh|nghi dinh|nghi quyet|thong tu|chi thi|cong van|van ban|ke hoach|(?<!phap )luat)$/;

/** Specks at the start of a line (dots, quotes, carets from seals and stamps), not a bullet "-". */
const LEAD_SPECKS = /^(?:[.,'"`ˆ~|·:;*]+\s*)+(?=\S)/u;

/** Day and month of a date whose year OCR garbled ("ngày 19 tháng 6 năm 2004056"): "--06-19". */
function dayMonthAt(fold: string): string | null {
  const m = /^\s*,?\s*(?:ngay\s*)?(\d{1,2})\s*(?:thang\s*|\/)(\d{1,2})\b/.exec(fold);
  if (!m) return null;
  const [day, month] = [Number(m[1]), Number(m[2])];
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return `--${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A law cited by name from `tStart` ("Luật Tổ chức Chính phủ [số 76/2015/QH13] ngày 19 tháng 6 năm
 * 2015", "Luật Tổ chức chính quyền địa phương năm 2015"). A law of the table in laws.ts takes its
 * canonical title, and its date when only the year or the day and month could be read.
 */
function lawAt(text: string, fold: string, tStart: number): Citation & { repaired: boolean; end: number } {
  const stop = /\s+so\s+\d|,?\s+ngay\s+\d|\s+\d{1,2}\/\d{1,2}\/\d{4}|\s+nam\s+\d{4}|;|$/.exec(fold.slice(tStart));
  const tEnd = tStart + (stop ? stop.index : fold.length - tStart);
  const head = /^bo luat/.test(fold.slice(tStart)) ? 'Bộ luật' : 'Luật';
  const name = text.slice(tStart + head.length, tEnd).trim();
  let title = `${head} ${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  let pos = tEnd;
  let ref: string | null = null;
  const num = /^\s+so\s*:?\s*(\d{1,5}\s?\/\s?\d{4}\s?\/\s?[a-z0-9]+)/.exec(fold.slice(pos));
  if (num) {
    const s = pos + num[0].indexOf(num[1]!);
    ref = parseRef(text.slice(s, s + num[1]!.length))?.ref ?? null;
    pos += num[0].length;
  }
  const d = dateAt(fold.slice(pos));
  const year = d ? null : /^\s+nam\s+((?:19|20)\d\d)(?!\d)/.exec(fold.slice(pos));
  if (year) pos += year[0].length;
  const partial = d ? null : (year?.[1] ?? dayMonthAt(fold.slice(pos)));
  if (d) pos += d.end;
  let date = d?.iso ?? null;
  let repaired = false;
  // a law of the State's table: its canonical title, and its date when the printed year is unreadable
  const printed = date ?? partial;
  const known = (ref ? lawByRef(ref) : null) ?? (printed ? lawByTitle(title, printed) : null);
  if (known && !ref) {
    repaired = foldAccents(known.title) !== foldAccents(title) || date !== known.date;
    title = known.title;
    date ??= known.date;
  }
  return { type: head, ref, title, date, issuer: 'Quốc hội', repaired, end: pos };
}

/** Specks from seals and signatures read as lines ("x", "~", "ˆ", "<", "=", "5"). */
function isSpeck(t: string): boolean {
  return t.length <= 3 && !/\p{L}{2,}|\d{2,}/u.test(t);
}

/**
 * Lines that reach the right margin of their page: a justified paragraph goes on after them, even
 * when the next line starts with a capital ("… của Thủ tướng" / "Chính phủ, Ủy ban nhân dân …").
 * Needs a few lines at the margin to know where it is.
 */
function marginLines(lines: DocLine[]): Set<DocLine> {
  const out = new Set<DocLine>();
  const byPage = new Map<number, DocLine[]>();
  for (const l of lines) if (l.bbox) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  for (const pageLines of byPage.values()) {
    const right = Math.max(...pageLines.map((l) => l.bbox![2]));
    const slack = right * 0.015;
    const at = pageLines.filter((l) => l.bbox![2] >= right - slack && l.bbox![2] - l.bbox![0] > right * 0.5);
    if (at.length >= 3) for (const l of at) out.add(l);
  }
  return out;
}

function paragraphs(lines: DocLine[]): Para[] {
  const out: Para[] = [];
  const atMargin = marginLines(lines);
  let last: DocLine | null = null;
  for (const l of lines) {
    // specks before the first word (". Nội vụ về…", ". Triển khai Văn bản số…") and a space OCR put
    // after a symbol's hyphen: "45/2020/NĐ- CP" → "45/2020/NĐ-CP"
    const t = repairRefSpacing(l.text.trim().replace(LEAD_SPECKS, ''));
    if (!t || isSpeck(t)) continue;
    const prev = out[out.length - 1];
    const startsClause = /^(can cu|thuc hien|trien khai|xet |theo de nghi|phuc dap|dieu \d|[-+•]|\d+\.|[ivx]+\.)/.test(fk(t));
    // OCR adds a dot at the end of a justified line: "căn cứ nội.\ndung", "của Bộ.\nNội vụ về việc"
    const strayDot = !!prev && /[^.]\.$/.test(prev.text) && !/\.\/\.$/.test(prev.text) &&
      (/^\p{Ll}/u.test(t) || continuesBody(prev.text, t));
    // a symbol broken at its hyphen: "số 51/TTr-" + "BTTTT ngày …" → "51/TTr-BTTTT"
    if (prev && /\d\s?\/\s?[\p{L}\d]+-$/u.test(prev.text) && /^[\p{Lu}\d]/u.test(t)) {
      (prev.joins ??= []).push(prev.text.length);
      prev.text += t;
    } else if (prev && !startsClause && strayDot) {
      prev.text = `${prev.text.slice(0, -1)} ${t}`;
    } else if (prev && !startsClause && !/[.;:!?]$/.test(prev.text) &&
      (/^[\p{Ll}\d“"(]/u.test(t) || CONNECTOR_END.test(fk(prev.text)) || continuesBody(prev.text, t) || (!!last && atMargin.has(last)))) {
      prev.text += ` ${t}`;
    } else {
      out.push({ text: t, fold: '', line: l });
    }
    last = l;
  }
  for (const p of out) p.fold = foldAligned(p.text);
  return out;
}

const isCode = (seg: string): boolean => !!issuerFromCode(seg) || UNIT_CODES.includes(seg) || !!deconfusedCode(seg);

interface SymbolTail {
  text: string;
  length: number;
  /** The segment was split off with a dot ("1486/QĐ.TTg"): rejoined, under review. */
  rejoined: boolean;
  /** The symbol ends in a hyphen followed by no code ("123/UBND- về", "30/2020/NDĐ- quả"): cut short. */
  cut: boolean;
}

/**
 * What follows a symbol read up to `at`: a last segment OCR split off with a dot or a space after the
 * hyphen ("1486/QĐ.TTg", "QĐ- TTg" → "-TTg"), or nothing.
 */
function symbolTail(text: string, fold: string, at: number): SymbolTail {
  const m = /^(?:-\s?|\.)([a-z]+)(?![a-z0-9])/.exec(fold.slice(at));
  const seg = m ? text.slice(at + m[0].length - m[1]!.length, at + m[0].length) : null;
  if (m && seg && isCode(seg)) return { text: `-${seg}`, length: m[0].length, rejoined: m[0].startsWith('.'), cut: false };
  return { text: '', length: 0, rejoined: false, cut: /^-/.test(fold.slice(at)) };
}

/** A date right after a citation, a speck before it allowed ("1486/QĐ-TTg. ngày 06/11/2018"). */
function dateAfter(fold: string): { iso: string; end: number } | null {
  const speck = /^\s*\.(?=\s*ngay\s)/.exec(fold);
  const skip = speck ? speck[0].length : 0;
  const d = dateAt(fold.slice(skip));
  return d ? { iso: d.iso, end: skip + d.end } : null;
}

const NO_CTX: BodyContext = { province: null, locality: null };

/** True when "… của Bộ." + "Nội vụ …" reads as one issuing body across the line break. */
function continuesBody(prev: string, next: string): boolean {
  const m = /(?:^|\s)cua\s+([^,;.]{1,40})\.?$/.exec(foldAligned(prev));
  if (!m) return false;
  const joined = `${m[1]} ${fk(next)}`;
  const own = bodyAt(joined, joined, NO_CTX);
  const alone = bodyAt(m[1]!, m[1]!, NO_CTX);
  return !!own && own.end > m[1]!.length && (!alone || alone.end < own.end);
}

const compactFold = (s: string): string => s.replace(/[^a-z]/g, '');

/** Words that open a citation ("Quyết định", "Công văn", "số" …), read with a letter or two wrong. */
const CITE_OPENING = /^(?:(?:quyet dinh|cong van|ke hoach|nghi quyet|nghi dinh|chi thi|thong tu|van ban|qd|cv|kh)\b|(?:\S+\s+){0,2}so\s*[:.]?\s*[.,]?\s*\d)/;

/**
 * "Thực hiện"/"Triển khai" read with a letter or two wrong, a space lost, or a few letters of a stamp
 * glued in front ("chuyfhực.hiện.Công văn", "Thực hi n Đống văn số"), at a paragraph start, when a
 * citation follows. A whole word before the verb is no OCR debris: "Không thực hiện …", "Đã thực
 * hiện …", "Việc thực hiện … còn chậm" are not the document carrying something out.
 */
function fuzzyImplements(fold: string): boolean {
  const words = fold.split(/[^a-z0-9]+/).filter(Boolean).slice(0, 4);
  for (let n = 1; n <= Math.min(3, words.length); n++) {
    const key = compactFold(words.slice(0, n).join(''));
    if (key.length < 6 || key.length > 15) continue;
    const rest = words.length > n ? fold.slice(fold.indexOf(words[n]!, fold.indexOf(words[n - 1]!) + words[n - 1]!.length)) : '';
    if (!CITE_OPENING.test(rest)) continue;
    const withoutFirst = compactFold(words.slice(1, n).join(''));
    for (const target of ['thuchien', 'trienkhai']) {
      const d = distance(key, target);
      if (d <= 2 && !(n > 1 && distance(withoutFirst, target) <= d)) return true;
      // letters glued in front of the verb's first word, at least two of its own letters kept
      for (let cut = 1; cut <= Math.min(4, words[0]!.length - 2); cut++) {
        if (distance(key.slice(cut), target) <= 1) return true;
      }
    }
  }
  return false;
}

/**
 * "Căn cứ nội dung Quyết định số … nêu trên": acting on a document already cited, not a legal basis.
 * A preamble's Căn cứ never calls back ("Căn cứ hướng dẫn của Bộ Nội vụ tại Công văn số …" is one).
 */
const CALLS_BACK = /^can cu\b.*?(?:\b(?:neu|ke|noi)\s+tren|\/\S*\s+tren)\b/;

const IMPLEMENTS_OPENING = /^(thuc hien|trien khai|thi hanh)\b/;

function relationOf(fold: string): Rel | null {
  if (CALLS_BACK.test(fold)) return null;
  if (/^can cu\b/.test(fold)) return 'basis';
  if (IMPLEMENTS_OPENING.test(fold)) return 'implements';
  if (/^(xet de nghi|xet to trinh|theo de nghi|phuc dap|tra loi)\b/.test(fold)) return 'replies-to';
  if (fuzzyImplements(fold)) return 'implements';
  return null;
}

/** End of the first clause of a paragraph (outside citation spans). */
function clauseEnd(text: string, spans: Array<[number, number]>, basis: boolean): number {
  if (basis) return text.length;
  const re = /;|:|\.(\s|$)|,\s+(?=[\p{Lu}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const at = m.index;
    if (!spans.some(([a, b]) => at >= a && at < b)) return at;
  }
  return text.length;
}

/** "… nêu trên", "… trên": the text calls back to a document it cited before. */
const RECALLED = /^\s*[,.]?\s*(?:(?:neu|ke|noi)\s+)?tren\b/;

function scanParagraph(p: Para, ctx: BodyContext, selfRef: string | null, orphans: OrphanTail[] = []): Scanned[] {
  const { text, fold } = p;
  const rel0 = relationOf(fold);
  const basis = rel0 === 'basis';
  const found: Array<Scanned & { end: number }> = [];
  const spans: Array<[number, number]> = [];
  const nested = (at: number): boolean => spans.some(([a, b]) => at > a && at < b);

  // laws cited by name: at the start of a Căn cứ clause, and each law after a ";" in it
  // ("Căn cứ Luật Tổ chức Chính phủ ngày 19/6/2015; Luật sửa đổi … ngày 22/11/2019;")
  const lawStarts = basis ? [...fold.matchAll(/(?:^can cu\s+|;\s*)(?=(?:luat|bo luat)\s+(?!so\s))/g)].map((m) => m.index + m[0].length) : [];
  for (const tStart of lawStarts) {
    const law = lawAt(text, fold, tStart);
    found.push({ ...law, relation: 'basis', line: p.line, start: tStart });
    const semi = fold.indexOf(';', law.end);
    spans.push([tStart, Math.max(law.end, semi >= 0 ? semi : fold.length)]);
  }

  const matches: Array<{ index: number; typeWord: string | null; refText: string; refStart: number; len: number; dated?: boolean }> = [];
  for (const m of fold.matchAll(CITE_RE)) {
    const refStart = m.index + m[0].length - m[2]!.length;
    matches.push({ index: m.index, typeWord: text.slice(m.index, m.index + m[1]!.length), refText: text.slice(refStart, refStart + m[2]!.length), refStart, len: m[0].length });
  }
  for (const re of [BARE_RE, DATED_RE]) {
    for (const m of fold.matchAll(re)) {
      const refStart = m.index + m[0].length - m[1]!.length;
      if (matches.some((x) => refStart >= x.index && refStart < x.index + x.len)) continue;
      matches.push({ index: m.index, typeWord: null, refText: text.slice(refStart, refStart + m[1]!.length), refStart, len: m[0].length, dated: re === DATED_RE });
    }
  }
  matches.sort((a, b) => a.index - b.index);
  for (const m of matches) {
    if (nested(m.index)) continue;
    const tail = symbolTail(text, fold, m.refStart + m.refText.length);
    m.refText += tail.text;
    m.len += tail.length;
    const parsed = parseRef(m.refText);
    if (!parsed) continue;
    if (!m.typeWord && !typeCodeOfSymbol(parsed.symbol) && !/\/QH\d*$|\/TW$/.test(parsed.symbol)) {
      // without "số" and a type word, a number before a date is a document only by a full symbol:
      // a type code, or an issuer and a known unit ("thửa đất 125/UBND ngày …" is none)
      const [issuerCode, unit] = parsed.symbol.split('-');
      if (!issuerFromSymbol(parsed.symbol, null)) continue;
      if (m.dated && !(issuerCode && unit && UNIT_CODES.includes(unit))) continue;
    }
    let pos = m.index + m.len;
    const d = dateAfter(fold.slice(pos));
    if (d) pos += d.end;
    let issuer: string | null = null;
    const cua = /^\s*[,.]?\s*cua\s+/.exec(fold.slice(pos));
    if (cua) {
      const b = bodyAt(text.slice(pos + cua[0].length), fold.slice(pos + cua[0].length), ctx);
      if (b) {
        issuer = b.name;
        pos += cua[0].length + b.end;
      }
    }
    const hadIssuer = issuer !== null;
    const code = typeCodeOfSymbol(parsed.symbol);
    issuer ??= issuerFromSymbol(parsed.symbol, code, { province: ctx.province, locality: ctx.province ? canonicalLocality('tỉnh', ctx.province) : null });
    const t = titleAt(text, fold, pos, basis, hadIssuer);
    const wordType = m.typeWord ? typeNameFromWord(m.typeWord) : null;
    const type = wordType ?? typeFromSymbol(parsed.symbol);
    // "về" is part of a normative document's title ("Nghị định ... về công tác văn thư"); for an
    // administrative letter, plan or decision it only links the citing sentence to the cited subject
    if (t.title && type && !NORMATIVE_TYPES.has(type) && type !== 'Chỉ thị' && !/\/TW$/.test(parsed.symbol)) t.title = t.title.replace(/^về\s+/iu, '');
    found.push({
      type, ref: parsed.ref, title: t.title, date: d?.iso ?? null, issuer, relation: 'mentions', line: p.line,
      repaired: parsed.repaired || tail.rejoined || tail.cut || !!p.joins?.some((j) => j > m.refStart && j < m.refStart + m.refText.length),
      start: m.index, end: t.end, recalled: RECALLED.test(fold.slice(m.index + m.len)), cut: tail.cut,
    });
    spans.push([m.index, Math.max(t.end, pos)]);
  }
  const cEnd = clauseEnd(text, spans, basis);
  orphans.push(...orphanTails(p, spans, ctx));
  // a garbled opening verb ("chuyfhực.hiện") gives its relation under review
  const fuzzy = rel0 === 'implements' && !IMPLEMENTS_OPENING.test(fold);
  return found
    .filter((c) => !(selfRef && c.ref === selfRef))
    .map(({ end: _end, ...c }) => {
      const opening = !!rel0 && c.start < cEnd;
      const others = found.filter((o) => o.start !== c.start).map((o) => o.start);
      return { ...c, relation: opening ? rel0 : (!basis && actOn(fold, c.start, others)) || 'mentions', repaired: c.repaired || (opening && fuzzy) };
    });
}

/**
 * The end of a law's name and its date closing a Căn cứ clause, the rest of the line lost to a stamp
 * or a merged column ("THỦ TƯỚNG CHÍNH PHỦ chức Chímh phủ ngày 19 tháng 6 năm 2015;" before Căn cứ
 * lines): the one law of the table adopted that day whose title ends so, at most one letter misread
 * in twelve or more ("Tại phiên họp Chính phủ ngày 19/6/2015, …" names a meeting, not the law).
 */
function lawFragments(p: Para, paragraph: number, known: Scanned[]): Placed[] {
  const out: Placed[] = [];
  for (const d of findDates(p.fold)) {
    if (!/^\s*(?:;|$)/.test(p.fold.slice(d.end))) continue;
    const words = p.fold.slice(0, d.index).replace(/\bngay\s*$/, '').split(/[^a-z]+/).filter(Boolean).slice(-6);
    const fits = KNOWN_LAWS.filter((law) => law.date === d.iso).filter((law) => {
      const title = compactFold(foldAccents(law.title));
      for (let n = 2; n <= words.length; n++) {
        const tail = words.slice(-n).join('');
        if (tail.length >= 12 && tail.length <= title.length && distance(tail, title.slice(-tail.length)) <= 1) return true;
      }
      return false;
    });
    const law = fits.length === 1 ? fits[0]! : null;
    if (!law || known.some((c) => c.title === law.title && c.date === law.date)) continue;
    out.push({ type: /^Bộ luật/u.test(law.title) ? 'Bộ luật' : 'Luật', ref: null, title: law.title, date: law.date, issuer: 'Quốc hội', relation: 'basis', line: p.line, repaired: true, start: d.index, paragraph });
  }
  return out;
}

interface OrphanTail { date: string; issuer: string; opening: boolean }

/** A meeting or an event dated "ngày … của …": its date is no cited document's. */
const EVENT_BEFORE = /\b(?:hoi nghi|phien hop|cuoc hop|buoi hop|buoi lam viec|ky hop|dai hoi|hoi thao|toa dam|tap huan|chuyen cong tac|dot kiem tra)\b[^;.]{0,40}$/;
/** What follows a cited document's issuer: its title ("về …", "ban hành …") or the clause end. */
const TITLE_OR_END = /^\s*(?:ve\b|ban hanh|quy dinh|huong dan|phe duyet|[;,.)]|$)/;

/**
 * "ngày 05/03/2020 của Chính phủ về …" outside any citation: the tail of a citation whose number
 * OCR lost (a stamp over the opening line). Not after a meeting or event ("Hội nghị trực tuyến ngày
 * 12/5/2020 của Chính phủ với …").
 */
function orphanTails(p: Para, spans: Array<[number, number]>, ctx: BodyContext): OrphanTail[] {
  const out: OrphanTail[] = [];
  for (const m of p.fold.matchAll(/(?<![a-z])ngay\s*(?=[0-9])/g)) {
    if (spans.some(([a, b]) => m.index >= a && m.index <= b)) continue;
    if (EVENT_BEFORE.test(p.fold.slice(0, m.index))) continue;
    const d = dateAt(p.fold.slice(m.index));
    if (!d) continue;
    const pos = m.index + d.end;
    const cua = /^\s*,?\s*cua\s+/.exec(p.fold.slice(pos));
    if (!cua) continue;
    const b = bodyAt(p.text.slice(pos + cua[0].length), p.fold.slice(pos + cua[0].length), ctx);
    if (!b || !TITLE_OR_END.test(p.fold.slice(pos + cua[0].length + b.end))) continue;
    out.push({ date: d.iso, issuer: b.name, opening: m.index <= 3 });
  }
  return out;
}

/**
 * Gives an orphan tail's date to the one undated citation of its issuer: a citation numbered with its
 * year takes only a date of that year; one without takes only a tail that opens a paragraph.
 */
function adoptOrphanDates(all: FoundCitation[], orphans: OrphanTail[]): void {
  for (const o of orphans) {
    const undated = all.filter((c) => c.ref && !c.date && c.issuer === o.issuer);
    if (undated.length !== 1 || orphans.filter((x) => x.issuer === o.issuer).length !== 1) continue;
    const c = undated[0]!;
    const year = /\/((?:19|20)\d\d)\//.exec(c.ref!)?.[1];
    if (year ? o.date.slice(0, 4) !== year : !o.opening) continue;
    c.date = o.date;
    c.repaired = true;
  }
}

const STRENGTH: Record<Rel, number> = { mentions: 0, basis: 1, 'replies-to': 2, implements: 2, amends: 2, replaces: 2, repeals: 2, guides: 2 };

/** What the citing document does to a document it names right after the verb. */
const ACTS: ReadonlyArray<[RegExp, Rel]> = [
  [/\bthay the\s*(?:cho\s*)?$/, 'replaces'],
  [/\b(?:bai bo|huy bo)\s*(?:(?:mot so|cac)?\s*(?:dieu|khoan|diem)[^,;.]{0,30}cua\s*)?$/, 'repeals'],
  [/\bsua doi\s*,?\s*(?:va\s*)?bo sung\s*(?:(?:mot so|cac)\s*dieu[^,;.]{0,30}cua\s*)?$/, 'amends'],
  [/\bhuong dan\s*(?:thi hanh|thuc hien|trien khai)?\s*(?:(?:mot so|cac)\s*dieu[^,;.]{0,30}cua\s*)?$/, 'guides'],
];

/**
 * Words before the verb that make the citing document its subject: nothing (a clause or an article
 * opening "Bãi bỏ …", "Điều 2. Sửa đổi …", "- Hướng dẫn thi hành …") or "… này" ("Quyết định này
 * có hiệu lực … và thay thế …").
 */
const SELF_SUBJECT = /^(?:(?:dieu\s*\d+\s*\.?|[-+•]|\d+\s*[.)]|[a-z]\s*\))\s*)?$|\bnay\b/;
/** "theo hướng dẫn", "căn cứ hướng dẫn", "tại hướng dẫn": the cited document is the guide. */
const GUIDE_NOUN = /\b(?:theo|can cu|tai|cua|nhu|voi|va)\s*$/;

/**
 * "Bãi bỏ Quyết định số …", "Quyết định này thay thế …", "sửa đổi, bổ sung một số điều của …",
 * "hướng dẫn thi hành …", when the citing document is the one acting: never when another citation
 * stands between the clause start and the verb ("Quyết định số 15 … bãi bỏ Quyết định số 12").
 */
function actOn(fold: string, at: number, others: number[]): Rel | null {
  const from = Math.max(0, at - 60);
  for (const [re, rel] of ACTS) {
    const m = re.exec(fold.slice(from, at));
    if (!m) continue;
    const verb = from + m.index + (/^\s*/.exec(m[0])?.[0].length ?? 0);
    const head = fold.slice(0, verb);
    if (rel === 'guides' && GUIDE_NOUN.test(head)) return null;
    const clauseStart = Math.max(head.lastIndexOf(';'), head.lastIndexOf(':'), head.search(/\.\s(?!.*\.\s)/)) + 1;
    if (others.some((s) => s >= clauseStart && s < verb)) return null;
    return SELF_SUBJECT.test(head.slice(clauseStart).trim()) ? rel : null;
  }
  return null;
}

/** A subject that says the document carries something out: "V/v triển khai …", "Thực hiện …". */
const CARRIES_OUT = /^(?:v\s*\/\s*v\s+)?(?:thuc hien|trien khai)\b/;
/** … and names what directly: "V/v thực hiện QĐ số 1486/QĐ-TTg", "V/v triển khai thực hiện Công văn số …". */
const CARRIES_OUT_CITED = /^(?:v\s*\/\s*v\s+)?(?:thuc hien|trien khai)(?:\s+thuc hien)?\s+(?:\S+\s+){0,2}$/;

/** Citations of the subject lines; those the subject says the document carries out are `implements`. */
function subjectCitations(lines: DocLine[], ctx: BodyContext, selfRef: string | null): Scanned[] {
  if (lines.length === 0) return [];
  const text = repairRefSpacing(lines.map((l) => l.text.trim()).join(' '));
  const p: Para = { text, fold: foldAligned(text), line: lines[0]! };
  return scanParagraph(p, ctx, selfRef).map((c, i) => ({
    ...c,
    relation: i === 0 && CARRIES_OUT_CITED.test(p.fold.slice(0, c.start)) ? 'implements' : 'mentions',
  }));
}

/** A citation as read, with where it sat and whether the text calls back to it ("… nêu trên"). */
type Scanned = FoundCitation & { start: number; recalled?: boolean; cut?: boolean };
type Placed = Scanned & { paragraph: number };

/** Digits tesseract confuses in printed numbers (closed loops and their open forms; 1 and 7). */
const DIGIT_LOOKALIKES = ['69', '68', '89', '38', '35', '56', '17'];

/** Same symbol, numbers of one length one look-alike digit apart ("1489/QĐ-TTg" vs "1486/QĐ-TTg"). */
function misreadOf(a: string, b: string): boolean {
  const [na, sa] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/'))];
  const [nb, sb] = [b.slice(0, b.indexOf('/')), b.slice(b.indexOf('/'))];
  if (sa !== sb || na.length !== nb.length || na === nb || !/^\d+$/.test(na + nb)) return false;
  const diff = [...na].map((c, i) => [c, nb[i]!]).filter(([x, y]) => x !== y);
  return diff.length === 1 && DIGIT_LOOKALIKES.some((pair) => pair.includes(diff[0]![0]!) && pair.includes(diff[0]![1]!));
}

/** Readings that may be one document: at most one of them dated, and no two issuers. */
function compatible(a: Scanned[], b: Scanned[]): boolean {
  if (a.some((c) => c.date) && b.some((c) => c.date)) return false;
  return new Set([...a, ...b].map((c) => c.issuer).filter(Boolean)).size <= 1;
}

const rewrite = (readings: Scanned[], ref: string): void => {
  for (const c of readings) {
    c.ref = ref;
    c.repaired = true;
  }
};

/**
 * A reference read twice with one digit misread ("1489QĐ- TTg ngày …" opening the body, "Quyết định
 * số 1486/QĐ-TTg nêu trên" later): a "nêu trên" reading names a document already cited, so when its
 * number was not read before but one look-alike of it was, both are one document. The number read
 * more often (the subject counts) wins, flagged; on a tie every reading is flagged. Never when both
 * carry a date or their issuers differ: two documents one digit apart.
 */
function reconcileNumbers(body: Placed[], subject: Scanned[]): void {
  const all = [...subject, ...body];
  const readingsOf = (ref: string): Scanned[] => all.filter((c) => c.ref === ref);
  for (const recall of body.filter((c) => c.recalled && c.ref)) {
    const earlier = body.filter((c) => c.ref && (c.paragraph < recall.paragraph || (c.paragraph === recall.paragraph && c.start < recall.start)));
    if (earlier.some((c) => c.ref === recall.ref)) continue;
    const looks = [...new Set(earlier.filter((c) => misreadOf(c.ref!, recall.ref!)).map((c) => c.ref!))];
    if (looks.length !== 1) continue;
    const [a, b] = [readingsOf(recall.ref!), readingsOf(looks[0]!)];
    if (!compatible(a, b)) continue;
    if (a.length === b.length) for (const c of [...a, ...b]) c.repaired = true;
    else if (a.length > b.length) rewrite(b, recall.ref!);
    else rewrite(a, looks[0]!);
  }
}

/**
 * The drafting-unit code two readings of one number agree on ("2926/BGDĐT-GDTIH" and "…-GDTIrH" both
 * one misreading from GDTrH; "…-NGC" and "…-NC"), or null. One reading alone is not repaired: an
 * unlisted code ("TG", "HCC") reads the same.
 */
function agreedUnit(a: string, b: string): string | null {
  const [sa, sb] = [a.split('-'), b.split('-')];
  if (a.slice(0, a.indexOf('/')) !== b.slice(0, b.indexOf('/')) || sa.length !== sb.length || sa.length < 2) return null;
  if (sa.slice(0, -1).join('-') !== sb.slice(0, -1).join('-')) return null;
  const [ua, ub] = [sa[sa.length - 1]!, sb[sb.length - 1]!];
  const [va, vb] = [unitCodeVariants(ua), unitCodeVariants(ub)];
  if (UNIT_CODES.includes(ub) && va.includes(ub)) return `${sa.slice(0, -1).join('-')}-${ub}`;
  if (UNIT_CODES.includes(ua) && vb.includes(ua)) return a;
  const both = va.filter((x) => vb.includes(x));
  return both.length === 1 ? `${sa.slice(0, -1).join('-')}-${both[0]}` : null;
}

function reconcileUnitCodes(found: Scanned[]): void {
  const refs = [...new Set(found.map((c) => c.ref).filter((r): r is string => !!r))];
  for (const a of refs) {
    for (const b of refs) {
      const agreed = a < b ? agreedUnit(a, b) : null;
      if (!agreed) continue;
      const [ra, rb] = [found.filter((c) => c.ref === a), found.filter((c) => c.ref === b)];
      if (!compatibleDates(ra, rb)) continue;
      rewrite([...ra, ...rb].filter((c) => c.ref !== agreed), agreed);
    }
  }
}

/** Readings whose dates do not disagree. */
const compatibleDates = (a: Scanned[], b: Scanned[]): boolean =>
  new Set([...a, ...b].map((c) => c.date).filter(Boolean)).size <= 1;

/**
 * A symbol cut short at its hyphen ("30/2020/NĐ- quả" beside "30/2020/NĐ-CP") is dropped when a
 * whole reading of the same number and opening segments exists (its date kept); otherwise it is kept
 * as read, flagged.
 */
function dropCutReadings(body: Placed[], subject: Scanned[]): void {
  const whole = [...body, ...subject].filter((c) => c.ref && !c.cut);
  for (let i = body.length - 1; i >= 0; i--) {
    const c = body[i]!;
    if (!c.cut || !c.ref) continue;
    const full = whole.find((w) => w.ref!.startsWith(`${c.ref}-`));
    if (!full) continue;
    full.date ??= c.date;
    body.splice(i, 1);
  }
}

export function extractCitations(lines: DocLine[], ctx: BodyContext, selfRef: string | null, subject: DocLine[] = []): CitationsResult {
  const paras = paragraphs(lines);
  const orphans: OrphanTail[] = [];
  const body = paras.flatMap((p, index) => scanParagraph(p, ctx, selfRef, orphans).map((c) => ({ ...c, paragraph: index })));
  // the preamble: the paragraphs up to the last Căn cứ line near the top
  const preambleEnd = paras.slice(0, 15).reduce((last, q, i) => (relationOf(q.fold) === 'basis' ? i : last), -1);
  for (const c of body) {
    // a numbered law of the table whose date OCR lost or cut ("số 47/2019/QH14 ngày 22 tháng 11 năm")
    const law = c.ref ? lawByRef(c.ref) : null;
    if (law && !c.date) {
      c.date = law.date;
      c.repaired = true;
    }
    // a law or decree in the preamble whose own "Căn cứ" OCR lost (a stamp or a merged column)
    if (c.relation === 'mentions' && c.type && NORMATIVE_TYPES.has(c.type) && c.paragraph < preambleEnd && relationOf(paras[c.paragraph]!.fold) === null) {
      c.relation = 'basis';
      c.repaired = true;
    }
  }
  paras.forEach((q, index) => {
    if (index < preambleEnd && relationOf(q.fold) === null) body.push(...lawFragments(q, index, body));
  });
  const fromSubject = subjectCitations(subject, ctx, selfRef);
  dropCutReadings(body, fromSubject);
  reconcileUnitCodes([...body, ...fromSubject]);
  reconcileNumbers(body, fromSubject);
  const all: FoundCitation[] = [];
  for (const c of [...body, ...fromSubject]) {
    const key = c.ref ?? `${c.title}|${c.date}`;
    const prev = all.find((x) => (x.ref ?? `${x.title}|${x.date}`) === key);
    // a document the subject only names (not the one it carries out) is not cited by the body
    if (!prev && fromSubject.includes(c as Scanned) && c.relation !== 'implements') continue;
    if (!prev) all.push(c);
    else {
      if (STRENGTH[c.relation] > STRENGTH[prev.relation]) prev.relation = c.relation;
      prev.title ??= c.title;
      prev.date ??= c.date;
      prev.repaired ||= c.repaired;
    }
  }
  adoptOrphanDates(all, orphans);
  const hasReply = all.some((c) => c.relation === 'replies-to');
  const hasImpl = all.some((c) => c.relation === 'implements');
  if (!hasReply && !hasImpl) {
    // a plan's/decision's Căn cứ naming its parent directive: the last non-normative basis
    const bases = all.filter((c) => c.relation === 'basis' && c.type && !NORMATIVE_TYPES.has(c.type) && c.ref && !/\/\d{4}\//.test(c.ref));
    const parent = bases[bases.length - 1];
    if (parent) parent.relation = 'implements';
    else openingDirective(body, paras, subject, all);
  }
  return {
    legalBases: all.filter((c) => c.relation === 'basis'),
    references: all.filter((c): c is FoundCitation & { relation: Reference['relation'] } => c.relation !== 'basis'),
  };
}

/**
 * A document whose subject says it carries something out ("V/v triển khai …"), or whose opening
 * sentence does after the citation (in that sentence: "… của Thủ tướng Chính phủ, Ủy ban nhân dân
 * tỉnh ban hành Kế hoạch triển khai …", not "… quy định về công tác văn thư. Qua kiểm tra việc thực hiện …"), and whose opening words OCR lost ("… tại Công văn số 2201/UBND-NC ngày …", "1486/QĐ-TTg ngày 6/11/2018 của …"):
 * the citation that opens its body is the directive it implements. Flagged for review.
 */
function openingDirective(body: Placed[], paras: Para[], subject: DocLine[], all: FoundCitation[]): void {
  const first = body.find((c) => c.ref);
  if (!first || first.paragraph > 2) return;
  const para = paras[first.paragraph]!;
  if (relationOf(para.fold) !== null) return;
  const subjectSays = CARRIES_OUT.test(subject.map((l) => l.fold.trim()).join(' ')) && first.start <= 60;
  // "1829/QĐ-TTg ngày … của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện …"
  const sentence = para.fold.slice(first.start).split(/\.\s|[;:]/)[0]!;
  const paragraphSays = first.start <= 10 && /\b(trien khai|thuc hien)\b/.test(sentence);
  if (!subjectSays && !paragraphSays) return;
  const target = all.find((c) => c.ref === first.ref);
  if (!target || target.relation !== 'mentions') return;
  target.relation = 'implements';
  target.repaired = true;
}
