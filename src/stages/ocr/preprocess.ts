import sharp from 'sharp';
import { inkComponents } from './components.js';
import type { RasterImage } from '../types.js';

export interface PreparedPage {
  /** Greyscale PNG for the main pass; on colour pages coloured ink (stamps, seals, signatures) is faded out. */
  main: Buffer;
  /**
   * Black-on-white PNG of the coloured ink only (red stamp, blue handwriting) of the whole page, when
   * asked for (`inkLayer`, for inspection) and there is enough of it; OCR reads `stamps` instead.
   */
  ink: Buffer | null;
  /** Candidate arrival stamps: clusters of coloured ink in the upper part of the page, cut out for OCR. */
  stamps: StampCrop[];
}

/** A candidate stamp region: `png` is the coloured ink of `box` (page pixels), binarized, scaled by `scale`. */
export interface StampCrop {
  box: [number, number, number, number];
  scale: number;
  png: Buffer;
  /** Text rows of `png` as [top, bottom] (png pixels), for reading line by line. */
  rows: Array<[number, number]>;
}

/** Minimum share of coloured-ink pixels before an ink pass is worth a second OCR run. */
const MIN_INK_SHARE = 0.0005;

/**
 * Splits a page for OCR. Colour page: luminance with strongly coloured pixels whitened (red arrival
 * stamps, red seals and blue signatures no longer break the black print into garbage), plus the
 * candidate stamp regions cut out of the coloured ink for their own OCR ("Số: 10781", "ĐẾN ...").
 * Grey page: as is (a grey stamp cannot be told from the print by colour).
 */
export async function prepareForOcr(image: RasterImage, options: { inkPass: boolean; inkLayer?: boolean }): Promise<PreparedPage> {
  const meta = await sharp(image.png).metadata();
  if ((meta.channels ?? 3) < 3 || meta.space === 'b-w') {
    const main = meta.channels === 1 ? image.png : await sharp(image.png).flatten({ background: '#ffffff' }).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer();
    return { main, ink: null, stamps: [] };
  }
  const { data, info } = await sharp(image.png).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  const pixels = info.width * info.height;
  const grey = Buffer.alloc(pixels);
  const mask = options.inkLayer ? Buffer.alloc(pixels, 255) : null;
  // Coarse grid of coloured-ink counts, to find the stamp as a cluster of coloured cells.
  const cell = Math.max(6, Math.round(info.width / 200));
  const gw = Math.ceil(info.width / cell);
  const gh = Math.ceil(info.height / cell);
  const grid = new Uint32Array(gw * gh);
  let coloured = 0;
  for (let i = 0, p = 0; p < pixels; i += channels, p++) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const max = Math.max(r, g, b);
    const chroma = max - Math.min(r, g, b);
    const luma = (r * 299 + g * 587 + b * 114) / 1000;
    // Coloured ink is bright in its own channel; JPEG colour fringes around black print are dark.
    if (chroma > 40 && max > 110) {
      coloured++;
      grid[Math.floor(p / info.width / cell) * gw + Math.floor((p % info.width) / cell)]!++;
      grey[p] = 255;
    } else if (chroma > 20 && max > 110) {
      grey[p] = Math.max(225, luma); // anti-aliased edge of coloured ink: fade it
    } else {
      grey[p] = luma;
    }
    // Ink layer: darkness follows the strength of the colour, so stroke edges stay smooth.
    if (mask && chroma > 30 && max > 90) mask[p] = Math.max(0, 255 - 3 * (chroma - 30));
  }
  const toPng = (buf: Buffer) =>
    sharp(buf, { raw: { width: info.width, height: info.height, channels: 1 } }).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer();
  if (coloured / pixels < MIN_INK_SHARE) {
    return { main: await sharp(image.png).flatten({ background: '#ffffff' }).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer(), ink: null, stamps: [] };
  }
  const stamps: StampCrop[] = [];
  if (options.inkPass) {
    for (const box of stampBoxes(grid, gw, gh, cell, info.width, info.height, image.dpi ?? 300)) {
      stamps.push({ box, scale: STAMP_SCALE, ...(await inkCrop(data, info.width, channels, box, image.dpi ?? 300)) });
    }
  }
  return { main: await toPng(grey), ink: mask ? await toPng(mask) : null, stamps };
}

