/**
 * Kính gửi entries that OCR damaged: an entry whose start was lost or merged with stamp text (the
 * tail of a standard addressee: a collective of a Kính gửi list, or "Sở" + a department name), a line
 * read twice, a collective with one place lost, stamp debris between entries, a list whose label was lost.
 */
import { foldAccents } from '../../text/fold.js';
import { DEPARTMENTS } from '../normalize/issuers.js';
import type { DocLine } from './text.js';

/** Standard addressees as printed, the collectives with their conventional "UBND" head. */
const ADDRESSEES: readonly string[] = [
  'UBND các quận, huyện, thị xã, thành phố', 'UBND các huyện, thị xã, thành phố', 'UBND các xã, phường, thị trấn',
  'UBND các xã, thị trấn', 'UBND các phường, xã', 'UBND các tỉnh, thành phố trực thuộc Trung ương',
  'Các cơ quan, đơn vị thuộc Sở', 'Các đơn vị trực thuộc', 'Các sở, ban, ngành, đoàn thể thuộc tỉnh',
  'Các sở, ban, ngành, đoàn thể', 'Các sở, ban, ngành', 'Các phòng, ban chuyên môn thuộc UBND huyện',
  'Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ',
  ...DEPARTMENTS.map((d) => `Sở ${d}`),
];

const fold = (s: string): string => foldAccents(s).replace(/\s+/g, ' ').trim();
const key = (s: string): string => foldAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const KEYS = ADDRESSEES.map((printed) => ({ printed, key: key(printed) }));

/** Shortest tail accepted: long enough to name one addressee only. */
const MIN_TAIL = 10;

/** Prose before a fragment (three words in lower case): a body sentence, not stamp text or a dash. */
const prose = (s: string): boolean => s.split(/\s+/).filter((w) => /^\p{Ll}{2,}[,.;:]?$/u.test(w)).length >= 3;

/** A word as printed ("Bộ", "nghệ", "quận,"), not stamp text in capitals, digits or specks. */
const wholeWord = (w: string): boolean => /^\p{L}{2,}[,.;:]?$/u.test(w) && w !== w.toUpperCase();

/**
 * The addressee a line ends with when its start was lost (`text` ends on the tail of one standard
 * addressee, at least MIN_TAIL letters and two thirds of it), with the whole addressee as printed;
 * null when no single one fits or prose precedes it. A tail with another word right before it
 * ("Bộ Tài chính", "Trung tâm Công nghệ thông tin …", "các quận, huyện, …") names another body.
 */
export function addresseeTail(text: string): string | null {
  const body = text.replace(/[\s;:.,]+$/u, '');
  const k = key(body);
  if (!k) return null;
  const hits = new Map<string, number>();
  for (const { printed, key: full } of KEYS) {
    for (let cut = 0; cut < full.length; cut++) {
      const tail = full.slice(cut);
      if (cut > 0 && (tail.length < MIN_TAIL || tail.length * 3 < full.length * 2)) break;
      if (tail.startsWith(' ')) continue;
      if (k !== tail && !k.endsWith(` ${tail}`)) continue;
      const words = tail.split(' ').length;
      const before = body.split(/\s+/).slice(0, -words);
      // the word the cut fell in or after, as printed once more before the fragment ("các ác huyện, …")
      const cutWord = full.slice(full.lastIndexOf(' ', cut - (full[cut - 1] === ' ' ? 2 : 1)) + 1).split(' ')[0]!;
      const prior = before[before.length - 1] ?? '';
      if (cut === 0 || !wholeWord(prior) || key(prior) === cutWord) hits.set(printed, words);
      break;
    }
  }
  if (hits.size !== 1) return null;
  const [printed, words] = [...hits][0]!;
  // what stands before the fragment: stamp text or a dash, never a sentence
  const before = body.split(/\s+/).slice(0, -words).join(' ');
  return prose(before) ? null : printed;
}

/** Specks from seals and stamps read as lines ("-", "x", "|"). */
export function isSpeck(t: string): boolean {
  return t.length <= 3 && !/\p{L}{2,}/u.test(t);
}

/** Arrival-stamp text read between list entries ("ĐẾN 03-05-2021", "| Ngày: 03/5/2021", "Số:"). */
export function isStampDebris(t: string): boolean {
  if (t.length > 40) return false;
  const ft = foldAccents(t);
  return /\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}/.test(ft) || /^\W*(so|ngay|den|chuyen|luu ho so)\b\W*\d*\W*$/.test(ft);
}

