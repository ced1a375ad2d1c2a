import type { Line, PageText } from '../../../schemas/page.js';
import { foldAccents } from '../../text/fold.js';
import { DISTRIBUTION_RE, parseAuthority, parseTitle } from '../extract/signer.js';
import { replacedLines } from '../extract/signature-score.js';

/** [x0, y0, x1, y1] in page pixels. */
export type Box = [number, number, number, number];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const height = (l: Line): number => l.bbox[3] - l.bbox[1];
const inside = (b: Box, x: number, y: number): boolean => x >= b[0] && x < b[2] && y >= b[1] && y < b[3];

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

/** Index of the "Nơi nhận" line of a page (the last one: the footer's), or -1. */
export function distributionLine(lines: Line[]): number {
  // "nhậm": a common misreading of the heading's last letter
  const fold = (l: Line): string => foldAccents(l.text).replace(/\s+/g, ' ').trim().replace(/\bnham\b/, 'nhan');
  return lines.findLastIndex((l) => l.kind !== 'stamp' && DISTRIBUTION_RE.test(fold(l)));
}

/** A line of the signature block itself (an authority or a title reaching left of the column). */
const isBlockLine = (l: Line): boolean => !!(parseAuthority(l.text) ?? parseTitle(l.text));

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
  let x0 = Math.max(0.4 * W, listRight + lh);
  // a wide authority or title line above the list starts left of the column: the column takes it in
  for (const l of lines) {
    if (l.kind === 'stamp' || l.bbox[1] < top - 4 * lh || l.bbox[1] >= top || l.bbox[0] < listRight + lh || l.bbox[0] >= x0 || !isBlockLine(l)) continue;
    x0 = Math.max(listRight + lh, Math.min(x0, l.bbox[0] - 0.25 * lh));
  }
  x0 = Math.round(x0);
  let y0 = top - 4 * lh;
  // body lines run from the left margin into the right column: the block starts below them
  for (const l of lines) {
    if (l.kind === 'stamp' || l.bbox[1] >= top || l.bbox[0] > x0 - lh || l.bbox[2] <= x0 || isBlockLine(l)) continue;
    if (l.bbox[3] > y0) y0 = l.bbox[3] + 0.15 * lh;
  }
  // and ends above a line below the heading that runs from the left into the column with other text
  // than a list entry beside the block (an appendix table starting on the page)
  let y1 = Math.min(H, top + 15 * lh);
  for (const l of lines) {
    if (l.kind === 'stamp' || l.bbox[1] <= head.bbox[3] || l.bbox[0] > x0 - lh || l.bbox[2] <= x0 || besideList(l, x0)) continue;
    y1 = Math.min(y1, l.bbox[1] - 0.15 * lh);
  }
  y0 = Math.max(0, Math.round(y0));
  if (y1 - y0 < 4 * lh || W - x0 < 6 * lh) return null;
  return [x0, y0, W, Math.round(y1)];
}

/** A line of the footer: a list entry on the left ("- Sở Tài chính;", "- Lưu: VT."), block text or specks on the right. */
function besideList(l: Line, x0: number): boolean {
  const centre = (w: Line['words'][number]): number => (w.bbox[0] + w.bbox[2]) / 2;
  const left = l.words.filter((w) => centre(w) < x0).map((w) => w.text).join(' ').trim();
  const right = l.words.filter((w) => centre(w) >= x0).map((w) => w.text).join(' ').trim();
  const entry = /^[-+•*]/.test(left) || /[;,.:]$/.test(left) || /^luu\b/.test(foldAccents(left));
  return entry && (!right || replacedLines([right]).size > 0);
}

/**
 * The words of a line inside `box` by their centre; none when the line runs across the box's left
 * edge without a gap (one line of text is never split into words kept and words read again).
 */
