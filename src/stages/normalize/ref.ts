/**
 * Number/symbol normalisation: NFC, Đ as U+0110, no spaces, OCR look-alikes repaired, and a lost
 * slash restored when the symbol is recognisable ("10023UBND-KGVX" → "10023/UBND-KGVX").
 */
import { foldAccents, normalizeText } from '../../text/fold.js';
import { TYPE_CODES } from './doc-types.js';
import { LOCAL_SYMBOL_ISSUERS, SYMBOL_ISSUERS } from './issuers.js';
import { UNIT_CODES } from './unit-codes.js';

export interface ParsedRef {
  ref: string;
  number: string;
  symbol: string;
  /** True when the reading needs review: the printed form was repaired, or is `doubtful`. */
  repaired: boolean;
  /**
   * True when a drafting-unit code is not known but is a look-alike of a known one ("UBND-NG" for
   * "UBND-NC"): kept as read (an unlisted code looks the same), repaired only when another reading
   * agrees.
   */
  doubtful: boolean;
}

const TYPE_TARGETS: readonly string[] = Object.keys(TYPE_CODES);
const ISSUER_TARGETS: readonly string[] = [...Object.keys(SYMBOL_ISSUERS), ...Object.keys(LOCAL_SYMBOL_ISSUERS), 'TW'];
const KNOWN_CODES = new Map<string, string>();
const EXACT_CODES = new Set<string>();
for (const c of [...TYPE_TARGETS, ...ISSUER_TARGETS]) {
  if (!KNOWN_CODES.has(foldAccents(c))) KNOWN_CODES.set(foldAccents(c), c);
  EXACT_CODES.add(c);
}

type Pair = readonly [string, string];
/** Letters tesseract confuses in printed capitals, both ways: "NC" read "NG", "GDTrH" read "GDIrH". */
const CONFUSABLE: readonly Pair[] = [
  ['C', 'G'], ['I', 'T'], ['I', 'L'], ['I', 'l'], ['T', 'Y'], ['E', 'F'], ['O', 'D'], ['O', 'Q'], ['H', 'N'], ['V', 'Y'], ['U', 'V'],
  ['I', 'r'],
];
/** "QĐ" read "QP": only a type code, where no code with a P competes. */
const TYPE_CONFUSABLE: readonly Pair[] = [...CONFUSABLE, ['Đ', 'P']];

const confusable = (a: string, b: string, pairs: readonly Pair[]): boolean =>
  a === b || pairs.some(([x, y]) => (a === x && b === y) || (a === y && b === x));

/** The codes of `targets` that `seg` becomes by swapping look-alike letters (at most one swap per three letters). */
function lookalikesOf(seg: string, targets: readonly string[], pairs: readonly Pair[]): string[] {
  const budget = Math.max(1, Math.floor(seg.length / 3));
  return targets.filter((code) => {
    if (code.length !== seg.length) return false;
    let swaps = 0;
    for (let i = 0; i < code.length; i++) {
      if (code[i] === seg[i]) continue;
      if (!confusable(code[i]!, seg[i]!, pairs)) return false;
      swaps += 1;
    }
    return swaps > 0 && swaps <= budget;
  });
}

const isKnownCode = (seg: string): boolean => EXACT_CODES.has(seg) || UNIT_CODES.includes(seg) || KNOWN_CODES.has(foldAccents(seg));

/**
 * A type or issuer code (never a drafting-unit code) that `seg` becomes by swapping letters tesseract
 * confuses, when exactly one results; "QP" → "QĐ" only with `type` (the segment right after the number).
 */
export function deconfusedCode(seg: string, type = false): string | null {
  if (seg.length < 2 || isKnownCode(seg)) return null;
  const hits = type
    ? lookalikesOf(seg, TYPE_TARGETS, TYPE_CONFUSABLE)
    : lookalikesOf(seg, ISSUER_TARGETS, CONFUSABLE);
  return hits.length === 1 ? hits[0]! : null;
}

