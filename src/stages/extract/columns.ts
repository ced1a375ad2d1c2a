/**
 * The two header columns merged on one line by a layout-blind OCR: where the right column
 * (national motto, "Place, ngày ...") starts, and the left part of a line.
 */
import { knownPlaceKeys, placeKey } from '../normalize/places.js';
import { MOTTO_RE, type DocLine } from './text.js';
import { MONTH_WORD } from './dates.js';

export const PLACE_DATE_RE = new RegExp(String.raw`,\s*ngay\s*[0-9lio]{1,2}\s*${MONTH_WORD}\s*[0-9lio]{1,2}\s*nam\s*[0-9lio]{4}`);

let placeKeys: Set<string> | null = null;

/** Position where the right header column starts inside a merged line, or -1. */
export function rightColumnStart(l: DocLine): number {
  const cands: number[] = [];
  const m = MOTTO_RE.exec(l.fold);
  if (m) cands.push(m.index);
  const pd = PLACE_DATE_RE.exec(l.fold);
  if (pd) cands.push(placeStart(l, pd.index));
  return cands.length ? Math.min(...cands) : -1;
}

/** Start of the place name that ends at `comma` in a line (longest known place, else capitalised words). */
export function placeStart(l: DocLine, comma: number): number {
  const before = l.text.slice(0, comma);
  const words = [...before.matchAll(/\S+/g)];
  placeKeys ??= new Set(knownPlaceKeys());
  const keys = placeKeys;
  for (let n = Math.min(5, words.length); n >= 1; n--) {
    const w = words[words.length - n]!;
    const cand = before.slice(w.index);
    if (keys.has(placeKey(cand))) return w.index;
  }
  let start = comma;
  for (let n = 1; n <= Math.min(3, words.length); n++) {
    const w = words[words.length - n]!;
    if (!/^[\p{Lu}]/u.test(w[0]) || /\d|\//.test(w[0])) break;
    start = w.index;
  }
  return start;
}

export function leftPart(l: DocLine): string {
  const cut = rightColumnStart(l);
  return (cut >= 0 ? l.text.slice(0, cut) : l.text).trim();
}

