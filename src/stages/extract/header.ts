/**
 * The header of a document: issuing body (+ parent body), number/symbol, place and date, urgency,
 * type (title or symbol) and subject ("V/v ..." for letters, the title's subject lines otherwise).
 * Tolerates the two header columns merged line by line.
 */
import { distance } from 'fastest-levenshtein';
import {
  canonicalBody, LOCAL_SYMBOL_ISSUERS, localityOfBody, MINISTRIES, provinceOfBody, SYMBOL_ISSUERS, type BodyContext,
} from '../normalize/issuers.js';
import { UNIT_CODES } from '../normalize/unit-codes.js';
import { foldAccents } from '../../text/fold.js';
import { canonicalPlace, provinceOf, titleCasePlace } from '../normalize/places.js';
import { canonicalTypeCode, typeCodeOfSymbol, typeFromSymbol, typeNameFromCode, typeNameFromWord } from '../normalize/doc-types.js';
import { parseRef, unitCodeVariants, type ParsedRef } from '../normalize/ref.js';
import { LONG_DATE_RE, MONTH_EXACT, num } from './dates.js';
import { leftPart, PLACE_DATE_RE, placeStart, rightColumnStart } from './columns.js';
import { f, jumbledMotto, MOTTO_RE, type DocLine } from './text.js';

export interface HeaderResult {
  issuer: string | null;
  parentBody: string | null;
  issuerLines: DocLine[];
  /** The issuer lines were read word by word across two lines and rearranged (`deinterleaveBody`). */
  bodiesRearranged?: boolean;
  ref: ParsedRef | null;
  numberLine: DocLine | null;
  place: string | null;
  issuedDate: string | null;
  dateLine: DocLine | null;
  /** The date's keywords were read misspelt ("thúng") and matched tolerantly. */
  dateRepaired?: boolean;
  type: string | null;
  typeFromTitle: string | null;
  typeLine: DocLine | null;
  subject: string | null;
  subjectLines: DocLine[];
  urgency: 'Khẩn' | 'Thượng khẩn' | 'Hỏa tốc' | null;
  urgencyLine: DocLine | null;
  secrecy: 'Mật' | 'Tối mật' | 'Tuyệt mật' | null;
  secrecyLine: DocLine | null;
  /** Index of the first line after the header (title, subject, Kính gửi excluded). */
  bodyStart: number;
}

const NUMBER_RE = /^(?:so|s0)\s*[:.;]?\s*([0-9]{1,6})\s*(\/?)\s*((?:[a-z]|\d{4}\s*\/\s*[a-z])[a-z0-9-]*(?:\s*\/\s*[a-z0-9-]+)*)/;
const URGENCY_RE = /(?:^|\s)(hoa toc|thuong khan|khan)(?=\s|$)/;

/** "Số: ..." as printed at the head of a number line (capital S or a colon), not "số ..." in a V/v line. */
function isNumberLine(l: DocLine): boolean {
  const t = l.text.trimStart();
  return NUMBER_RE.test(l.fold.trimStart()) && (/^[S5]/.test(t) || /^\S+\s*:/.test(t));
}

function isCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

function urgencyOf(l: DocLine): HeaderResult['urgency'] {
  const m = URGENCY_RE.exec(f(l));
  if (!m) return null;
  // the word must be printed in capitals (a red box), not "khẩn trương" in running text
  const word = l.text.replace(/\s+/g, ' ').trim().slice(m.index + (m[0].startsWith(' ') ? 1 : 0), m.index + m[0].length);
  if (!isCaps(word)) return null;
  return m[1] === 'hoa toc' ? 'Hỏa tốc' : m[1] === 'thuong khan' ? 'Thượng khẩn' : 'Khẩn';
}

/** "MẬT", "TỐI MẬT", "TUYỆT MẬT", "ĐỘ MẬT: TỐI MẬT" as a mark, not "BÍ MẬT NHÀ NƯỚC" in a title. */
const SECRECY_RE = /(?:^|\s)(tuyet mat|toi mat|mat)(?=\s|$)/;