/** A recipient line printed without its dash: it names a body or a collective ("UBND các huyện …"). */
export const BODY_START = /^(ubnd|uond|u[a-z]?nd|uy ban|so|bo|cac|hdnd|van phong|ban|cuc|vu|tong cuc|truong|trung tam|chi cuc|phong)\b/;

/**
 * A line whose words OCR read twice each, two overlapping readings interleaved ("các ác huyện,
 * huyện, thị thị xã, xã, thành thành phố phố."), with each repeat dropped.
 */
export function withoutRepeats(text: string): string {
  const words = text.trim().split(/\s+/);
  const bare = (w: string): string => fold(w).replace(/[^a-z0-9]/g, '');
  return words.filter((w, i) => i === words.length - 1 || !bare(w) || bare(w) !== bare(words[i + 1]!)).join(' ');
}

/** Collectives listed by place kind, as printed. */
const COLLECTIVES = [
  'các quận, huyện, thị xã, thành phố', 'các huyện, thị xã, thành phố', 'các xã, phường, thị trấn',
  'các tỉnh, thành phố trực thuộc Trung ương',
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Where a place was lost: a line break (a continuation line's first word lost), specks or a doubled comma. */
const DAMAGED_CUT = '[ ,]*(?:\\n|[^\\p{L}\\d\\s,]+|,\\s*,)\\s*,?\\s*';

/**
 * A collective with one of its places lost where the entry shows damage ("UBND các" / "thị xã, thành
 * phố" across a line break: "huyện," lost at the continuation's start), completed when the document
 * prints the whole collective elsewhere. `entry` keeps its line breaks ("\n") where lines were joined;
 * a clean "UBND các xã, thị trấn" is a collective of its own and is kept.
 */
export function completeCollective(entry: string, elsewhere: string): string | null {
  const fe = foldAccents(entry).toLowerCase();
  for (const whole of COLLECTIVES) {
    const fw = fold(whole).toLowerCase();
    if (!elsewhere.includes(fw) || fold(fe).includes(fw)) continue;
    const items = fw.replace(/^cac /, '').split(', ');
    for (let k = 0; k < items.length; k++) {
      const kept = [...items.slice(0, k), ...items.slice(k + 1)].map((i) => escape(i).replace(/ /g, '\\s+'));
      const source = k === 0
        ? `cac${DAMAGED_CUT}${kept.join(',\\s+')}`
        : `cac\\s+${kept.slice(0, k).join(',\\s+')}${DAMAGED_CUT}${kept.slice(k).join(',\\s+')}`;
      const m = new RegExp(`(?<![a-z])${source}(?![a-z])`, 'u').exec(fe);
      if (!m) continue;
      return `${entry.slice(0, m.index)}${whole}${entry.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ');
    }
  }
  return null;
}

/** A fragment line as an entry: the whole addressee it is the tail of, its end punctuation kept. */
export function fragmentEntry(t: string): string {
  return `${addresseeTail(t)!}${/[;:]\s*$/.test(t) ? ';' : '.'}`;
}

/**
 * Index of the next line (skipping stamp lines), within two lines, that is an entry: a standard
 * addressee or the tail of one, or a line (with or without its dash) that names a body; -1 otherwise.
 */
export function nextEntryAt(lines: DocLine[], from: number, skip: Set<number>): number {
  for (let j = from, seen = 0; j < lines.length && seen < 2; j++) {
    if (skip.has(j)) continue;
    seen++;
    const t = lines[j]!.text.trim();
    if (t.length >= 80) continue;
    const named = BODY_START.test(fold(t).toLowerCase().replace(/^[^a-z]+/, ''));
    if (named || addresseeTail(t)) return j;
  }
  return -1;
}

/**
 * A letter whose "Kính gửi" label a stamp or the scan lost: the lines right after the header that
 * each end on a standard addressee ("Sở Tài chính;", "ác tỉnh, thành phố trực thuộc Trung ương"),
 * as entries with the lines read.
 */
export function listWithoutLabel(lines: DocLine[], from: number, skip: Set<number>): { items: string[]; lines: DocLine[]; end: number } {
  const out = { items: [] as string[], lines: [] as DocLine[], end: from };
  let junk = 0;
  for (let j = from; j < Math.min(lines.length, from + 8); j++) {
    if (skip.has(j)) continue;
    const t = lines[j]!.text.trim();
    if (t.length < 80 && addresseeTail(t)) {
      out.items.push(fragmentEntry(t));
      out.lines.push(lines[j]!);
      out.end = j + 1;
    } else if ((isSpeck(t) || isStampDebris(t)) && junk < 2) junk++;
    else break;
  }
  return out.items.length ? out : { items: [], lines: [], end: from };
}
