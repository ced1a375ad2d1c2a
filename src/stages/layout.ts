import type { BBox, Line, Word } from '../../schemas/page.js';

/**
 * Reading order for one page of a Vietnamese administrative document (pure; no I/O).
 *
 * Input: lines of words with pixel boxes, in any order (tesseract's, or pdf.js text runs).
 * 1. Each line is cut where two words are far apart (a column gutter, a table cell).
 * 2. Pieces are grouped into rows (vertical overlap) and neighbouring pieces with a small gap merged.
 * 3. A row with exactly two pieces on either side of a gutter seeds a two-column band; the band
 *    grows up and down over rows whose pieces all stay on one side of that gutter. Inside a band
 *    the left column is read top to bottom, then the right column (header: issuer | motto, date;
 *    footer: Nơi nhận | signature block).
 * 4. Other rows stay full width; a row of three or more pieces is a table row (cells joined by TAB).
 * 5. A lone page number in the top or bottom margin is dropped.
 */
export interface PageSize {
  width: number;
  height: number;
}

interface Piece {
  words: Word[];
  bbox: BBox;
  /** Starts a column by what it says (the place-date of the header row): never merged into the piece before. */
  columnStart?: boolean;
}

interface Row {
  pieces: Piece[];
  top: number;
  bottom: number;
}

function union(boxes: BBox[]): BBox {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function pieceOf(words: Word[]): Piece {
  return { words, bbox: union(words.map((w) => w.bbox)) };
}

/** Minimum horizontal gap (px) that separates two pieces of text on one row. */
function gapThreshold(height: number, page: PageSize): number {
  return Math.max(1.5 * height, 0.02 * page.width);
}

/**
 * Tesseract sometimes threads two neighbouring text lines (the two lines of an issuing body, or a
 * header row beside a skewed one) into one "line" whose words alternate between them. Words whose
 * vertical centres fall into separate clusters are dealt back into separate lines.
 */
function unstack(words: Word[]): Word[][] {
  if (words.length < 2) return [words];
  const height = median(words.map((w) => w.bbox[3] - w.bbox[1]));
  const top = Math.min(...words.map((w) => w.bbox[1]));
  const bottom = Math.max(...words.map((w) => w.bbox[3]));
  if (bottom - top < 1.7 * height) return [words];
  const byCentre = [...words].sort((a, b) => a.bbox[1] + a.bbox[3] - (b.bbox[1] + b.bbox[3]));
  const groups: Word[][] = [[byCentre[0]!]];
  for (let i = 1; i < byCentre.length; i++) {
    const w = byCentre[i]!;
    const prev = byCentre[i - 1]!;
    const jump = (w.bbox[1] + w.bbox[3]) / 2 - (prev.bbox[1] + prev.bbox[3]) / 2;
    if (jump > 0.6 * height) groups.push([w]);
    else groups[groups.length - 1]!.push(w);
  }
  return groups;
}

function splitAtGaps(line: Line, page: PageSize): Piece[] {
  const present = line.words.filter((w) => w.text.trim() !== '');
  return unstack(present)
    .flatMap((group) => splitRow(group, page))
    .flatMap((piece) => splitHeaderRow(piece, page));
}

/**
 * The header row "Số: 10023/UBND-KGVX | Đắk Lắk, ngày 15 tháng 11 năm 2018" set with a narrow gap
 * between its columns: cut before the place name of "<Place>, ngày" when the piece opens with "Số".
 */
function splitHeaderRow(piece: Piece, page: PageSize): Piece[] {
  const words = piece.words;
  if (words.length < 4 || !/^S[ốoồổóỗộ](?!\p{L})/u.test(words[0]!.text)) return [piece];
  const day = words.findIndex((w, i) => i > 1 && /^ng[àa]y$/iu.test(w.text) && words[i - 1]!.text.endsWith(','));
  if (day < 0) return [piece];
  let start = day - 1;
  while (start > 1 && day - start < 4 && /^\p{Lu}[^\d/-]*$/u.test(words[start - 1]!.text)) start--;
  const at = words[start]!;
  if (!/^\p{Lu}/u.test(at.text) || at.bbox[0] < 0.3 * page.width) return [piece];
  const height = median(words.map((w) => w.bbox[3] - w.bbox[1]));
  if (at.bbox[0] - words[start - 1]!.bbox[2] < 0.5 * height) return [piece];
  return [pieceOf(words.slice(0, start)), { ...pieceOf(words.slice(start)), columnStart: true }];
}

function splitRow(row: Word[], page: PageSize): Piece[] {
  const words = [...row].sort((a, b) => a.bbox[0] - b.bbox[0]);
  if (words.length === 0) return [];
  const height = median(words.map((w) => w.bbox[3] - w.bbox[1]));
  const threshold = gapThreshold(height, page);
  const pieces: Piece[] = [];
  let current: Word[] = [words[0]!];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    const prev = current[current.length - 1]!;
    if (w.bbox[0] - prev.bbox[2] > threshold) {
      pieces.push(pieceOf(current));
      current = [w];
    } else {
      current.push(w);
    }
  }
  pieces.push(pieceOf(current));
  return pieces;
}