const STAMP_SCALE = 2;

/**
 * Boxes of coloured-ink clusters that could be an arrival stamp: connected groups of ink cells
 * (gaps of up to two cells bridged) of stamp size (in mm at `dpi`) whose centre lies in the upper 60% of the page,
 * largest first, at most two. A seal with its signature can qualify too; the caller keeps only
 * regions that read like a stamp.
 */
export function stampBoxes(grid: Uint32Array, gw: number, gh: number, cell: number, width: number, height: number, dpi: number): Array<[number, number, number, number]> {
  const mm = dpi / 25.4;
  const on = new Uint8Array(gw * gh);
  const minInk = Math.max(2, Math.round(cell * cell * 0.02));
  for (let i = 0; i < on.length; i++) if (grid[i]! >= minInk) on[i] = 1;
  const label = new Int32Array(gw * gh).fill(-1);
  const found: Array<{ box: [number, number, number, number]; ink: number }> = [];
  const reach = 2;
  for (let start = 0; start < on.length; start++) {
    if (!on[start] || label[start] !== -1) continue;
    const stack = [start];
    label[start] = start;
    let x0 = gw;
    let y0 = gh;
    let x1 = -1;
    let y1 = -1;
    let ink = 0;
    while (stack.length) {
      const c = stack.pop()!;
      const cx = c % gw;
      const cy = (c - cx) / gw;
      x0 = Math.min(x0, cx);
      y0 = Math.min(y0, cy);
      x1 = Math.max(x1, cx);
      y1 = Math.max(y1, cy);
      ink += grid[c]!;
      for (let dy = -reach; dy <= reach; dy++) {
        const ny = cy + dy;
        if (ny < 0 || ny >= gh) continue;
        for (let dx = -reach; dx <= reach; dx++) {
          const nx = cx + dx;
          if (nx < 0 || nx >= gw) continue;
          const n = ny * gw + nx;
          if (on[n] && label[n] === -1) {
            label[n] = start;
            stack.push(n);
          }
        }
      }
    }
    const w = (x1 - x0 + 1) * cell;
    const h = (y1 - y0 + 1) * cell;
    const centreY = ((y0 + y1 + 1) / 2) * cell;
    // Arrival stamps measure about 40-90 mm by 15-50 mm.
    if (w < 25 * mm || w > 130 * mm || h < 8 * mm || h > 80 * mm || centreY > 0.6 * height) continue;
    const margin = Math.round(3 * mm);
    found.push({
      box: [Math.max(0, x0 * cell - margin), Math.max(0, y0 * cell - margin), Math.min(width, (x1 + 1) * cell + margin), Math.min(height, (y1 + 1) * cell + margin)],
      ink,
    });
  }
  return found
    .sort((a, b) => b.ink - a.ink)
    .slice(0, 2)
    .map((f) => f.box);
}

/**
 * The coloured ink of one region as black on white (red frame and text, blue or violet handwriting
 * alike; black print dropped), scaled up for OCR.
 */
async function inkCrop(data: Buffer, width: number, channels: number, box: [number, number, number, number], dpi: number): Promise<{ png: Buffer; rows: Array<[number, number]> }> {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const out = Buffer.alloc(w * h, 255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = ((y0 + y) * width + x0 + x) * channels;
      const r = data[i]!;
      const g = data[i + 1]!;
      const b = data[i + 2]!;
      const max = Math.max(r, g, b);
      if (max - Math.min(r, g, b) > 35 && max > 80) out[y * w + x] = 0;
    }
  }
  eraseDottedLines(out, w, h);
  const png = await sharp(out, { raw: { width: w, height: h, channels: 1 } })
    .resize(w * STAMP_SCALE, h * STAMP_SCALE)
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
  const rows = textRows(out, w, h, dpi / 25.4).map(([a, b]): [number, number] => [a * STAMP_SCALE, b * STAMP_SCALE]);
  return { png, rows };
}

