/**
 * Kính gửi entries whose start OCR lost or merged with stamp text: "ác huyện, thị xã, thành phố;",
 * "ông tin và Truyền thông:", "uyến: .Ð/c Hưng... - Sở Nội vụ;", "quan, đơn vị thuộc Sở.". Each is the
 * tail of a standard addressee (a collective of a Kính gửi list, or "Sở" + a department name).
 */
import { foldAccents } from '../../text/fold.js';
import { DEPARTMENTS } from '../normalize/issuers.js';

/** Standard addressees as printed, the collectives with their conventional "UBND" head. */
const ADDRESSEES: readonly string[] = [
  'UBND các huyện, thị xã, thành phố', 'UBND các xã, phường, thị trấn', 'UBND các xã, thị trấn',
  'UBND các tỉnh, thành phố trực thuộc Trung ương', 'Các cơ quan, đơn vị thuộc Sở', 'Các sở, ban, ngành',
  'Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ',
  ...DEPARTMENTS.map((d) => `Sở ${d}`),
];

const key = (s: string): string => foldAccents(s).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const KEYS = ADDRESSEES.map((printed) => ({ printed, key: key(printed) }));

/** Shortest tail accepted: long enough to name one addressee only. */
const MIN_TAIL = 10;

/** Prose before a fragment (three words in lower case): a body sentence, not stamp text or a dash. */
const prose = (s: string): boolean => s.split(/\s+/).filter((w) => /^\p{Ll}{2,}[,.;:]?$/u.test(w)).length >= 3;

/**
 * The addressee a line ends with when its start was lost (`text` ends on the tail of one standard
 * addressee, at least MIN_TAIL letters and two thirds of it), with the whole addressee as printed;
 * null when no single one fits or prose precedes it.
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
      if (k === tail || k.endsWith(` ${tail}`) || (cut > 0 && k.endsWith(tail))) {
        hits.set(printed, tail.split(' ').length);
        break;
      }
    }
  }
  if (hits.size !== 1) return null;
  const [printed, words] = [...hits][0]!;
  // what stands before the fragment: stamp text or a dash, never a sentence
  const before = body.split(/\s+/).slice(0, -words).join(' ');
  return prose(before) ? null : printed;
}
