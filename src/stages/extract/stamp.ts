/**
 * The arrival stamp (dấu ĐẾN): receiving office, arrival number, arrival date. Its lines are
 * recognised by their own vocabulary (ĐẾN, Số: N without symbol, Ngày:, Chuyển:, Số và ký hiệu HS,
 * Giờ:) and removed from the lines the header extractor sees, so the stamp's "Số" never becomes
 * the document's number.
 */
import type { Arrival } from '../../../schemas/document.js';
import { canonicalBody, type BodyContext } from '../normalize/issuers.js';
import { CENTRAL_CITIES } from '../normalize/places.js';
import { dateAt, parseDate } from './dates.js';
import { leftPart } from './columns.js';
import { foldAligned, type DocLine } from './text.js';

/** Folded left part of a line (a merged right header column cut off). */
function lf(l: DocLine): string {
  return foldAligned(leftPart(l)).replace(/\s+/g, ' ').trim();
}

export interface StampResult {
  arrival: Arrival;
  /** Indices (into the given lines) that belong to the stamp. */
  lines: number[];
  receiverLine: DocLine | null;
  numberLine: DocLine | null;
  dateLine: DocLine | null;
}

type Kind = 'den' | 'number' | 'date' | 'route' | 'file' | 'time';

function kindOf(l: DocLine): Kind | null {
  const s = lf(l);
  if (/^(cv\s*)?den\b/.test(s) && s.length < 40) return 'den';
  if (/^so\s*:?\s*\d{1,6}\s*$/.test(s)) return 'number';
  if (/^ngay\s*:\s*/.test(s) && s.length < 30) return 'date';
  if (/^chuyen\s*:/.test(s)) return 'route';
  if (/^so va ky hieu (hs|ho so)/.test(s)) return 'file';
  if (/^gio\s*:/.test(s) && s.length < 20) return 'time';
  return null;
}

/** A body name printed as a stamp's office line: caps, names a known body. */
function looksLikeOffice(l: DocLine): boolean {
  const s = lf(l);
  if (/^so\s*:/.test(s) || s.length > 80) return false;
  const letters = leftPart(l).replace(/[^\p{L}]/gu, '');
  if (letters.length < 4 || letters !== letters.toUpperCase()) return false;
  return /^(van phong|vp|so|ubnd|uy ban|bo|hdnd|phong|cuc|ban)\b/.test(s);
}

/** Stamp receiver in canonical form; a bare UBND stands for its office. */
export function canonicalReceiver(printed: string, ctx?: BodyContext): string | null {
  const body = canonicalBody(printed, ctx);
  if (!body) return null;
  const m = /^Ủy ban nhân dân (.+)$/.exec(body);
  if (!m) return body;
  const loc = m[1]!;
  const provincial = /^tỉnh /.test(loc) || CENTRAL_CITIES.some((c) => loc.endsWith(c));
  return provincial ? `Văn phòng Ủy ban nhân dân ${loc}` : `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${loc}`;
}

/** Finds the arrival stamp among the lines (normally those of the document's first page). */
export function findStamp(lines: DocLine[], ctx?: BodyContext): StampResult | null {
  const kinds = lines.map(kindOf);
  const anchors = kinds.flatMap((k, i) => (k ? [i] : []));
  if (anchors.length === 0) return null;
  // cluster: anchors within 3 lines of each other, starting with a "den"/"number"/"date" anchor
  let best: number[] = [];
  let cur: number[] = [];
  for (const i of anchors) {
    if (cur.length && i - cur[cur.length - 1]! > 3) {
      if (cur.length > best.length) best = cur;
      cur = [];
    }
    cur.push(i);
  }
  if (cur.length > best.length) best = cur;
  const hasDen = best.some((i) => kinds[i] === 'den');
  const strong = hasDen || best.filter((i) => kinds[i] !== 'route').length >= 2;
  if (!strong) return null;

  const used = new Set(best);
  let receiverLine: DocLine | null = null;
  const first = best[0]!;
  for (const j of [first - 1, first - 2]) {
    const l = lines[j];
    if (l && !used.has(j) && looksLikeOffice(l)) {
      receiverLine = l;
      used.add(j);
      break;
    }
  }
  let numberLine: DocLine | null = null;
  let dateLine: DocLine | null = null;
  let number: string | null = null;
  let date: string | null = null;
  for (const i of best) {
    const l = lines[i]!;
    const s = lf(l);
    const k = kinds[i];
    if (!number) {
      const m = /(?:^|\b)so\s*:?\s*(\d{1,6})\b/.exec(s);
      if (m && (k === 'number' || k === 'den')) {
        number = m[1]!;
        numberLine = l;
      }
    }
    if (!date && (k === 'den' || k === 'date')) {
      const rest = s.replace(/^(cv\s*)?den\s*:?/, '').replace(/^ngay\s*:?/, '');
      const d = dateAt(rest) ?? (parseDate(rest) ? { iso: parseDate(rest)! } : null);
      if (d) {
        date = d.iso;
        dateLine = l;
      }
    }
  }
  const receiver = receiverLine ? canonicalReceiver(leftPart(receiverLine), ctx) : null;
  return {
    arrival: { receiver, number, date },
    lines: [...used].sort((a, b) => a - b),
    receiverLine,
    numberLine,
    dateLine,
  };
}
