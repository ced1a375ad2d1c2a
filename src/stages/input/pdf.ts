import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, OPS, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { VanthuError } from '../../errors.js';
import type { Limits, OcrConfig } from '../../../schemas/config.js';
import type { Line, PageText, Word } from '../../../schemas/page.js';
import type { RasterImage } from '../types.js';
import { layoutPage } from '../layout.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));

/** pdf.js options for Node, set in one place: local fonts, cmaps and wasm; no eval, no font faces. */
export const PDFJS_NODE_DEFAULTS = {
  standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
  cMapUrl: path.join(pdfjsRoot, 'cmaps') + path.sep,
  cMapPacked: true,
  wasmUrl: path.join(pdfjsRoot, 'wasm') + path.sep,
  isEvalSupported: false,
  disableFontFace: true,
  useSystemFonts: false,
  verbosity: 0,
} as const;

export interface PdfPageResult {
  /** Text from the PDF's own text layer, laid out; or null when the page must be OCR'd. */
  text: PageText | null;
  /** The rendered page when `text` is null. */
  image: RasterImage | null;
  /** When the page is OCR'd: its own thin text layer (a signature box), kept as evidence. */
  embeddedText: Line[];
  /** Share of the page area covered by text-layer glyph boxes (0–1). */
  textCoverage: number;
  /** Share of the page area covered by painted images (0–1, capped). */
  imageCoverage: number;
}

export interface PdfSource {
  pageCount: number;
  page(n: number): Promise<PdfPageResult>;
  /** Destroys the pdf.js document; whoever opened it calls this in `finally`. */
  close(): Promise<void>;
}

type PdfOptions = { ocr: Pick<OcrConfig, 'dpi' | 'textLayerMinCoverage'>; limits: Pick<Limits, 'maxPages' | 'maxPagePixels'> };

function openError(filePath: string, error: unknown): VanthuError {
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new VanthuError('encrypted-pdf', `${filePath} is password-protected.`, { stage: 'input', cause: error });
  }
  return new VanthuError('unreadable-file', `${filePath} is not a readable PDF (${message}).`, { stage: 'input', cause: error });
}

/** Opens a PDF with pdf.js; throws encrypted-pdf, unreadable-file or too-large. */
export async function openPdf(filePath: string, options: PdfOptions): Promise<PdfSource> {
  const data = new Uint8Array(await readFile(filePath));
  const task = getDocument({ data, ...PDFJS_NODE_DEFAULTS, stopAtErrors: true });
  let doc: PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw openError(filePath, error);
  }
  try {
    if (doc.numPages < 1) throw new VanthuError('unreadable-file', `${filePath} has no pages.`, { stage: 'input' });
    if (doc.numPages > options.limits.maxPages) {
      throw new VanthuError('too-large', `${filePath} has ${doc.numPages} pages, more than the limit of ${options.limits.maxPages}.`, { stage: 'input' });
    }
  } catch (error) {
    await doc.destroy();
    throw error;
  }
  return {
    pageCount: doc.numPages,
    page: (n) => readPdfPage(doc, n, filePath, options),
    close: () => doc.destroy(),
  };
}

async function readPdfPage(doc: PDFDocumentProxy, n: number, filePath: string, options: PdfOptions): Promise<PdfPageResult> {
  let page: PDFPageProxy;
  try {
    page = await doc.getPage(n);
  } catch (error) {
    throw new VanthuError('unreadable-file', `Page ${n} of ${filePath} cannot be read (${(error as Error).message}).`, { stage: 'input', cause: error });
  }
  try {
    const scale = options.ocr.dpi / 72;
    const viewport = page.getViewport({ scale });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const lines = await textLayerLines(page, viewport.transform);
    const area = width * height;
    const textCoverage = Math.min(1, lines.reduce((s, l) => s + l.words.reduce((a, w) => a + boxArea(w.bbox), 0), 0) / area);
    const imageCoverage = await paintedImageCoverage(page, viewport.transform, width, height);
    if (trustTextLayer(textCoverage, imageCoverage, options.ocr.textLayerMinCoverage)) {
      const ordered = layoutPage(lines, { width, height });
      const text: PageText = {
        page: n,
        width,
        height,
        source: 'text-layer',
        rotation: 0,
        lines: ordered,
        text: ordered.map((l) => l.text).join('\n'),
      };
      return { text, image: null, embeddedText: [], textCoverage, imageCoverage };
    }
    if (width * height > options.limits.maxPagePixels) {
      throw new VanthuError('too-large', `Page ${n} of ${filePath} renders to ${width}×${height} pixels at ${options.ocr.dpi} dpi, more than the limit of ${options.limits.maxPagePixels}.`, { stage: 'input' });
    }
    const canvas = createCanvas(width, height);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    try {
      const params = { canvas, canvasContext: context, viewport } as unknown as Parameters<PDFPageProxy['render']>[0];
      await page.render(params).promise;
    } catch (error) {
      throw new VanthuError('unreadable-file', `Page ${n} of ${filePath} cannot be rendered (${(error as Error).message}).`, { stage: 'input', cause: error });
    }
    const png = await canvas.encode('png');
    return { text: null, image: { png, width, height, dpi: options.ocr.dpi }, embeddedText: lines, textCoverage, imageCoverage };
  } finally {
    page.cleanup();
  }
}