function secrecyOf(l: DocLine): HeaderResult['secrecy'] {
  const text = l.text.replace(/\s+/g, ' ').trim();
  const fold = foldAccents(text);
  const m = SECRECY_RE.exec(fold);
  if (!m) return null;
  const start = m.index + (m[0].startsWith(' ') ? 1 : 0);
  const end = m.index + m[0].length;
  if (!isCaps(text.slice(start, end))) return null;
  if (/(?:^|\s)bi$/.test(fold.slice(0, start).trimEnd())) return null;
  // the mark stands alone: no capitalised word runs on after it ("MẬT KHẨU", "MẬT NHÀ NƯỚC")
  const after = text.slice(end).trim().split(' ')[0] ?? '';
  if (after && isCaps(after)) return null;
  return m[1] === 'tuyet mat' ? 'Tuyệt mật' : m[1] === 'toi mat' ? 'Tối mật' : 'Mật';
}

/** Splits issuer lines into bodies: "VÀ ...", "TỈNH ..." lines continue the previous body. */
/** A ministry printed with its spaces lost ("BỘTÀICHÍNH"), matched on folded letters only. */
function ministryBySpelling(raw: string): string | null {
  const key = foldAccents(raw).replace(/[^a-z]/g, '');
  if (!key.startsWith('bo')) return null;
  const hit = MINISTRIES.find((m) => foldAccents(`bo${m}`).replace(/[^a-z]/g, '') === key);
  return hit ? `Bộ ${hit}` : null;
}

const COLLECTIVE_BODIES = ['uy ban nhan dan', 'hoi dong nhan dan'];
const LOCALITY_START = /^(tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran)\b/;

/**
 * A two-line body read word by word across its lines ("ỦY TỈNH BAN AN NHÂN GIANG DÂN" for
 * "ỦY BAN NHÂN DÂN" over "TỈNH BÌNH ĐỊNH"): the collective body's words taken out in order, the
 * locality left; null when the line is not such a mix.
 */
export function deinterleaveBody(line: string): string | null {
  const words = line.trim().split(/\s+/);
  const folded = words.map((w) => foldAccents(w).replace(/[^a-z]/g, ''));
  for (const body of COLLECTIVE_BODIES) {
    const want = body.split(' ');
    const picked: number[] = [];
    for (let i = 0; i < words.length && picked.length < want.length; i++) if (folded[i] === want[picked.length]) picked.push(i);
    if (picked.length < want.length || picked[0] !== 0) continue;
    if (picked[picked.length - 1]! === picked.length - 1) return null; // printed in order: nothing to undo
    const rest = words.filter((_, i) => !picked.includes(i) && folded[i]);
    if (!LOCALITY_START.test(rest.map((w) => foldAccents(w)).join(' '))) continue;
    return `${picked.map((i) => words[i]).join(' ')} ${rest.join(' ')}`;
  }
  return null;
}

function groupBodies(lines: string[]): { bodies: string[]; rearranged: boolean } {
  const out: string[] = [];
  let rearranged = false;
  for (const line of lines) {
    const undone = deinterleaveBody(line);
    rearranged ||= undone !== null;
    const raw = undone ?? line;
    // quote marks, dots and specks OCR adds around a header line ("“TÌNH BÌNH ĐỊNH...")
    let s = raw.replace(/[-_=─—]{3,}/g, '').trim().replace(/^[^\p{L}]+/u, '').replace(/[^\p{L})]+$/u, '').trim();
    // a fixed phrase whose last word OCR lost at the line end ("ỦY BAN NHÂN" → "ỦY BAN NHÂN DÂN")
    s = s.replace(/^((?:[UỦ][YỶ]|UỶ) BAN NHÂN|HỘI ĐỒNG NHÂN)$/u, '$1 DÂN');
    if (!s || !isCaps(s)) continue;
    const fs = f({ fold: s } as DocLine);
    const cont = /^(va|tinh|thanh pho|huyen|thi xa|quan|xa|phuong|thi tran|chinh phu|truyen thong|dao tao)\b/.test(
      fs.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/đ/g, 'd'),
    );
    if (cont && out.length) out[out.length - 1] += ` ${s}`;
    else out.push(s);
  }
  return { bodies: out, rearranged };
}