function groupRows(pieces: Piece[], page: PageSize): Row[] {
  const sorted = [...pieces].sort((a, b) => (a.bbox[1] + a.bbox[3]) / 2 - (b.bbox[1] + b.bbox[3]) / 2);
  const rows: Row[] = [];
  for (const piece of sorted) {
    const [, y0, , y1] = piece.bbox;
    const h = Math.max(1, y1 - y0);
    const centre = (y0 + y1) / 2;
    // Join the last row whose vertical extent holds this piece's centre and overlaps it enough.
    let target: Row | undefined;
    for (let i = rows.length - 1; i >= Math.max(0, rows.length - 3); i--) {
      const row = rows[i]!;
      const overlap = Math.min(row.bottom, y1) - Math.max(row.top, y0);
      const rowH = row.bottom - row.top;
      if (centre >= row.top && centre <= row.bottom && overlap >= 0.5 * Math.min(h, rowH)) {
        target = row;
        break;
      }
    }
    if (target) {
      target.pieces.push(piece);
      target.top = Math.min(target.top, y0);
      target.bottom = Math.max(target.bottom, y1);
    } else {
      rows.push({ pieces: [piece], top: y0, bottom: y1 });
    }
  }
  for (const row of rows) {
    row.pieces.sort((a, b) => a.bbox[0] - b.bbox[0]);
    // Merge neighbours that are close (one line that arrived as several runs or blocks).
    const merged: Piece[] = [];
    for (const p of row.pieces) {
      const last = merged[merged.length - 1];
      const h = median([...p.words, ...(last?.words ?? [])].map((w) => w.bbox[3] - w.bbox[1]));
      if (last && !p.columnStart && p.bbox[0] - last.bbox[2] <= gapThreshold(h, page)) {
        const words = [...last.words, ...p.words].sort((a, b) => a.bbox[0] - b.bbox[0]);
        merged[merged.length - 1] = pieceOf(words);
      } else {
        merged.push(p);
      }
    }
    row.pieces = merged;
  }
  return rows;
}

/** The free horizontal interval between the two pieces of a two-piece row, if it is mid-page. */
function gutterOf(row: Row, page: PageSize): Gutter | null {
  if (row.pieces.length !== 2) return null;
  const [left, right] = row.pieces as [Piece, Piece];
  const g = (left.bbox[2] + right.bbox[0]) / 2;
  // The gutter of a header/footer sits somewhere in the middle band of the page.
  if (g < 0.3 * page.width || g > 0.7 * page.width) return null;
  return { lo: left.bbox[2], hi: right.bbox[0] };
}

interface Gutter {
  lo: number;
  hi: number;
}

/** The gutter narrowed so that `row` also fits beside it, or null when the row crosses it. */
function narrow(gutter: Gutter, row: Row, page: PageSize): Gutter | null {
  const tol = 0.005 * page.width;
  let { lo, hi } = gutter;
  const mid = (lo + hi) / 2;
  for (const p of row.pieces) {
    if ((p.bbox[0] + p.bbox[2]) / 2 < mid) lo = Math.max(lo, p.bbox[2]);
    else hi = Math.min(hi, p.bbox[0]);
  }
  return lo <= hi + tol ? { lo, hi } : null;
}

function toLine(piece: Piece): Line {
  const words = piece.words;
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  return { text: words.map((w) => w.text).join(' '), bbox: piece.bbox, confidence, words };
}

function tableLine(pieces: Piece[]): Line {
  const words = pieces.flatMap((p) => p.words);
  const confidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  return {
    text: pieces.map((p) => p.words.map((w) => w.text).join(' ')).join('\t'),
    bbox: union(pieces.map((p) => p.bbox)),
    confidence,
    words,
  };
}

function isPageNumber(row: Row, page: PageSize): boolean {
  if (row.pieces.length !== 1) return false;
  const text = row.pieces[0]!.words.map((w) => w.text).join(' ').trim();
  if (!/^[-–—\s]*\d{1,3}[-–—\s]*$/.test(text)) return false;
  const inMargin = row.bottom < 0.1 * page.height || row.top > 0.9 * page.height;
  const [x0, , x1] = row.pieces[0]!.bbox;
  const centred = Math.abs((x0 + x1) / 2 - page.width / 2) < 0.15 * page.width;
  return inMargin && centred;
}

/**
 * Seal rings, signature strokes and specks read as text: a line without any run of two letters or
 * digits that is pure punctuation or weakly read ("=", "<", "ˆ", "z" at 40), or a very short line read
 * with almost no confidence. Text-layer lines (confidence 100) are never junk.
 */