/**
 * Whether a page's own text layer is its text. A page that paints a page-sized image (a scan) needs
 * text-layer glyphs over at least `minCoverage` of its area (and 8% at the least): a digitally signed
 * scan whose only text is the signature box, or a scan with a stray header line, is OCR'd. A page
 * without such an image is born digital: any real text layer is trusted, however short the page.
 */
export function trustTextLayer(textCoverage: number, imageCoverage: number, minCoverage: number): boolean {
  if (imageCoverage >= 0.5) return textCoverage >= Math.max(minCoverage, 0.08);
  return textCoverage >= Math.min(minCoverage, 0.001);
}

function boxArea(b: [number, number, number, number]): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Text-layer runs as lines of words in the raster's pixel grid (top-left origin). */
async function textLayerLines(page: PDFPageProxy, viewportTransform: number[]): Promise<Line[]> {
  const content = await page.getTextContent();
  const lines: Line[] = [];
  for (const raw of content.items) {
    if (!('str' in raw)) continue;
    const item = raw as TextItemLike;
    const str = item.str.normalize('NFC');
    if (!str.trim()) continue;
    const m = Util.transform(viewportTransform, item.transform) as number[];
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = m;
    const fontPx = Math.hypot(c, d) || Math.hypot(a, b);
    const scaleX = Math.hypot(a, b) / (Math.hypot(item.transform[0] ?? 0, item.transform[1] ?? 0) || 1);
    const widthPx = item.width * scaleX;
    if (!(fontPx > 0) || !(widthPx > 0)) continue;
    const top = f - 0.8 * fontPx;
    const bottom = f + 0.2 * fontPx;
    // Split the run into words; each gets a share of the run's width proportional to its characters.
    const words: Word[] = [];
    const perChar = widthPx / str.length;
    const re = /\S+/g;
    let match: RegExpExecArray | null;
    while ((match = re.exec(str))) {
      const x0 = e + match.index * perChar;
      words.push({ text: match[0], bbox: [x0, top, x0 + match[0].length * perChar, bottom], confidence: 100 });
    }
    if (words.length === 0) continue;
    lines.push({ text: words.map((w) => w.text).join(' '), bbox: [e, top, e + widthPx, bottom], confidence: 100, words });
  }
  return lines;
}

/** Share of the page covered by painted images (union approximated by the largest + sum, capped at 1). */
async function paintedImageCoverage(page: PDFPageProxy, viewportTransform: number[], width: number, height: number): Promise<number> {
  const ops = await page.getOperatorList();
  const stack: number[][] = [];
  let ctm: number[] = viewportTransform.slice();
  let covered = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = Util.transform(ctm, args as number[]) as number[];
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
      // Images are painted into the unit square of the current transform.
      const corners = [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ].map(([x = 0, y = 0]) => [x * ctm[0]! + y * ctm[2]! + ctm[4]!, x * ctm[1]! + y * ctm[3]! + ctm[5]!]);
      const xs = corners.map((p) => Math.min(width, Math.max(0, p[0]!)));
      const ys = corners.map((p) => Math.min(height, Math.max(0, p[1]!)));
      covered += (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
    }
  }
  return Math.min(1, covered / (width * height));
}