function wordsInside(l: Line, box: Box): Line['words'] {
  if (l.kind === 'stamp') return [];
  const words = [...l.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
  const k = words.findIndex((w) => inside(box, (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2));
  if (k < 0) return [];
  if (k > 0 && words[k]!.bbox[0] - words[k - 1]!.bbox[2] < 1.5 * height(l) && words[k - 1]!.bbox[1] < box[3] && words[k - 1]!.bbox[3] > box[1]) return [];
  return words.filter((w) => inside(box, (w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2));
}

/** The page's own lines cut to their words inside `box` (stamp lines left out). */
export function linesInside(lines: Line[], box: Box): Line[] {
  return lines.flatMap((l) => {
    const words = wordsInside(l, box);
    return words.length ? [withWords(l, words)] : [];
  });
}

function withWords(l: Line, words: Line['words']): Line {
  const bbox: Box = [
    Math.min(...words.map((w) => w.bbox[0])), Math.min(...words.map((w) => w.bbox[1])),
    Math.max(...words.map((w) => w.bbox[2])), Math.max(...words.map((w) => w.bbox[3])),
  ];
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  // words far apart stay apart as cells ("ˆ\tNguyễn Văn Lượng\tÑ"), as the page layout writes them
  const gap = 1.5 * (bbox[3] - bbox[1]);
  const text = words.map((w, i) => (i === 0 ? '' : w.bbox[0] - words[i - 1]!.bbox[2] > gap ? '\t' : ' ') + w.text).join('');
  return { ...l, text, words, bbox, confidence };
}

/**
 * The page with the first reading's signature block inside `box` replaced by `reading` (the block
 * read again): the old block's lines (authority, title, name) and seal specks go, any other text in
 * the region stays as first read (an arrival stamp, a table); lines of the left column keep their
 * words outside the box. The new lines follow the last line of the footer's left column, where the
 * block is read after the list.
 */
export function replaceRegion(page: PageText, box: Box, reading: Line[]): PageText {
  const cut = page.lines.map((l) => wordsInside(l, box));
  const parts = cut.flatMap((words, i) => (words.length ? [{ i, text: withWords(page.lines[i]!, words).text }] : []));
  const drop = replacedLines(parts.map((p) => p.text));
  const dropped = new Set(parts.filter((_, k) => drop.has(k)).map((p) => p.i));
  const kept: Line[] = [];
  let after = -1;
  let besideAfter = -1;
  page.lines.forEach((l, i) => {
    if (!dropped.has(i)) kept.push(l);
    else {
      const words = l.words.filter((w) => !cut[i]!.includes(w));
      if (!words.length) return;
      kept.push(withWords(l, words));
    }
    const k = kept[kept.length - 1]!;
    if (k.kind === 'stamp' || k.bbox[1] >= box[3] || k.bbox[3] <= box[1] - 2 * height(k)) return;
    if (k.bbox[0] < box[0]) after = kept.length - 1;
    else besideAfter = kept.length - 1;
  });
  // no line of the left column beside the region: after the last line beside it, else at the end
  if (after < 0) after = besideAfter >= 0 ? besideAfter : kept.length - 1;
  const lines = [...kept.slice(0, after + 1), ...reading, ...kept.slice(after + 1)];
  return { ...page, lines, text: lines.map((l) => l.text).join('\n') };
}

/**
 * Lines of a new reading that repeat an arrival stamp the page already holds as a stamp line: most
 * of their words lie inside its box and are words of its text.
 */
export function stampEchoes(page: PageText, reading: Line[]): Set<Line> {
  const stamps = page.lines.filter((l) => l.kind === 'stamp');
  const out = new Set<Line>();
  for (const r of reading) {
    for (const s of stamps) {
      const words = new Set(foldAccents(s.text).split(/[^a-z0-9]+/).filter(Boolean));
      const echoed = r.words.filter((w) => {
        const c = [(w.bbox[0] + w.bbox[2]) / 2, (w.bbox[1] + w.bbox[3]) / 2] as const;
        return inside(s.bbox as Box, c[0], c[1]) && foldAccents(w.text).split(/[^a-z0-9]+/).filter(Boolean).every((t) => words.has(t));
      });
      if (r.words.length && echoed.length * 2 > r.words.length) out.add(r);
    }
  }
  return out;
}