/**
 * A line whose centre is off the title's: subject lines are centred under the title, the body is
 * not. Unknown boxes never stop the subject.
 */
function offCentre(line: DocLine, title: DocLine, all: DocLine[]): boolean {
  if (!line.bbox || !title.bbox || line.page !== title.page) return false;
  const width = Math.max(...all.filter((x) => x.page === line.page && x.bbox).map((x) => x.bbox![2]));
  const centre = (b: readonly number[]): number => (b[0]! + b[2]!) / 2;
  return Math.abs(centre(line.bbox) - centre(title.bbox)) > 0.06 * width;
}

/** A line spanning most of the text width: body text, not a centred subject line. */
function wide(line: DocLine, all: DocLine[]): boolean {
  if (!line.bbox) return false;
  const width = Math.max(...all.filter((x) => x.page === line.page && x.bbox).map((x) => x.bbox![2]));
  return line.bbox[2] - line.bbox[0] > 0.7 * width;
}

/** A V/v line ended by a stray dot while the next left-column line goes on in lower case. */
function continuesBelow(lines: DocLine[], zone: number[], k: number, left: string): boolean {
  if (!/\.$/.test(left) || /\.\s*\.$|\/\.$/.test(left)) return false;
  const next = zone[k + 1] !== undefined ? lines[zone[k + 1]!]! : null;
  if (!next || MOTTO_RE.test(next.fold)) return false;
  const t = leftPart(next);
  return /^\p{Ll}/u.test(t) && t.length <= 45;
}

function titleType(l: DocLine): string | null {
  const s = l.text.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '').trim();
  if (!isCaps(s) || s.length > 40) return null;
  return typeNameFromWord(s);
}

/** A place-date line without its comma, the place capitalised at the line start. */
export const PLACE_DATE_NO_COMMA = /^([\p{Lu}][\p{L}']*(?:\s?[\p{Lu}][\p{L}']*){0,3})\s+ng[aà]y\s*[0-9lio]{1,2}\s*\S{3,6}\s*[0-9lio]{1,2}\s*n[aă]m\s*[0-9lio]{4}/u;

/**
 * The V/v text so far ends where a cited document's number/symbol goes on the next line: on "số",
 * a type name or a type code ("… thực hiện Công văn số" / "… theo QĐ"). Anything else, and a number line
 * below is the letter's own or a stamp's, not part of the subject.
 */
function citesNext(parts: readonly string[]): boolean {
  const words = parts.join(' ').replace(/[\s,;:.]+$/u, '').split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (/^s[oố]$/iu.test(last) || canonicalTypeCode(last)) return true;
  return [1, 2, 3].some((n) => words.length > n && typeNameFromWord(words.slice(-n).join(' ')) !== null);
}

/** "V/v" at a line start, after specks OCR may put before it ("-V/v thực hiện QĐ"). */
const VV_RE = /^[^a-z0-9]{0,3}v\s*\/\s*v\b/;

/** A word in capitals carrying Vietnamese marks ("VĂN", "THÔNG"): stamp or heading text, not an acronym. */
function markedCapsWord(w: string): boolean {
  const letters = w.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase() && /[\u0300-\u036f]/.test(letters.normalize('NFD'));
}

/** A short line of one or two words ("THÔNG", "Căn cư", "Sở X"): stamp debris between title and subject. */
function debrisLine(text: string): boolean {
  const t = text.trim();
  return t.length < 12 && t.split(/\s+/).length <= 2 && !/^v[eề]\b/iu.test(t);
}

const SUBJECT_STOP = /^(can cu|thuc hien|kinh gui|xet |theo de nghi|phuc dap|dieu \d|[ivx]+\.|\d+\.|- |noi nhan)/;