export function isJunkLine(line: Pick<Line, 'text' | 'confidence'>): boolean {
  const text = line.text.trim();
  if (text === '') return true;
  const hasRun = /[\p{L}\p{N}]{2}/u.test(text);
  if (!/[\p{L}\p{N}]/u.test(text)) return line.confidence < 90;
  if (!hasRun) return line.confidence < 70;
  return text.replace(/\s/g, '').length <= 3 && line.confidence < 40;
}

/**
 * A two-column band of the laid-out page: its rows span [top, bottom] with the gutter at x = `gutter`;
 * `above`/`below` are the bottom of the row before it and the top of the row after it (page edges
 * when none). `left` and `right` are [start, end) index ranges of the band's columns in `lines`.
 */
export interface Band {
  top: number;
  bottom: number;
  above: number;
  below: number;
  gutter: number;
  /** Median text height of the band's words. */
  lineHeight: number;
  left: [number, number];
  right: [number, number];
  /** Junk pieces dropped from the left and the right column (seal rings, signature strokes). */
  dropped: [number, number];
  /** The row just above or below is a table row: the band is two cells of a table, not a header or footer. */
  besideTable: boolean;
}

/** Lines of one page in reading order, merged header/footer lines split into their columns. */
export function layoutPage(lines: Line[], page: PageSize): Line[] {
  return layoutWithBands(lines, page).lines;
}

/** As layoutPage, and also where its two-column bands are (so a caller can re-read each column). */
export function layoutWithBands(lines: Line[], page: PageSize): { lines: Line[]; bands: Band[] } {
  const pieces = lines.flatMap((l) => splitAtGaps(l, page));
  const rows = groupRows(pieces, page).filter((r) => !isPageNumber(r, page));

  // Bands: [start, end] row ranges read column by column, with their gutter.
  const bandOf = new Array<number>(rows.length).fill(-1);
  const bands: Array<{ start: number; end: number; g: number }> = [];
  for (let i = 0; i < rows.length; i++) {
    if (bandOf[i] !== -1) continue;
    const seed = gutterOf(rows[i]!, page);
    if (seed === null) continue;
    let gutter: Gutter = seed;
    let start = i;
    let end = i;
    for (;;) {
      const up: Gutter | null = start > 0 && bandOf[start - 1] === -1 ? narrow(gutter, rows[start - 1]!, page) : null;
      if (!up) break;
      gutter = up;
      start--;
    }
    for (;;) {
      const down: Gutter | null = end < rows.length - 1 ? narrow(gutter, rows[end + 1]!, page) : null;
      if (!down) break;
      gutter = down;
      end++;
    }
    const id = bands.length;
    bands.push({ start, end, g: (gutter.lo + gutter.hi) / 2 });
    for (let k = start; k <= end; k++) bandOf[k] = id;
  }

  const out: Line[] = [];
  const found: Band[] = [];
  let dropped = 0;
  const push = (piece: Piece) => {
    const line = toLine(piece);
    if (isJunkLine(line)) dropped++;
    else out.push(line);
  };
  for (let i = 0; i < rows.length; ) {
    const id = bandOf[i]!;
    if (id === -1) {
      const row = rows[i]!;
      if (row.pieces.length >= 3) out.push(tableLine(row.pieces));
      else for (const p of row.pieces) push(p);
      i++;
      continue;
    }
    const band = bands[id]!;
    const left: Piece[] = [];
    const right: Piece[] = [];
    for (let k = band.start; k <= band.end; k++) {
      for (const p of rows[k]!.pieces) (p.bbox[0] < band.g ? left : right).push(p);
    }
    const l0 = out.length;
    dropped = 0;
    for (const p of left) push(p);
    const leftDropped = dropped;
    const r0 = out.length;
    dropped = 0;
    for (const p of right) push(p);
    const bandRows = rows.slice(band.start, band.end + 1);
    found.push({
      top: Math.min(...bandRows.map((r) => r.top)),
      bottom: Math.max(...bandRows.map((r) => r.bottom)),
      above: band.start > 0 ? rows[band.start - 1]!.bottom : 0,
      below: band.end < rows.length - 1 ? rows[band.end + 1]!.top : page.height,
      gutter: band.g,
      lineHeight: median(bandRows.flatMap((r) => r.pieces.flatMap((p) => p.words.map((w) => w.bbox[3] - w.bbox[1])))),
      left: [l0, r0],
      right: [r0, out.length],
      dropped: [leftDropped, dropped],
      besideTable: (rows[band.start - 1]?.pieces.length ?? 0) >= 3 || (rows[band.end + 1]?.pieces.length ?? 0) >= 3,
    });
    i = band.end + 1;
  }
  return { lines: out, bands: found };
}