/** One printed letter read as two: "C" as "GC", "r" as "Ir", any letter read twice. */
const SPLIT_READINGS: Readonly<Record<string, string>> = { GC: 'C', CG: 'C', Ir: 'r', rI: 'r' };

const swapped = (s: string, i: number): string => s.slice(0, i) + s[i + 1]! + s[i]! + s.slice(i + 2);

/** A small "r" (the only small letter in most codes, a narrow stem) read as "I", in place or swapped with a neighbour. */
function narrowRReadings(seg: string): string[] {
  const out: string[] = [];
  for (let i = seg.indexOf('I'); i >= 0; i = seg.indexOf('I', i + 1)) {
    const once = seg.slice(0, i) + 'r' + seg.slice(i + 1);
    out.push(once);
    if (i > 0) out.push(swapped(once, i - 1));
    if (i + 1 < once.length) out.push(swapped(once, i));
  }
  return out;
}

/**
 * The known drafting-unit codes an unknown code could be misread from: a look-alike letter swapped
 * ("NG" ← "NC"), one letter read as two ("NGC" ← "NC", "HCC" ← "HC"), a small "r" read as "I" ("GDTIH",
 * "GDITH" ← "GDTrH"). An unlisted code looks the same
 * ("TG", "HCC" are real codes), so a caller adopts one only when another reading agrees.
 */
export function unitCodeVariants(seg: string): string[] {
  if (seg.length < 2 || isKnownCode(seg)) return [];
  const out = new Set(lookalikesOf(seg, UNIT_CODES, TYPE_CONFUSABLE));
  for (let i = 0; i + 1 < seg.length; i++) {
    const pair = seg.slice(i, i + 2);
    const one = SPLIT_READINGS[pair] ?? (pair[0] === pair[1] ? pair[0] : undefined);
    if (!one) continue;
    const rest = seg.slice(0, i) + one + seg.slice(i + 2);
    if (UNIT_CODES.includes(rest)) out.add(rest);
    for (const code of lookalikesOf(rest, UNIT_CODES, TYPE_CONFUSABLE)) out.add(code);
  }
  for (const code of narrowRReadings(seg)) if (UNIT_CODES.includes(code)) out.add(code);
  return [...out];
}

/** The drafting-unit code a reference or symbol ends with, after its last hyphen ("3371/UBND-NC" → "NC"). */
export function unitCodeOf(ref: string): string {
  return ref.slice(ref.lastIndexOf('-') + 1);
}

/** A type or issuer code with one letter read twice ("QĐĐ" → "QĐ"), or null when it is not one. */
export function undoubledCode(seg: string): string | null {
  if (EXACT_CODES.has(seg) || KNOWN_CODES.has(foldAccents(seg))) return null;
  for (let i = 1; i < seg.length; i++) {
    if (foldAccents(seg[i]!) !== foldAccents(seg[i - 1]!)) continue;
    const once = KNOWN_CODES.get(foldAccents(seg.slice(0, i) + seg.slice(i + 1)));
    if (once) return once;
  }
  return null;
}

/** Digits misread as letters in a number: "1O023" → "10023", "l5" → "15". */
export function fixDigits(s: string): string {
  return s.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1').replace(/[S]/g, '5').replace(/[B]/g, '8');
}

/**
 * Where a segment sits in a symbol: the head right after the number (or the year) is a type code
 * ("QĐ-TTg") or an issuer code ("UBND-NC"); after a type code comes the issuer; the rest are
 * drafting-unit codes.
 */
type Role = 'head' | 'issuer' | 'unit';