/**
 * Text rows of a binarized crop by horizontal projection over its central 80% (the frame's sides
 * stay out): runs of inked rows, thin runs (frame, dots) dropped, a diacritic row joined to the
 * letters below it, each padded by 0.8 mm.
 */
export function textRows(bin: Buffer, w: number, h: number, mm: number): Array<[number, number]> {
  const x0 = Math.round(0.1 * w);
  const x1 = Math.round(0.9 * w);
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let y = 0; y <= h; y++) {
    let ink = 0;
    if (y < h) for (let x = x0; x < x1; x++) if (bin[y * w + x] === 0) ink++;
    const inked = y < h && ink >= 3 && ink < 0.6 * (x1 - x0); // a frame line inks most of the row
    if (inked && start < 0) start = y;
    if (!inked && start >= 0) {
      runs.push([start, y]);
      start = -1;
    }
  }
  const joined: Array<[number, number]> = [];
  for (const run of runs) {
    const last = joined[joined.length - 1];
    if (last && run[0] - last[1] < 0.6 * mm) last[1] = run[1];
    else joined.push([...run]);
  }
  const pad = Math.round(0.8 * mm);
  return joined.filter(([a, b]) => b - a >= 1.5 * mm).map(([a, b]) => [Math.max(0, a - pad), Math.min(h, b + pad)]);
}

/** Turns a PNG clockwise by a multiple of 90°. */
export async function rotatePng(png: Buffer, degrees: number): Promise<Buffer> {
  return sharp(png).rotate(degrees).png({ compressionLevel: 1 }).toBuffer();
}

/**
 * Erases the dotted lines of the stamp form ("Số: ......"): tesseract reads the dots into the
 * handwritten number above them. A dotted line is ten or more specks on one horizontal line.
 */
export function eraseDottedLines(bin: Buffer, w: number, h: number): void {
  const specks: Array<{ pixels: number[]; cy: number }> = [];
  const maxSpeck = 10;
  for (const c of inkComponents(w, h, (p) => bin[p] === 0)) {
    if (c.x1 - c.x0 < maxSpeck && c.y1 - c.y0 < maxSpeck) specks.push({ pixels: c.pixels, cy: (c.y0 + c.y1) / 2 });
  }
  specks.sort((a, b) => a.cy - b.cy);
  for (let i = 0; i < specks.length; ) {
    let j = i + 1;
    while (j < specks.length && specks[j]!.cy - specks[i]!.cy <= 4) j++;
    if (j - i >= 10) for (let k = i; k < j; k++) for (const p of specks[k]!.pixels) bin[p] = 255;
    i = j;
  }
}

/**
 * Rectangular frames of stamp size on a greyscale page (a grey or black arrival stamp cannot be
 * told from the print by colour, but its frame can): long horizontal edges paired with a long one
 * below them and joined by a vertical edge at one end, centre in the upper 60% of the page. Edges are
 * followed cell by cell (1 mm cells) with a drift of one cell a step, so a slanted stamp is found
 * too. Largest first, at most two, in page pixels with a margin.
 */