export function extractHeader(lines: DocLine[], skip: Set<number>): HeaderResult {
  const idx = lines.map((_, i) => i).filter((i) => !skip.has(i));
  const zone = idx.slice(0, 40);
  const r: HeaderResult = {
    issuer: null, parentBody: null, issuerLines: [], ref: null, numberLine: null, place: null, issuedDate: null,
    dateLine: null, type: null, typeFromTitle: null, typeLine: null, subject: null, subjectLines: [], urgency: null,
    urgencyLine: null, secrecy: null, secrecyLine: null, bodyStart: 0,
  };
  // number line
  let numberPos = -1;
  for (const [k, i] of zone.entries()) {
    const l = lines[i]!;
    const m = NUMBER_RE.exec(l.fold.trimStart());
    if (!m || !isNumberLine(l)) continue;
    const off = l.fold.length - l.fold.trimStart().length;
    const start = off + m.index + m[0].indexOf(m[1]!);
    let printed = l.text.slice(start, off + m.index + m[0].length);
    const cut = rightColumnStart(l);
    if (cut > start) printed = printed.slice(0, cut - start);
    printed = printed.trim().split(/\s{2,}/)[0] ?? printed;
    // drop a trailing place name merged from the right column ("10023/UBND-KGVX Đăk")
    printed = /^\S+(?:\s*\/\s*\S+)?/.exec(printed.trim())?.[0] ?? printed;
    const ref = parseRef(printed);
    if (ref) {
      r.ref = ref;
      r.numberLine = l;
      numberPos = k;
      break;
    }
  }
  // place and date (stamp lines included: a merged line may carry the right column)
  let datePos = -1;
  const zoneEnd = zone.length ? zone[zone.length - 1]! : -1;
  for (let i = 0; i <= zoneEnd; i++) {
    const l = lines[i]!;
    const k = zone.findIndex((z) => z >= i);
    const m = PLACE_DATE_RE.exec(l.fold);
    if (!m) continue;
    const start = placeStart(l, m.index);
    const placeText = l.text.slice(start, m.index).trim();
    if (placeText) r.place = canonicalPlace(placeText);
    const d = new RegExp(LONG_DATE_RE.source).exec(l.fold.slice(m.index));
    if (d) {
      const [dd, mm, yy] = [num(d[1]!), num(d[2]!), num(d[3]!)];
      if (mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31) r.issuedDate = `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
      r.dateRepaired = !MONTH_EXACT.test(d[0]);
    }
    r.dateLine = l;
    datePos = k;
    break;
  }
  // the comma lost: "CầnThơ ngày 5 tháng 8 năm 2021" (capitalised place at the line start), flagged
  if (!r.dateLine) {
    for (const [k, i] of zone.entries()) {
      const l = lines[i]!;
      const m = PLACE_DATE_NO_COMMA.exec(l.text.trim());
      if (!m) continue;
      const lead = l.text.length - l.text.trimStart().length;
      const d = new RegExp(LONG_DATE_RE.source).exec(l.fold.slice(lead + m[1]!.length));
      if (!d) continue;
      const [dd, mm, yy] = [num(d[1]!), num(d[2]!), num(d[3]!)];
      if (mm < 1 || mm > 12 || dd < 1 || dd > 31) continue;
      r.issuedDate = `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
      const place = canonicalPlace(m[1]!.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'));
      r.place = place || null;
      r.dateRepaired = true;
      r.dateLine = l;
      datePos = k;
      break;
    }
  }
  // issuer: left-column lines above the number line (or above the motto/date when no number)
  const mottoPos = zone.findIndex((i) => MOTTO_RE.test(lines[i]!.fold));
  const vvAt = zone.findIndex((i) => VV_RE.test(f(lines[i]!)));
  const kgAt = zone.findIndex((i) => /^kinh gui\b/.test(f(lines[i]!)));
  const titleAt = zone.findIndex((i) => titleType(lines[i]!) !== null);
  const pureMotto = zone.findIndex((i) => MOTTO_RE.test(lines[i]!.fold) && leftPart(lines[i]!).length === 0);
  const pureDate = zone.findIndex((i) => PLACE_DATE_RE.test(lines[i]!.fold) && leftPart(lines[i]!).length === 0);
  const ends = [numberPos, vvAt, kgAt, titleAt, pureMotto, pureDate].filter((x) => x >= 0);
  const issuerEnd = ends.length ? Math.min(...ends) : 0;
  const issuerCand = zone.slice(0, issuerEnd).map((i) => lines[i]!).filter((l) => !urgencyOf(l) || leftPart(l).length > 8);
  const leftTexts = issuerCand.map((l) => leftPart(l)).filter((s) => s.length > 0 && !MOTTO_RE.test(s));
  const grouped = groupBodies(leftTexts);
  const bodies = grouped.bodies;
  r.bodiesRearranged = grouped.rearranged;
  r.issuerLines = issuerCand;
  const placeProvince = r.place ? provinceOf(r.place) : null;
  if (bodies.length) {
    const parentRaw = bodies.length >= 2 ? bodies[bodies.length - 2]! : null;
    const parent = parentRaw ? canonicalBody(parentRaw) : null;
    const ctx: BodyContext = {
      province: provinceOfBody(parent) ?? placeProvince,
      locality: localityOfBody(parent),
    };
    const issuerRaw = bodies[bodies.length - 1]!;
    r.issuer = canonicalBody(issuerRaw, ctx) ?? ministryBySpelling(issuerRaw) ?? titleCasePlace(issuerRaw);
    r.parentBody = parent;
  }
  // urgency: header zone lines up to the title / Kính gửi
  for (const i of zone.slice(0, Math.max(numberPos, datePos) + 6)) {
    const u = urgencyOf(lines[i]!);
    if (u && !r.urgency) {
      r.urgency = u;
      r.urgencyLine = lines[i]!;
    }
    const secrecy = secrecyOf(lines[i]!);
    if (secrecy && !r.secrecy) {
      r.secrecy = secrecy;
      r.secrecyLine = lines[i]!;
    }
  }
  // subject of a letter: V/v lines
  let lastHeaderPos = Math.max(numberPos, datePos, mottoPos);
  const vvPos = zone.findIndex((i) => VV_RE.test(f(lines[i]!)));
  if (vvPos >= 0) {
    const parts: string[] = [];
    for (let k = vvPos; k < zone.length; k++) {
      const l = lines[zone[k]!]!;
      const s = f(l);
      if (k > vvPos && ((MOTTO_RE.test(s) && leftPart(l).length === 0) || jumbledMotto(l))) break;
      if (k > vvPos && (/^kinh gui\b/.test(s) || titleType(l) || isNumberLine(l) || (urgencyOf(l) && leftPart(l).length < 12))) break;
      const left = leftPart(l);
      if (k > vvPos && !left) {
        // a right-column-only line inside the V/v block (unmerged layout): the block has ended
        break;
      }
      // a line in capitals ends the block, unless it is the number/symbol of the document the subject cites
      if (k > vvPos && isCaps(left) && left.length > 3 && !(/^(?:s[oố]\s+)?\d{1,5}\s*\/\s*[\p{L}\d/-]+[.;]?$/u.test(left) && citesNext(parts))) break;
      if (k > vvPos && markedCapsWord(left.split(/\s+/)[0] ?? '')) break;
      // a line far longer than the V/v column: the body read into the block
      if (k > vvPos && left.length > 45 && left.length > 1.6 * Math.max(...parts.map((p) => p.length))) break;
      parts.push(continuesBelow(lines, zone, k, left) ? left.replace(/\.$/, '') : left);
      r.subjectLines.push(l);
      lastHeaderPos = Math.max(lastHeaderPos, k);
      if (/[.;:]$/.test(left) && !continuesBelow(lines, zone, k, left)) break;
    }
    r.subject = parts.join(' ').replace(/^[^\p{L}\d]*V\s*\/\s*v\s*/iu, '').replace(/\s+/g, ' ').replace(/[.;]$/, '').trim() || null;
  }
  // title (type name) and its subject lines
  const titleStart = Math.max(datePos, numberPos, mottoPos) + 1;
  for (let k = Math.max(0, titleStart - 3); k < zone.length && k < titleStart + 8; k++) {
    const l = lines[zone[k]!]!;
    const t = titleType(l);
    if (!t) continue;
    r.typeFromTitle = t;
    r.typeLine = l;
    lastHeaderPos = Math.max(lastHeaderPos, k);
    if (vvPos < 0) {
      const parts: string[] = [];
      let debris = 0;
      for (let j = k + 1; j < zone.length && parts.length < 5; j++) {
        const sl = lines[zone[j]!]!;
        const s = f(sl).replace(/^[^a-z0-9]+(?=[a-z])/, '');
        const ahead = zone.slice(j + 1, j + 3 - debris).map((z) => lines[z]!);
        const subjectAhead = ahead.some((a) => a.text.trim().length >= 15 && (!SUBJECT_STOP.test(f(a)) || /^(thuc hien|trien khai)/.test(f(a))));
        // a short centred line is a subject of its own; debris sits off the title's axis (or has no box)
        const centred = !!sl.bbox && !!l.bbox && !offCentre(sl, l, lines);
        if (parts.length === 0 && debris < 2 && debrisLine(sl.text) && !centred && subjectAhead) {
          debris++;
          continue;
        }
        if (parts.length > 0 && (SUBJECT_STOP.test(s) || sl.text.length > 90 || isCaps(sl.text))) break;
        if (parts.length > 0 && offCentre(sl, l, lines)) {
          // text read out of order between two centred subject lines is skipped once
          const next = zone[j + 1] !== undefined ? lines[zone[j + 1]!]! : null;
          if (debris < 2 && next && !offCentre(next, l, lines) && !wide(next, lines) && !isCaps(next.text) && !SUBJECT_STOP.test(f(next))) {
            debris++;
            continue;
          }
          break;
        }
        if (parts.length === 0 && (SUBJECT_STOP.test(s) && !/^(thuc hien|trien khai)/.test(s))) break;
        if (isCaps(sl.text) && sl.text.length > 3 && parts.length === 0 && !/^(ve|v\/v)/.test(s)) break;
        parts.push(parts.length === 0 ? sl.text.trim().replace(/^[^\p{L}\d]+(?=\p{Lu})/u, '') : sl.text.trim());
        r.subjectLines.push(sl);
        lastHeaderPos = Math.max(lastHeaderPos, j);
        if (/[.;:]$/.test(sl.text.trim())) break;
      }
      r.subject = parts.join(' ').replace(/\s+/g, ' ').replace(/[.;:]$/, '').trim() || null;
    }
    break;
  }
  // type: title, else from the symbol
  const symbolType = r.ref ? typeFromSymbol(r.ref.symbol) : null;
  r.type = r.typeFromTitle ?? symbolType ?? (vvPos >= 0 ? 'Công văn' : null);
  r.bodyStart = zone[lastHeaderPos + 1] ?? (zone.length ? zone[zone.length - 1]! + 1 : 0);
  return r;
}

/** True when the symbol's type code contradicts the printed title type. */
export function typeMismatch(h: HeaderResult): boolean {
  if (!h.ref || !h.typeFromTitle) return false;
  const code = typeCodeOfSymbol(h.ref.symbol);
  if (!code) return h.typeFromTitle !== 'Công văn' && false;
  return typeNameFromCode(code) !== h.typeFromTitle;
}

/** Symbol codes a body's own name implies: "Sở Nội vụ tỉnh Gia Lai" → SNV, "Bộ Nội vụ" → BNV. */
export function issuerCodesOf(issuer: string | null): string[] {
  if (!issuer) return [];
  const out = Object.entries(SYMBOL_ISSUERS).filter(([, name]) => name === issuer).map(([code]) => code);
  for (const [code, name] of Object.entries(LOCAL_SYMBOL_ISSUERS)) {
    if (issuer === name || issuer.startsWith(`${name} `)) out.push(code);
  }
  return out;
}

export interface SymbolCheck {
  ref: ParsedRef;
  /** The symbol was rebuilt from the issuer's code and the filing unit. */
  repaired: boolean;
  /** The symbol's unit code and the filing unit disagree and nothing could be repaired. */
  conflict: boolean;
}

/**
 * True when a printed unit code is the filing unit with non-letter specks in it ("CC.HC", "CC1C") or
 * one letter misread in place ("CCHF"). A code longer, shorter or reordered ("NVYD" beside "NVY",
 * "TCBC" beside "TCCB") may be a real unlisted code: that is a disagreement, not a misreading.
 */
function misreadOf(tail: string, unit: string): boolean {
  if (tail.replace(/[^\p{L}]/gu, '') === unit) return true;
  // a two-letter code one letter apart is as likely another code
  if (tail.length !== unit.length || tail.length < 3) return false;
  let letters = 0;
  for (let i = 0; i < tail.length; i++) {
    if (tail[i] === unit[i]) continue;
    if (/\p{L}/u.test(tail[i]!)) letters++;
  }
  return letters <= 1;
}

/**
 * The known unit code that the symbol's code and the Lưu line's, two readings of one printed code,
 * both are or could be misread from (look-alike letters, "NG"/"NC", "GDITH"/"GDTIH" → "GDTrH"), when
 * exactly one fits; null when they name different codes.
 */
function agreedReading(tail: string, unit: string): string | null {
  const candidates = (code: string): string[] => (UNIT_CODES.includes(code) ? [code] : unitCodeVariants(code));
  const both = candidates(tail).filter((code) => candidates(unit).includes(code));
  return both.length === 1 ? both[0]! : null;
}

/**
 * Cross-checks a letter's symbol ("794/SNV-CCHC": issuer code, drafting unit) against the drafting
 * unit of its "Lưu: VT, CCHC" line and the issuer's own code. A unit code with a speck or one letter
 * misread in place ("SNV-CCHG"), or a symbol that lost its hyphen ("STCQLNS" read for "STC-QLNS", rebuilt from the
 * issuer's code and the unit), is repaired only when the filing unit is a known code; any other
 * disagreement keeps the printed symbol and is reported as a conflict.
 */
export function checkSymbol(ref: ParsedRef, unit: string | null, issuer: string | null): SymbolCheck {
  const same: SymbolCheck = { ref, repaired: false, conflict: false };
  if (!unit || ref.symbol.includes('/')) return same;
  const knownUnit = UNIT_CODES.includes(unit);
  const rebuilt = (symbol: string): SymbolCheck => ({ ref: { ...ref, symbol, ref: `${ref.number}/${symbol}`, repaired: true }, repaired: true, conflict: false });
  const parts = ref.symbol.split('-');
  if (parts.length === 2) {
    const [head, tail] = parts as [string, string];
    if (tail === unit || canonicalTypeCode(head)) return same;
    if (!UNIT_CODES.includes(tail) && knownUnit && misreadOf(tail, unit)) return rebuilt(`${head}-${unit}`);
    const agreed = agreedReading(tail, unit);
    // the symbol's code may be the misread one as well as the Lưu line's: keep it, flagged
    if (!agreed || agreed === tail) return { ...same, conflict: true };
    return rebuilt(`${head}-${agreed}`);
  }
  if (parts.length !== 1 || ref.symbol.length < 6 || !knownUnit) return same;
  const own = issuerCodesOf(issuer);
  for (const code of own) {
    for (const cut of [code.length, code.length - 1, code.length + 1]) {
      const head = ref.symbol.slice(0, cut);
      const tail = ref.symbol.slice(cut);
      if (tail.length >= 2 && distance(head, code) <= 1 && distance(tail, unit) <= 1) return rebuilt(`${code}-${unit}`);
    }
  }
  return same;
}
