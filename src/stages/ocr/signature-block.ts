import sharp from 'sharp';
import type { Line, PageText } from '../../../schemas/page.js';
import type { RasterImage } from '../types.js';
import { layoutPage } from '../layout.js';
import { signatureScore } from '../extract/signature-score.js';
import { deskewPng } from './deskew.js';
import { rotatePng } from './preprocess.js';
import { placeLines, type OcrWords } from './words.js';
import { linesInside, replaceRegion, signatureRegion, stampEchoes, type Box } from './signature-region.js';

/** An OCR engine that can also read a cut-out region (the tesseract pool can). */
export interface RegionReader {
  recognizeWords(png: Buffer, dpi: number | null, psm?: string): Promise<OcrWords>;
}

export function readsRegions(ocr: object): ocr is RegionReader {
  return typeof (ocr as Partial<RegionReader>).recognizeWords === 'function';
}

/** One way of reading the region: which crop, despeckled or not, and tesseract's page mode. */
interface Variant { crop: 'dark' | 'plain'; median: boolean; psm: string }

/**
 * Tried in turn until one reads a clean block: the seal-free crop as a block of text, then with
 * specks of the seal ring filtered out, then as sparse text (lines far apart around the
 * signature), then the grey crop for print too faint for the dark one.
 */
const VARIANTS: Variant[] = [
  { crop: 'dark', median: false, psm: '6' },
  { crop: 'dark', median: true, psm: '6' },
  { crop: 'dark', median: false, psm: '11' },
  { crop: 'plain', median: false, psm: '6' },
];

/**
 * The region with coloured ink (red seal, blue signature) whitened, as black-on-white PNGs enlarged
 * by `scale`: `dark` keeps only pixels as dark as the black print (a grey photocopied seal over the
 * title and name goes too), `plain` the grey levels as they are (faint print).
 */
export async function signatureCrops(png: Buffer, box: Box, scale = 1): Promise<{ dark: Buffer; plain: Buffer }> {
  const [x0, y0, x1, y1] = box;
  const w = x1 - x0;
  const h = y1 - y0;
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).extract({ left: x0, top: y0, width: w, height: h }).raw().toBuffer({ resolveWithObject: true });
  const grey = Buffer.alloc(w * h);
  const ch = info.channels;
  for (let i = 0, p = 0; p < w * h; i += ch, p++) {
    if (ch < 3) {
      grey[p] = data[i]!;
      continue;
    }
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    const max = Math.max(r, g, b);
    const chroma = max - Math.min(r, g, b);
    const luma = (r * 299 + g * 587 + b * 114) / 1000;
    grey[p] = chroma > 40 && max > 90 ? 255 : chroma > 20 && max > 110 ? Math.max(225, luma) : luma;
  }
  const dark = Buffer.alloc(w * h, 255);
  const cut = darkCut(grey);
  for (let p = 0; p < w * h; p++) if (grey[p]! < cut) dark[p] = 0;
  const toPng = (buf: Buffer): Promise<Buffer> =>
    sharp(buf, { raw: { width: w, height: h, channels: 1 } }).resize(Math.round(w * scale), Math.round(h * scale)).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer();
  return { dark: await toPng(dark), plain: await toPng(grey) };
}

/** A grey level just above the core of the black print (the darkest few pixels). */
export function darkCut(grey: Buffer): number {
  const counts = new Uint32Array(256);
  for (const v of grey) counts[v]!++;
  const target = 0.003 * grey.length;
  let seen = 0;
  let v = 0;
  for (; v < 255; v++) {
    seen += counts[v]!;
    if (seen >= target) break;
  }
  return Math.min(120, v + 70);
}

/**
 * A name read again that differs from the first reading replaces it only when the first one is
 * clearly broken: words cut or split (a different count of words). Otherwise the two readings
 * disagree on letters and marks, and the first one ("Lạc", "Tâm") stays.
 */
function keepsFirstName(first: string, again: string): boolean {
  return first !== again && first.split(' ').length === again.split(' ').length;
}

/**
 * Reads the signature block of a page again on its own (the whole-page pass often loses it under
 * the seal, or threads it into the "Nơi nhận" list) and puts that reading in place of the old one
 * when it holds more of the block (authority, title, name). No further reading is tried once
 * `deadline` (a Date.now() time) has passed.
 */
export async function rereadSignatureBlock(image: RasterImage, page: PageText, ocr: RegionReader, deadline = Infinity): Promise<PageText> {
  const box = signatureRegion(page);
  if (!box) return page;
  const firstLines = linesInside(page.lines, box);
  const first = signatureScore(firstLines.map((l) => l.text));
  if (first.clean) return page;
  // the raster as the page was read: turned upright, then straightened
  let png = page.rotation ? await rotatePng(image.png, (360 - page.rotation) % 360) : image.png;
  if (page.skew) png = await deskewPng(png, page.skew);
  const meta = await sharp(png).metadata();
  if (meta.width !== page.width || meta.height !== page.height) return page;
  // a 200-dpi scan is read enlarged, as the stamps are
  const scale = image.dpi && image.dpi < 250 ? 1.5 : 1;
  let best: { lines: Line[]; score: number; name: { name: string; line: Line } | null } = { lines: [], score: first.score, name: null };
  const crops = await signatureCrops(png, box, scale);
  for (const v of VARIANTS) {
    if (Date.now() > deadline) break;
    const crop = v.median ? await sharp(crops[v.crop]).median(3).png({ compressionLevel: 1 }).toBuffer() : crops[v.crop];
    const words = await ocr.recognizeWords(crop, image.dpi && image.dpi * scale, v.psm);
    const placed = layoutPage(placeLines(words, box[0], box[1], scale), page);
    // an arrival stamp the page holds already is not read into the block
    const echoes = stampEchoes(page, placed);
    const lines = placed.filter((l) => !echoes.has(l));
    let read = signatureScore(lines.map((l) => l.text));
    // the name read before (on the page, else by an earlier reading) stays unless it is broken
    const known = first.name ? { name: first.name, line: firstLines[first.nameAt]! } : best.name;
    if (known && read.name && keepsFirstName(known.name, read.name)) {
      lines[read.nameAt] = known.line;
      read = signatureScore(lines.map((l) => l.text));
    }
    // a reading that lost a part the first one held is not taken (the parts are not mixed)
    if (first.parts.some((had, i) => had && !read.parts[i])) continue;
    const taken = { lines: read.block.map((i) => lines[i]!), score: read.score, name: read.name ? { name: read.name, line: lines[read.nameAt]! } : null };
    if (read.score > best.score) best = taken;
    if (read.clean && read.score >= best.score) {
      best = taken;
      break;
    }
  }
  return best.lines.length ? replaceRegion(page, box, best.lines) : page;
}