export async function stampFrames(png: Buffer, dpi: number): Promise<Array<[number, number, number, number]>> {
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const width = info.width;
  const height = info.height;
  const mm = dpi / 25.4;
  const cell = Math.max(4, Math.round(mm));
  const gw = Math.floor(width / cell);
  const gh = Math.floor(height / cell);
  const channels = info.channels;
  const across = new Uint8Array(gw * gh);
  const down = new Uint8Array(gw * gh);
  const limitY = Math.min(gh, Math.ceil((0.85 * height) / cell));
  // One pass: the longest dark stretch of any pixel row (column) inside each cell, counted as dark pixels.
  const rowCount = new Uint16Array(gw);
  const colCount = new Uint16Array(gw * cell);
  for (let cy = 0; cy < limitY; cy++) {
    colCount.fill(0);
    for (let k = 0; k < cell; k++) {
      rowCount.fill(0);
      const base = (cy * cell + k) * width;
      for (let x = 0; x < gw * cell; x++) {
        if (data[(base + x) * channels]! < 170) {
          rowCount[(x / cell) | 0]!++;
          colCount[x]!++;
        }
      }
      for (let cx = 0; cx < gw; cx++) if (rowCount[cx]! >= 0.8 * cell) across[cy * gw + cx] = 1;
    }
    for (let x = 0; x < gw * cell; x++) if (colCount[x]! >= 0.8 * cell) down[cy * gw + ((x / cell) | 0)] = 1;
  }
  const horizontal = edges(across, gw, limitY, true, Math.round(25));
  const vertical = edges(down, gw, limitY, false, Math.round(8));
  const found: Array<[number, number, number, number]> = [];
  for (const top of horizontal) {
    for (const bottom of horizontal) {
      const gap = bottom.at - top.at;
      if (gap < 12 || gap > 60) continue;
      const overlap = Math.min(top.end, bottom.end) - Math.max(top.start, bottom.start);
      if (overlap < 0.7 * Math.min(top.end - top.start, bottom.end - bottom.start)) continue;
      const x0 = Math.min(top.start, bottom.start);
      const x1 = Math.max(top.end, bottom.end);
      const side = vertical.some((v) => (Math.abs(v.at - x0) <= 3 || Math.abs(v.at - x1) <= 3) && Math.min(v.end, bottom.at + 2) - Math.max(v.start, top.at - 2) >= 0.6 * gap);
      if (!side || x1 - x0 > 130 || (top.at + bottom.at) / 2 > (0.6 * height) / cell) continue;
      found.push([x0, top.at, x1, bottom.at]);
    }
  }
  // Inner rules (a stamp's row lines) make nested rectangles: keep the outermost of overlapping ones.
  const outer = found
    .sort((a, b) => (b[2] - b[0]) * (b[3] - b[1]) - (a[2] - a[0]) * (a[3] - a[1]))
    .filter((f, i, all) => !all.slice(0, i).some((o) => Math.min(o[2], f[2]) > Math.max(o[0], f[0]) && Math.min(o[3], f[3]) > Math.max(o[1], f[1])));
  const margin = Math.round(2 * mm);
  return outer.slice(0, 2).map(([x0, y0, x1, y1]) => [Math.max(0, x0 * cell - margin), Math.max(0, (y0 - 1) * cell - margin), Math.min(width, (x1 + 1) * cell + margin), Math.min(height, (y1 + 2) * cell + margin)]);
}

interface Edge {
  /** Row (horizontal edge) or column (vertical edge) in cells, the mean over its length. */
  at: number;
  start: number;
  end: number;
}

/**
 * Chains of line cells at least `min` cells long, along rows (`horizontal`) or columns, allowing a
 * drift of one cell a step and gaps of up to two cells.
 */
function edges(cells: Uint8Array, gw: number, gh: number, horizontal: boolean, min: number): Edge[] {
  const used = new Uint8Array(cells.length);
  const along = horizontal ? gw : gh;
  const acrossN = horizontal ? gh : gw;
  const at = (a: number, b: number) => (horizontal ? b * gw + a : a * gw + b);
  const out: Edge[] = [];
  for (let b0 = 0; b0 < acrossN; b0++) {
    for (let a0 = 0; a0 < along; a0++) {
      if (!cells[at(a0, b0)] || used[at(a0, b0)]) continue;
      let a = a0;
      let b = b0;
      let sum = 0;
      let n = 0;
      let last = a0;
      while (a < along && a - last <= 3) {
        let hit = -1;
        for (const d of [0, -1, 1]) {
          const nb = b + d;
          if (nb >= 0 && nb < acrossN && cells[at(a, nb)]) {
            hit = nb;
            break;
          }
        }
        if (hit >= 0) {
          b = hit;
          used[at(a, b)] = 1;
          sum += b;
          n++;
          last = a;
        }
        a++;
      }
      if (last - a0 + 1 >= min && n >= 0.7 * (last - a0 + 1)) out.push({ at: Math.round(sum / n), start: a0, end: last + 1 });
    }
  }
  return out;
}

/**
 * A framed region of a greyscale page cut out for stamp OCR, binarized and enlarged. With
 * `dropPrint`, pixels near the black core of the print are left out, so a grey stamp over text reads
 * without the text (a bilevel scan has no such difference and is read as it is).
 */
