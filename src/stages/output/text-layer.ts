import type { BBox, PageText } from '../../../schemas/page.js';
import { DESCENT, GLYPH_ADVANCE, encodeHex } from './invisible-font.js';

/** A page's visible area in PDF user space and the clockwise /Rotate it is shown with. */
export interface PageFrame {
  /** Lower-left corner and size of the crop box, in points. */
  x: number;
  y: number;
  width: number;
  height: number;
  rotate: number;
}

/**
 * The matrix from the upright page as shown (points, origin bottom-left) to the page's user space:
 * a viewer turns user space by /Rotate clockwise, this undoes it.
 */
export function displayToUser(frame: PageFrame): [number, number, number, number, number, number] {
  const { x, y, width: w, height: h } = frame;
  switch (((frame.rotate % 360) + 360) % 360) {
    case 90:
      return [0, 1, -1, 0, x + w, y];
    case 180:
      return [-1, 0, 0, -1, x + w, y + h];
    case 270:
      return [0, -1, 1, 0, x, y + h];
    default:
      return [1, 0, 0, 1, x, y];
  }
}

/** Width and height of the page as shown (after /Rotate), in points. */
export function displaySize(frame: PageFrame): { width: number; height: number } {
  const turned = frame.rotate % 180 !== 0;
  return turned ? { width: frame.height, height: frame.width } : { width: frame.width, height: frame.height };
}

type Run = Array<{ text: string; bbox: BBox }>;

/**
 * The runs of words that share a baseline and a size: a line as a whole, unless one of its words is
 * far taller than the rest (a stamp or a seal read into the line), then each of its words on its own.
 */
function placedRuns(page: PageText): Run[] {
  const runs: Run[] = [];
  for (const line of page.lines) {
    const words: Run = line.words.length > 0 ? line.words : [{ text: line.text, bbox: line.bbox }];
    const heights = words.map((w) => w.bbox[3] - w.bbox[1]).sort((a, b) => a - b);
    const median = heights[Math.floor(heights.length / 2)]!;
    const span = Math.max(...words.map((w) => w.bbox[3])) - Math.min(...words.map((w) => w.bbox[1]));
    if (span <= 1.5 * median) runs.push(words);
    else runs.push(...words.map((w) => [w]));
  }
  return runs;
}

const num = (n: number): string => (Number.isFinite(n) ? Number(n.toFixed(3)).toString() : '0');

/**
 * Content stream that writes the page's words invisibly (text render mode 3) over where they were
 * read: each word stretched (Tz) to its box, on its line's baseline, a space stretched over the gap to
 * the next word so copied text keeps its spaces. Page text boxes are pixels of the upright page.
 */
export function invisibleTextOperators(page: PageText, frame: PageFrame, fontName: string): string {
  const shown = displaySize(frame);
  if (!(page.width > 0) || !(page.height > 0)) return '';
  const sx = shown.width / page.width;
  const sy = shown.height / page.height;
  const out: string[] = ['q', `${displayToUser(frame).map(num).join(' ')} cm`, 'BT', '3 Tr'];
  for (const words of placedRuns(page)) {
    const top = Math.min(...words.map((w) => w.bbox[1]));
    const bottom = Math.max(...words.map((w) => w.bbox[3]));
    const fontSize = (bottom - top) * sy;
    if (!(fontSize > 0)) continue;
    const baseline = shown.height - bottom * sy - (DESCENT / 1000) * fontSize;
    const em = (GLYPH_ADVANCE / 1000) * fontSize;
    out.push(`/${fontName} ${num(fontSize)} Tf`);
    words.forEach((word, i) => {
      const text = word.text.normalize('NFC').trim();
      const left = word.bbox[0] * sx;
      const width = (word.bbox[2] - word.bbox[0]) * sx;
      if (!text || !(width > 0)) return;
      const chars = [...text].length;
      out.push(`1 0 0 1 ${num(left)} ${num(baseline)} Tm`, `${num((100 * width) / (chars * em))} Tz`, `<${encodeHex(text)}> Tj`);
      const next = words[i + 1];
      if (next) {
        const gap = next.bbox[0] * sx - (left + width);
        out.push(`${num(Math.max(1, (100 * gap) / em))} Tz`, '<0020> Tj');
      }
    });
  }
  out.push('ET', 'Q');
  return out.join('\n');
}
