/**
 * Line model shared by the extractors: each line keeps its page, box, OCR confidence, the printed
 * text, a repaired text (look-alikes fixed, same length) and a folded copy aligned char by char,
 * so a regex run on the folded text gives offsets valid in the repaired text.
 */
import type { BBox, PageText } from '../../../schemas/page.js';
import { foldAligned, normalizeText } from '../../text/fold.js';

export interface DocLine {
  page: number;
  bbox: BBox | null;
  /** OCR confidence 0–100 (100 for text layers and unknown). */
  confidence: number;
  /** Text as read (NFC). */
  raw: string;
  /** Look-alikes repaired; same length as `fold`. */
  text: string;
  /** Lower case, accent-free, char-aligned with `text`. */
  fold: string;
  /** True when `text` differs from `raw` beyond NFC normalisation. */
  repaired: boolean;
  /** Read from an arrival stamp's own crop (OCR line kind "stamp"). */
  stamp?: boolean;
  /** A stamp field the OCR was unsure of (Line.unsure). */
  unsure?: boolean;
}

export { foldAligned } from '../../text/fold.js';

const LETTER = /[\p{L}]/u;
const DIGIT = /[0-9]/;
const LETTER_FOR_DIGIT: Readonly<Record<string, string>> = { O: '0', o: '0', l: '1', I: '1', '|': '1', S: '5' };
const DIGIT_FOR_LETTER: Readonly<Record<string, [string, string]>> = { '0': ['O', 'o'], '1': ['I', 'l'], '5': ['S', 's'] };

/**
 * Repairs OCR look-alikes inside tokens without changing the length: letters inside numbers
 * ("2O18" → "2018") and digits inside words ("C0NG" → "CONG", "5ố" → "Số").
 */
export function repairLookalikes(s: string): string {
  const chars = [...s];
  if (chars.length !== s.length) return s; // astral characters: leave alone
  const out = chars.slice();
  // tokens split at whitespace and punctuation other than letters/digits/look-alikes
  const re = /[\p{L}\p{N}|]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const tok = m[0];
    const start = m.index;
    const digits = [...tok].filter((c) => DIGIT.test(c)).length;
    const letters = [...tok].filter((c) => LETTER.test(c)).length;
    const allNumeric = [...tok].every((c) => DIGIT.test(c) || c in LETTER_FOR_DIGIT);
    if (digits >= 1 && letters > 0 && allNumeric && (letters < digits || (tok.length <= 4 && letters <= digits))) {
      for (let i = 0; i < tok.length; i++) {
        const c = tok[i]!;
        if (c in LETTER_FOR_DIGIT) out[start + i] = LETTER_FOR_DIGIT[c]!;
      }
      continue;
    }
    if (digits > 0 && letters >= 1) {
      for (let i = 0; i < tok.length; i++) {
        const c = tok[i]!;
        const pair = DIGIT_FOR_LETTER[c];
        if (!pair) continue;
        const prev = tok[i - 1];
        const next = tok[i + 1];
        const prevL = prev !== undefined && LETTER.test(prev);
        const nextL = next !== undefined && LETTER.test(next);
        const restHasDigit = /[0-9]/.test(tok.slice(i + 1));
        if ((prevL && nextL) || (i === 0 && nextL && !restHasDigit) || (prevL && next === undefined && letters >= 3 && digits === 1)) {
          const ref = next ?? prev ?? 'a';
          // at a word start a 5/0 is mostly a capital S/O ("5ố" → "Số"), a 1 mostly an "l" ("1ập")
          const upper = ref === ref.toUpperCase() || (i === 0 && c !== '1');
          out[start + i] = upper ? pair[0] : pair[1];
        }
      }
    }
  }
  return out.join('');
}

export function makeLine(raw: string, page: number, bbox: BBox | null, confidence: number): DocLine {
  const nfc = normalizeText(raw).replace(/\t/g, '\t');
  const text = repairLookalikes(nfc);
  return { page, bbox, confidence, raw: raw.normalize('NFC'), text, fold: foldAligned(text), repaired: text !== raw.normalize('NFC') };
}

/** Lines of a page in reading order, from `text`, with boxes/confidences matched from `lines`. */
export function pageLines(p: PageText): DocLine[] {
  const rows = p.text.split(/\r?\n/);
  const pool = p.lines.map((l) => ({ l, used: false }));
  const sameCount = p.lines.length === rows.length;
  return rows
    .map((row, i) => {
      let src = sameCount ? p.lines[i] : undefined;
      if (!src || src.text.trim() !== row.trim()) {
        const hit = pool.find((x) => !x.used && x.l.text.trim() === row.trim());
        if (hit) hit.used = true;
        src = hit?.l;
      }
      const line = makeLine(row, p.page, src?.bbox ?? null, src?.confidence ?? 100);
      if (src?.kind !== 'stamp') return line;
      return src.unsure ? { ...line, stamp: true, unsure: true } : { ...line, stamp: true };
    })
    .filter((l) => l.text.trim().length > 0);
}

/** Folded text with spaces collapsed, for whole-line tests. */
export function f(l: DocLine): string {
  return l.fold.replace(/\s+/g, ' ').trim();
}

/** National motto (either line), tolerant of noise. */
export const MOTTO_RE = /cong ho[aà] xa hoi chu nghia viet nam|doc lap\s*-?\s*tu do\s*-?\s*hanh phuc/;

/** Words of the national motto; OCR may interleave its two lines word by word. */
const MOTTO_WORDS = new Set(['cong', 'hoa', 'xa', 'hoi', 'chu', 'nghia', 'viet', 'nam', 'doc', 'lap', 'tu', 'do', 'hanh', 'phuc']);

/** The motto read as a jumble ("CỘNG "Độc HÒA lập XÃ - - HỘI Tự CHỦ do ..."): most of its words, little else. */
export function jumbledMotto(l: DocLine): boolean {
  const words = l.fold.split(/[^a-z]+/).filter(Boolean);
  if (words.length < 6) return false;
  const hits = new Set(words.filter((w) => MOTTO_WORDS.has(w)));
  return hits.size >= 8 && hits.size >= words.length * 0.7;
}