export async function greyStampCrop(png: Buffer, box: [number, number, number, number], dpi: number, dropPrint: true): Promise<StampCrop | null>;
export async function greyStampCrop(png: Buffer, box: [number, number, number, number], dpi: number, dropPrint: false): Promise<StampCrop>;
export async function greyStampCrop(png: Buffer, box: [number, number, number, number], dpi: number, dropPrint: boolean): Promise<StampCrop | null> {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const { data } = await sharp(png).extract({ left: x0, top: y0, width: w, height: h }).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const out = Buffer.alloc(w * h, 255);
  const core = new Uint8Array(w * h);
  if (dropPrint) {
    // A bilevel scan (or one without grey ink) has nothing to tell print from stamp by.
    let mid = 0;
    for (const v of data) if (v > 60 && v < 170) mid++;
    if (mid < 0.01 * w * h) return null;
    const reach = Math.max(1, Math.round(dpi / 150));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (data[y * w + x]! >= 45) continue;
        for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < h && xx >= 0 && xx < w) core[yy * w + xx] = 1;
        }
      }
    }
  }
  for (let p = 0; p < w * h; p++) if (data[p]! < 170 && !core[p]) out[p] = 0;
  eraseDottedLines(out, w, h);
  eraseRules(out, w, h, Math.round(6 * (dpi / 25.4)));
  // A 300-dpi region is read at its own size (enlarging it only slows tesseract); 200 dpi is enlarged.
  const scale = dpi < 250 ? 1.5 : 1;
  const png2 = await sharp(out, { raw: { width: w, height: h, channels: 1 } })
    .resize(Math.round(w * scale), Math.round(h * scale))
    .toColourspace('b-w')
    .png({ compressionLevel: 1 })
    .toBuffer();
  const rows = textRows(out, w, h, dpi / 25.4).map(([a, b]): [number, number] => [Math.round(a * scale), Math.round(b * scale)]);
  return { box, scale, png: png2, rows };
}

/** The coloured-ink stamp crops of a page that OCR had to turn (`rotation`: clockwise turn of the scan). */
export async function turnedStampCrops(image: RasterImage, rotation: number): Promise<StampCrop[]> {
  const turned = await rotatePng(image.png, (360 - rotation) % 360);
  const sideways = rotation === 90 || rotation === 270;
  const upright = { ...image, png: turned, width: sideways ? image.height : image.width, height: sideways ? image.width : image.height };
  return (await prepareForOcr(upright, { inkPass: true })).stamps;
}

/**
 * Erases the frame and rules of a stamp (tesseract reads them as "|" and "—" and loses the text
 * beside them): dark stretches longer than `min` pixels along a row or a column, followed with a
 * drift of one pixel so a slanted frame goes too. Letters are shorter than that.
 */
export function eraseRules(bin: Buffer, w: number, h: number, min: number): void {
  const erase: number[] = [];
  const follow = (start: number, step: (p: number) => number[]): number[] => {
    const path = [start];
    let p = start;
    for (;;) {
      const next = step(p).find((n) => n >= 0 && bin[n] === 0);
      if (next === undefined) return path;
      path.push(next);
      p = next;
    }
  };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (bin[p] !== 0 || (x > 0 && bin[p - 1] === 0)) continue;
      const path = follow(p, (q) => {
        const qx = q % w;
        const qy = (q - qx) / w;
        if (qx + 1 >= w) return [];
        return [q + 1, qy > 0 ? q + 1 - w : -1, qy + 1 < h ? q + 1 + w : -1];
      });
      if (path.length >= min) erase.push(...path);
    }
  }
  for (let x = 0; x < w; x++) {
    for (let y = 0; y < h; y++) {
      const p = y * w + x;
      if (bin[p] !== 0 || (y > 0 && bin[p - w] === 0)) continue;
      const path = follow(p, (q) => {
        const qx = q % w;
        const qy = (q - qx) / w;
        if (qy + 1 >= h) return [];
        return [q + w, qx > 0 ? q + w - 1 : -1, qx + 1 < w ? q + w + 1 : -1];
      });
      if (path.length >= min) erase.push(...path);
    }
  }
  for (const p of erase) bin[p] = 255;
}
