import type { Line, PageText } from '../../../schemas/page.js';
import { foldAccents } from '../../text/fold.js';

/** [x0, y0, x1, y1] in page pixels. */
export type Box = [number, number, number, number];

/** "Nơi nhận:" heading the distribution list, at the start of a line (folded; "nhậm" misread). */
const DISTRIBUTION_HEAD = /^[^a-z0-9]{0,3}n[o0]i\s*(?:[-+•*][^:]{0,20})?nha[nm]\s*:?/;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const height = (l: Line): number => l.bbox[3] - l.bbox[1];

/**
 * Right edge of a list entry: its words from the left while they follow each other closely (a
 * merged line goes on across the gutter into the signature block).
 */
function entryRight(l: Line, lh: number): number {
  const words = [...l.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  let right = words[0]?.bbox[2] ?? l.bbox[0];
  for (const w of words.slice(1)) {
    if (w.bbox[0] - right > 1.5 * lh) break;
    right = Math.max(right, w.bbox[2]);
  }
  return right;
}

/** Index of the "Nơi nhận" line of a page, or -1. */
export function distributionLine(lines: Line[]): number {
  return lines.findIndex((l) => l.kind !== 'stamp' && DISTRIBUTION_HEAD.test(foldAccents(l.text.trim().toLowerCase())));
}

/**
 * Where the signature block lies (Decree 30 footer): the right column beside and below "Nơi nhận:",
 * from a few lines above the heading (authority lines often start higher) down to well past the
 * list (the name sits under signature and seal), right of the list entries and below the last
 * line of the body. Null on a page without the heading.
 */
export function signatureRegion(page: PageText): Box | null {
  const { lines, width: W, height: H } = page;
  const nn = distributionLine(lines);
  if (nn < 0) return null;
  const head = lines[nn]!;
  const top = head.bbox[1];
  const leftSide = lines.filter((l) => l.kind !== 'stamp' && l.bbox[0] < 0.35 * W && l.bbox[1] >= top - 5 && l.bbox[1] < top + 16 * height(head));
  const lh = Math.min(120, Math.max(20, median(leftSide.map(height))));
  const listRight = Math.max(head.bbox[0] + 5 * lh, ...leftSide.map((l) => entryRight(l, lh)));
  if (listRight + lh > 0.6 * W) return null; // no room beside the list
  const x0 = Math.round(Math.max(0.4 * W, listRight + lh));
  let y0 = top - 4 * lh;
  // body lines run from the left margin into the right column: the block starts below them
  for (const l of lines) {
    if (l.kind === 'stamp' || l.bbox[1] >= top || l.bbox[0] > x0 - lh || l.bbox[2] <= x0) continue;
    if (l.bbox[3] > y0) y0 = l.bbox[3] + 0.15 * lh;
  }
  const y1 = Math.min(H, top + 15 * lh);
  y0 = Math.max(0, Math.round(y0));
  if (y1 - y0 < 4 * lh || W - x0 < 6 * lh) return null;
  return [x0, y0, W, Math.round(y1)];
}

const inside = (b: Box, x: number, y: number): boolean => x >= b[0] && x < b[2] && y >= b[1] && y < b[3];

/** The page's own lines cut to the words whose centre lies inside `box` (stamp lines left out). */
export function linesInside(lines: Line[], box: Box): Line[] {
  return lines.flatMap((l) => {
    if (l.kind === 'stamp') return [];
    const words = l.words.filter((w) => inside(box, (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2));
    return words.length ? [withWords(l, words)] : [];
  });
}

function withWords(l: Line, words: Line['words']): Line {
  const bbox: Box = [
    Math.min(...words.map((w) => w.bbox[0])), Math.min(...words.map((w) => w.bbox[1])),
    Math.max(...words.map((w) => w.bbox[2])), Math.max(...words.map((w) => w.bbox[3])),
  ];
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  // words far apart stay apart as cells ("ˆ\tNguyễn Văn Lâm\tÑ"), as the page layout writes them
  const gap = 1.5 * (bbox[3] - bbox[1]);
  const text = words.map((w, i) => (i === 0 ? '' : w.bbox[0] - words[i - 1]!.bbox[2] > gap ? '\t' : ' ') + w.text).join('');
  return { ...l, text, words, bbox, confidence };
}

/**
 * The page with the words inside `box` replaced by `reading` (lines of the region read again):
 * lines of the left column keep their other words, and the new lines follow the last line of
 * the footer's left column, where the block is read after the list. Lines of an arrival stamp
 * already read as such are not read into the block.
 */
export function replaceRegion(page: PageText, box: Box, reading: Line[]): PageText {
  const kept: Line[] = [];
  let after = -1;
  for (const l of page.lines) {
    if (l.kind === 'stamp') {
      kept.push(l);
      continue;
    }
    const words = l.words.filter((w) => !inside(box, (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2));
    if (words.length === l.words.length) kept.push(l);
    else if (words.length) kept.push(withWords(l, words));
    else continue;
    const k = kept[kept.length - 1]!;
    if (k.bbox[1] < box[3] && k.bbox[3] > box[1] - 2 * height(k)) after = kept.length - 1;
  }
  // an arrival stamp read in the region is already on the page, as a stamp
  const stamps = page.lines.filter((l) => l.kind === 'stamp').map((l) => l.bbox as Box);
  const fresh = reading.filter((r) => !stamps.some((b) => inside(b, (r.bbox[0] + r.bbox[2]) / 2, (r.bbox[1] + r.bbox[3]) / 2)));
  const lines = [...kept.slice(0, after + 1), ...fresh, ...kept.slice(after + 1)];
  return { ...page, lines, text: lines.map((l) => l.text).join('\n') };
}
