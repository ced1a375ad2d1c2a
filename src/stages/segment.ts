/**
 * Splits a file's pages into documents. A document starts on a page whose top carries a header:
 * the national motto, or a "Số: N/SYMBOL" line together with a place-date line. Continuation pages,
 * appendices ("Phụ lục", tables, pages starting mid-sentence) and blank pages stay with the previous
 * document.
 */
import type { PageText } from '../../schemas/page.js';
import { findStamp } from './extract/stamp.js';
import { PLACE_DATE_NO_COMMA } from './extract/header.js';
import { MONTH_WORD } from './extract/dates.js';
import { f, jumbledMotto, MOTTO_RE, pageLines, type DocLine } from './extract/text.js';

const NUMBER_LINE = /^(?:so|s0)\s*[:.;]?\s*\d{1,6}\s*\/?\s*[a-z]/;
const PLACE_DATE = new RegExp(String.raw`,\s*ngay\s*[0-9lio]{1,2}\s*${MONTH_WORD}\s*[0-9lio]{1,2}\s*nam\s*[0-9lio]{4}`);

/** How strongly the top of a page looks like the start of a document (0 = not at all). */
export function headerScore(lines: DocLine[]): number {
  const stamp = findStamp(lines);
  const skip = new Set(stamp?.lines ?? []);
  const top = lines.filter((_, i) => !skip.has(i)).slice(0, 14);
  if (top.length === 0) return 0;
  if (/^(phu luc|\(?(ban hanh )?kem theo)/.test(f(top[0]!))) return 0;
  // stamp lines may carry the right header column when OCR merged the columns
  const topAll = lines.slice(0, 14 + skip.size);
  let score = 0;
  if (topAll.some((l) => MOTTO_RE.test(l.fold) || jumbledMotto(l))) score += 2;
  if (top.some((l) => NUMBER_LINE.test(f(l)))) score += 1;
  if (topAll.some((l) => PLACE_DATE.test(l.fold) || PLACE_DATE_NO_COMMA.test(l.text.trim()))) score += 1;
  return score;
}

/** Groups of 1-based page numbers, one group per document, in page order. */
export function segmentPages(pages: PageText[]): number[][] {
  const groups: number[][] = [];
  let onlyBlank = true;
  for (const p of [...pages].sort((a, b) => a.page - b.page)) {
    const lines = pageLines(p);
    const blank = lines.length === 0;
    const starts = !blank && headerScore(lines) >= 2;
    if (groups.length === 0 || (starts && !onlyBlank)) {
      groups.push([p.page]);
      onlyBlank = blank;
    } else {
      groups[groups.length - 1]!.push(p.page);
      if (!blank) onlyBlank = false;
    }
  }
  return groups;
}
