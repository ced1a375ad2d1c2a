import type { BBox, Block, Line } from '../../schemas/page.js';

/**
 * Groups a page's lines, already in reading order, into blocks: header and footer columns, titles,
 * paragraphs, stamps. A block ends where the reading order jumps back up (the next column), where the
 * next line does not overlap it horizontally (the other header column), where the ink changes
 * (stamp), where the space above the next line is clearly wider than the page's usual line gap,
 * at a paragraph's indented first line, and where text reaches further left after a short line
 * (a centred title followed by the body). Centred lines stay together.
 */
export function blocksOf(lines: Line[]): Block[] {
  const usualGap = usualLineGap(lines);
  const blocks: Block[] = [];
  let current: Open | null = null;
  const close = (end: number) => {
    if (current) blocks.push({ bbox: current.bbox, lines: [current.start, end], ...(current.kind ? { kind: current.kind } : {}) });
  };
  lines.forEach((line, i) => {
    const [x0, y0, x1, y1] = line.bbox;
    if (current && continues(current, lines[i - 1]!, line, usualGap)) {
      const b = current.bbox;
      current.bbox = [Math.min(b[0], x0), Math.min(b[1], y0), Math.max(b[2], x1), Math.max(b[3], y1)];
      current.heights.push(y1 - y0);
      return;
    }
    close(i);
    current = { bbox: [x0, y0, x1, y1], start: i, heights: [y1 - y0], kind: line.kind };
  });
  close(lines.length);
  return blocks;
}

interface Open {
  bbox: BBox;
  start: number;
  heights: number[];
  kind: Line['kind'];
}

function continues(block: Open, previous: Line, line: Line, usualGap: number): boolean {
  if (line.kind !== block.kind) return false;
  const height = median(block.heights);
  if (line.bbox[1] < previous.bbox[1] - height / 2) return false;
  const gap = line.bbox[1] - previous.bbox[3];
  if (gap > Math.max(usualGap * 1.6, usualGap + height / 2)) return false;
  const overlap = Math.min(block.bbox[2], line.bbox[2]) - Math.max(block.bbox[0], line.bbox[0]);
  if (overlap <= 0) return false;
  const [left, right] = [block.bbox[0], block.bbox[2]];
  const centre = (b: BBox) => (b[0] + b[2]) / 2;
  const previousShort = previous.bbox[2] < right - height;
  const runsToMargin = line.bbox[2] >= right - height;
  if (previousShort && !runsToMargin && Math.abs(centre(line.bbox) - centre(previous.bbox)) < height) return true; // centred lines
  const indented = line.bbox[0] > left + height;
  // A paragraph's first line is indented: after a full line it runs to the margin, after a short one it may not.
  if (indented && (runsToMargin || previousShort)) return false;
  // Text wider on the left after a line that ended short: a centred title or a column is followed by body text.
  return !(previousShort && line.bbox[0] < left - height);
}

/** Median space between a line and the next one below it in the same column. */
function usualLineGap(lines: Line[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!.bbox, lines[i]!.bbox];
    const gap = b[1] - a[3];
    const overlap = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    if (gap >= 0 && overlap > 0) gaps.push(gap);
  }
  return median(gaps);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