/** Repairs one symbol segment: lost diacritics on known codes ("QD" → "QĐ"), look-alike letters, digits read for letters. */
function fixSegment(seg: string, role: Role): string {
  if (/^\d{4}$/.test(seg) || /^QH\d+$/.test(seg)) return seg;
  if (EXACT_CODES.has(seg) || UNIT_CODES.includes(seg)) return seg;
  const known = KNOWN_CODES.get(foldAccents(seg));
  if (known) return known;
  if (role === 'head') {
    // a letter read twice ("QĐÐ" → "QĐĐ" → "QĐ"), accepted only when it yields a known code
    const once = undoubledCode(seg);
    if (once) return once;
  }
  const deconfused = role === 'unit' ? null : deconfusedCode(seg, role === 'head');
  if (deconfused) return deconfused;
  // trailing number read with look-alikes: "QHl4" → "QH14"
  const tail = /^([A-Za-z]+?)([0-9lIO]*[0-9][0-9lIO]*)$/.exec(seg);
  if (tail && /[lIO]/.test(tail[2]!)) return `${tail[1]}${fixDigits(tail[2]!)}`;
  if (/[0-9]/.test(seg) && /[A-Za-zĐđ]/.test(seg)) {
    const swapped = seg.replace(/0/g, 'O').replace(/1/g, 'I').replace(/5/g, 'S');
    const k2 = KNOWN_CODES.get(foldAccents(swapped));
    if (k2) return k2;
    if (!/^[A-Z]+\d+$/.test(seg)) return swapped;
  }
  return seg;
}

/** Repairs every segment of a symbol by its role; `doubtful` when a unit code is a look-alike of a known one. */
function fixSymbol(symbol: string): { symbol: string; doubtful: boolean } {
  let role: Role = 'head';
  let doubtful = false;
  const fixed = symbol.split('/').map((part) => part.split('-').map((seg) => {
    if (/^\d{4}$/.test(seg) || /^QH\d+$/.test(seg)) return seg;
    const out = fixSegment(seg, role);
    if (role === 'unit' && unitCodeVariants(out).length > 0) doubtful = true;
    role = role === 'head' && Object.hasOwn(TYPE_CODES, out) ? 'issuer' : 'unit';
    return out;
  }).join('-')).join('/');
  return { symbol: fixed, doubtful };
}

/**
 * Parses a printed number/symbol ("10023 /UBND-KGVX", "1486⁄QÐ-TTg", "72/2015/NĐ-CP", "06-NQ/TW").
 * Returns null when it does not look like one.
 */
export function parseRef(printed: string): ParsedRef | null {
  const raw = normalizeText(printed).trim().replace(/[.,;:)]+$/, '');
  let s = raw.replace(/\s+/g, '');
  let repaired = false;
  // Party documents: 06-NQ/TW
  let m = /^([0-9OolI|]{1,5})-([A-Za-zĐđ]+)\/([A-Za-zĐđ]+)$/.exec(s);
  if (m) {
    const number = fixDigits(m[1]!);
    const symbol = `${fixSegment(m[2]!, 'head')}/${fixSegment(m[3]!, 'issuer')}`;
    repaired = number !== m[1] || symbol !== `${m[2]}/${m[3]}`;
    return { ref: `${number}-${symbol}`, number, symbol, repaired, doubtful: false };
  }
  m = /^([0-9OolIS|]*[0-9][0-9OolIS|]*)(\/?)([A-Za-zĐđ0-9][A-Za-zĐđ0-9/-]*)$/.exec(s);
  if (!m) return null;
  const num0 = m[1]!;
  const number = fixDigits(num0);
  if (m[2] === '') {
    // lost slash: only accept when the symbol starts with a recognisable code
    const head = m[3]!.split(/[-/]/)[0] ?? '';
    if (!KNOWN_CODES.has(foldAccents(head)) && !/^\d{4}\//.test(m[3]!)) return null;
    repaired = true;
  }
  const { symbol, doubtful } = fixSymbol(m[3]!);
  if (!/[A-Za-zĐđ]/.test(symbol)) return null;
  if (symbol !== m[3] || number !== num0 || doubtful) repaired = true;
  // a long symbol without any "-" or "/" has most likely lost its hyphen to OCR ("STTTITIBCXB")
  if (!/[-/]/.test(symbol) && symbol.length >= 8) repaired = true;
  s = `${number}/${symbol}`;
  return { ref: s, number, symbol, repaired, doubtful };
}

/** Normalised ref string, or the cleaned input when it cannot be parsed. */
export function normalizeRef(printed: string): string {
  return parseRef(printed)?.ref ?? normalizeText(printed).replace(/\s+/g, '');
}
