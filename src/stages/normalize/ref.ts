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
  /** True when the printed form needed more than whitespace/look-alike normalisation. */
  repaired: boolean;
}

const KNOWN_CODES = new Map<string, string>();
const EXACT_CODES = new Set<string>();
for (const c of [...Object.keys(TYPE_CODES), ...Object.keys(SYMBOL_ISSUERS), ...Object.keys(LOCAL_SYMBOL_ISSUERS), 'TW']) {
  if (!KNOWN_CODES.has(foldAccents(c))) KNOWN_CODES.set(foldAccents(c), c);
  EXACT_CODES.add(c);
}

/** Letters tesseract confuses in printed capitals, both ways: "NC" read "NG", "GDTrH" read "GDIrH", "QĐ" read "QP". */
const CONFUSABLE: ReadonlyArray<readonly [string, string]> = [
  ['C', 'G'], ['I', 'T'], ['I', 'L'], ['I', 'l'], ['T', 'Y'], ['E', 'F'], ['O', 'D'], ['O', 'Q'], ['H', 'N'], ['V', 'Y'], ['U', 'V'],
  ['Đ', 'P'], ['I', 'r'],
];

function confusable(a: string, b: string): boolean {
  return a === b || CONFUSABLE.some(([x, y]) => (a === x && b === y) || (a === y && b === x));
}

const REPAIRABLE_CODES: readonly string[] = [...new Set([...EXACT_CODES, ...UNIT_CODES])];

/**
 * A code segment that is not known but becomes exactly one known code by swapping letters tesseract
 * confuses (at most one swap per three letters), or null.
 */
export function deconfusedCode(seg: string): string | null {
  if (seg.length < 2 || EXACT_CODES.has(seg) || UNIT_CODES.includes(seg) || KNOWN_CODES.has(foldAccents(seg))) return null;
  const budget = Math.max(1, Math.floor(seg.length / 3));
  const matches = REPAIRABLE_CODES.filter((code) => {
    if (code.length !== seg.length) return false;
    let swaps = 0;
    for (let i = 0; i < code.length; i++) {
      if (code[i] === seg[i]) continue;
      if (!confusable(code[i]!, seg[i]!)) return false;
      swaps += 1;
    }
    return swaps > 0 && swaps <= budget;
  });
  return matches.length === 1 ? matches[0]! : null;
}

const isKnownCode = (seg: string): boolean => EXACT_CODES.has(seg) || UNIT_CODES.includes(seg);

/** One printed letter read as two: "C" as "GC", "r" as "Ir" (and any letter read twice). */
const SPLIT_READINGS: Readonly<Record<string, string>> = { GC: 'C', CG: 'C', Ir: 'r', rI: 'r' };

/**
 * A code with one letter read as two ("NC" read "NGC", "GDTrH" read "GDTIrH"), giving exactly one
 * known code (after a look-alike swap); else null.
 */
export function unsplitCode(seg: string): string | null {
  if (seg.length < 3 || isKnownCode(seg) || KNOWN_CODES.has(foldAccents(seg))) return null;
  const results = new Set<string>();
  for (let i = 0; i + 1 < seg.length; i++) {
    const pair = seg.slice(i, i + 2);
    const one = SPLIT_READINGS[pair] ?? (pair[0] === pair[1] ? pair[0] : undefined);
    if (!one) continue;
    const rest = seg.slice(0, i) + one + seg.slice(i + 2);
    const code = isKnownCode(rest) ? rest : deconfusedCode(rest);
    if (code) results.add(code);
  }
  return results.size === 1 ? [...results][0]! : null;
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

/** Repairs one symbol segment: lost diacritics on known codes ("QD" → "QĐ"), digits read for letters. */
function fixSegment(seg: string): string {
  if (/^\d{4}$/.test(seg) || /^QH\d+$/.test(seg)) return seg;
  if (EXACT_CODES.has(seg)) return seg;
  const known = KNOWN_CODES.get(foldAccents(seg));
  if (known) return known;
  // a letter read twice ("QĐÐ" → "QĐĐ" → "QĐ"), accepted only when it yields a known code
  const once = undoubledCode(seg);
  if (once) return once;
  const deconfused = deconfusedCode(seg) ?? unsplitCode(seg);
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
    const symbol = `${fixSegment(m[2]!)}/${fixSegment(m[3]!)}`;
    repaired = number !== m[1] || symbol !== `${m[2]}/${m[3]}`;
    return { ref: `${number}-${symbol}`, number, symbol, repaired };
  }
  m = /^([0-9OolIS|]*[0-9][0-9OolIS|]*)(\/?)([A-Za-zĐđ0-9][A-Za-zĐđ0-9/-]*)$/.exec(s);
  if (!m) return null;
  const num0 = m[1]!;
  const number = fixDigits(num0);
  let symbol = m[3]!;
  if (m[2] === '') {
    // lost slash: only accept when the symbol starts with a recognisable code
    const head = symbol.split(/[-/]/)[0] ?? '';
    if (!KNOWN_CODES.has(foldAccents(head)) && !/^\d{4}\//.test(symbol)) return null;
    repaired = true;
  }
  symbol = symbol
    .split('/')
    .map((part) => part.split('-').map(fixSegment).join('-'))
    .join('/');
  if (!/[A-Za-zĐđ]/.test(symbol)) return null;
  if (symbol !== m[3] || number !== num0) repaired = true;
  // a long symbol without any "-" or "/" has most likely lost its hyphen to OCR ("STTTITIBCXB")
  if (!/[-/]/.test(symbol) && symbol.length >= 8) repaired = true;
  s = `${number}/${symbol}`;
  return { ref: s, number, symbol, repaired };
}

/** Normalised ref string, or the cleaned input when it cannot be parsed. */
export function normalizeRef(printed: string): string {
  return parseRef(printed)?.ref ?? normalizeText(printed).replace(/\s+/g, '');
}
