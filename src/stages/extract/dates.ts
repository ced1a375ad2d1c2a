/** Dates as printed: "ngày 15 tháng 11 năm 2018", "06/11/2018", "6-11-2018", "09.11.18". */

export interface FoundDate {
  iso: string;
  index: number;
  end: number;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1945 || y > 2100) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function year(y: string): number {
  const n = Number(y);
  if (y.length === 2) return n <= 69 ? 2000 + n : 1900 + n;
  return n;
}

/**
 * The month keyword read tolerantly: OCR gives "thúng", "háng.", "thng" for "tháng" (folded
 * "thung", "hang.", "thng"). Only the exact "thang" counts as clean (see `MONTH_EXACT`).
 */
export const MONTH_WORD = String.raw`(?:t?h[a-z]{0,2}ng\.?)`;
export const MONTH_EXACT = /\bthang\b/;
/** Long form on folded text: "ngay 15 thang 11 nam 2018" (the "ngay" optional; a speck before the month allowed: "tháng -3"). */
export const LONG_DATE_RE = new RegExp(String.raw`(?:ngay\s*)?([0-9lio]{1,2})\s*${MONTH_WORD}\s*[-.,]?\s*([0-9lio]{1,2})\s*nam\s*([0-9lio]{4})(?![0-9])`, 'g');

/** Digits of a folded number read with look-alikes ("ll" → "11", "2o21" → "2021"). */
export function num(s: string): number {
  return Number(s.replace(/[li]/g, '1').replace(/o/g, '0'));
}
/** Numeric form: 06/11/2018, 6-11-2018, 09.11.18 (same separator both times). */
export const NUM_DATE_RE = /(?<![\d/.-])(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d/])/g;

/** All dates in a folded string, in order. */
export function findDates(fold: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of fold.matchAll(new RegExp(LONG_DATE_RE.source, 'g'))) {
    if (!/\d/.test(m[1]! + m[2]! + m[3]!)) continue;
    const v = iso(num(m[3]!), num(m[2]!), num(m[1]!));
    if (v) out.push({ iso: v, index: m.index, end: m.index + m[0].length });
  }
  for (const m of fold.matchAll(new RegExp(NUM_DATE_RE.source, 'g'))) {
    const v = iso(year(m[4]!), Number(m[3]), Number(m[1]));
    if (v && !out.some((o) => m.index < o.end && o.index < m.index + m[0].length)) out.push({ iso: v, index: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** First date in a folded string, or null. */
export function parseDate(fold: string): string | null {
  return findDates(fold)[0]?.iso ?? null;
}

/** A date at the very start of a folded string (after optional "ngay"), with its length. */
export function dateAt(fold: string): FoundDate | null {
  const m = /^\s*,?\s*(?:ngay\s*)?/.exec(fold);
  const skip = m ? m[0].length : 0;
  const rest = fold.slice(skip);
  const d = findDates(rest)[0];
  if (!d || d.index !== 0) return null;
  return { iso: d.iso, index: skip, end: skip + d.end };
}
