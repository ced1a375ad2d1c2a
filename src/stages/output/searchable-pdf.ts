import { readFile } from 'node:fs/promises';
import { PDFDocument, PDFName, PDFString, degrees, type PDFPage, type PDFRef } from 'pdf-lib';
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { PageText } from '../../../schemas/page.js';
import type { InputFormat } from '../input/detect.js';
import { addInvisibleFont } from './invisible-font.js';
import { embedPng } from './png-image.js';
import { g4Pages, type G4Page } from './tiff-g4.js';
import { invisibleTextOperators, type PageFrame } from './text-layer.js';

export interface SearchableSource {
  path: string;
  format: InputFormat;
}

/** Resolution assumed for an image that does not state a plausible one (the usual office scan). */
const DEFAULT_IMAGE_DPI = 300;

/** EXIF orientations that are pure turns: the clockwise turn a viewer must apply to show them upright. */
const EXIF_TURN: Record<number, number> = { 1: 0, 3: 180, 6: 90, 8: 270 };

function imageDpi(density: number | undefined): number {
  return density && density >= 100 && density <= 1200 ? density : DEFAULT_IMAGE_DPI;
}

const turnBack = (rotation: number): number => (360 - (((rotation % 360) + 360) % 360)) % 360;

/** Writes the page's words invisibly on it; the page shows `rotate` clockwise. */
function addTextLayer(page: PDFPage, text: PageText | undefined, fontRef: PDFRef, frame: PageFrame): void {
  if (!text || text.lines.length === 0) return;
  const fontName = page.node.newFontDictionary('OCR', fontRef).asString().slice(1);
  const operators = invisibleTextOperators(text, frame, fontName);
  if (!operators) return;
  page.node.normalizedEntries(); // wraps the page's own content in q … Q before ours is appended
  page.node.addContentStream(page.doc.context.register(page.doc.context.flateStream(operators)));
}

/** One image page: the image at its own resolution, turned upright with /Rotate, text on top. */
function addImagePage(doc: PDFDocument, image: { ref: PDFRef; width: number; height: number }, options: { dpi: number; turn: number; text: PageText | undefined; fontRef: PDFRef }): void {
  const width = (image.width * 72) / options.dpi;
  const height = (image.height * 72) / options.dpi;
  const page = doc.addPage([width, height]);
  const name = page.node.newXObject('Scan', image.ref).asString().slice(1);
  page.node.addContentStream(doc.context.register(doc.context.flateStream(`q ${width} 0 0 ${height} 0 0 cm /${name} Do Q`)));
  const rotate = (options.turn + turnBack(options.text?.rotation ?? 0)) % 360;
  if (rotate !== 0) page.setRotation(degrees(rotate));
  addTextLayer(page, options.text, options.fontRef, { x: 0, y: 0, width, height, rotate });
}

async function fromJpeg(doc: PDFDocument, source: SearchableSource, pages: PageText[], fontRef: PDFRef): Promise<void> {
  const bytes = await readFile(source.path);
  const meta = await sharp(bytes).metadata();
  const turn = EXIF_TURN[meta.orientation ?? 1];
  if (turn === undefined) {
    // A mirrored EXIF orientation: no /Rotate can show that; the pixels are turned and stored as PNG.
    const png = await sharp(bytes).rotate().png({ compressionLevel: 9 }).toBuffer();
    addImagePage(doc, await embedPng(doc, png), { dpi: imageDpi(meta.density), turn: 0, text: pages[0], fontRef });
    return;
  }
  const image = await doc.embedJpg(bytes);
  addImagePage(doc, { ref: image.ref, width: image.width, height: image.height }, { dpi: imageDpi(meta.density), turn, text: pages[0], fontRef });
}

async function fromPng(doc: PDFDocument, source: SearchableSource, pages: PageText[], fontRef: PDFRef): Promise<void> {
  const bytes = await readFile(source.path);
  const meta = await sharp(bytes).metadata();
  const turn = EXIF_TURN[meta.orientation ?? 1];
  const png = turn === undefined ? await sharp(bytes).rotate().png({ compressionLevel: 9 }).toBuffer() : bytes;
  addImagePage(doc, await embedPng(doc, png), { dpi: imageDpi(meta.density), turn: turn ?? 0, text: pages[0], fontRef });
}

/** A Group 4 page's own coded bytes as a 1-bit image (what img2pdf does): no decoding, no growth. */
function embedG4(doc: PDFDocument, page: G4Page): { ref: PDFRef; width: number; height: number } {
  const stream = doc.context.stream(page.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: page.width,
    Height: page.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'CCITTFaxDecode',
    DecodeParms: { K: -1, Columns: page.width, Rows: page.height, BlackIs1: false },
    ...(page.inverted ? { Decode: [1, 0] } : {}),
  });
  return { ref: doc.context.register(stream), width: page.width, height: page.height };
}

/** Any other TIFF page, re-encoded losslessly as PNG: bilevel as 1-bit, grey as grey, colour as RGB. */
async function tiffPageAsPng(input: Sharp, meta: Metadata): Promise<Buffer> {
  const pipeline = input.rotate().flatten({ background: '#ffffff' });
  if (meta.bitsPerSample === 1) return pipeline.toColourspace('b-w').png({ palette: true, colours: 2, dither: 0, effort: 1 }).toBuffer();
  const grey = (meta.channels ?? 1) < 3 || meta.space === 'b-w' || meta.space === 'grey16';
  return pipeline.toColourspace(grey ? 'b-w' : 'srgb').png({ compressionLevel: 9 }).toBuffer();
}

/** TIFF pages: Group 4 pages keep their coded bytes, other pages become lossless PNG. */
async function fromTiff(doc: PDFDocument, source: SearchableSource, pages: PageText[], fontRef: PDFRef): Promise<void> {
  const bytes = await readFile(source.path);
  const count = (await sharp(bytes, { limitInputPixels: false }).metadata()).pages ?? 1;
  const g4 = g4Pages(bytes);
  for (let n = 1; n <= count; n++) {
    const input = sharp(bytes, { page: n - 1, pages: 1, limitInputPixels: false });
    const meta = await input.metadata();
    const coded = g4[n - 1];
    const image = coded ? embedG4(doc, coded) : await embedPng(doc, await tiffPageAsPng(input, meta));
    addImagePage(doc, image, { dpi: imageDpi(meta.density), turn: 0, text: pages[n - 1], fontRef });
  }
}

/**
 * PDF inputs keep their own pages; only pages that were OCR'd get the invisible text, and a page that
 * was read turned gets a /Rotate that shows it upright. Text-layer pages are already searchable.
 */
async function fromPdf(bytes: Buffer, ocrPages: PageText[]): Promise<PDFDocument> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fontRef = await addInvisibleFont(doc);
  const docPages = doc.getPages();
  for (const text of ocrPages) {
    const page = docPages[text.page - 1];
    if (!page) continue;
    const crop = page.getCropBox();
    const rotate = ((page.getRotation().angle % 360) + 360 + turnBack(text.rotation)) % 360;
    if (text.rotation % 360 !== 0) page.setRotation(degrees(rotate));
    const frame = { x: Math.min(crop.x, crop.x + crop.width), y: Math.min(crop.y, crop.y + crop.height), width: Math.abs(crop.width), height: Math.abs(crop.height) };
    addTextLayer(page, text, fontRef, { ...frame, rotate });
  }
  return doc;
}

/**
 * A PDF of the original's pages with the page text as an invisible layer over them (like OCRmyPDF),
 * so viewers can search, select and copy the text. JPEG pages keep their bytes, PNG pages their
 * compressed rows, Group 4 TIFF pages their coded bytes (other TIFF pages become lossless PNG); PDF
 * pages are kept, never rasterized, and a PDF with nothing OCR'd comes back unchanged.
 */
export async function buildSearchablePdf(source: SearchableSource, pages: PageText[]): Promise<Uint8Array> {
  let doc: PDFDocument;
  if (source.format === 'pdf') {
    const bytes = await readFile(source.path);
    const ocrPages = pages.filter((p) => p.source === 'ocr');
    // Born digital throughout: the original is its own searchable PDF, byte for byte.
    if (ocrPages.length === 0) return bytes;
    doc = await fromPdf(bytes, ocrPages);
  } else {
    doc = await PDFDocument.create({ updateMetadata: false });
    const fontRef = await addInvisibleFont(doc);
    if (source.format === 'jpeg') await fromJpeg(doc, source, pages, fontRef);
    else if (source.format === 'png') await fromPng(doc, source, pages, fontRef);
    else await fromTiff(doc, source, pages, fontRef);
    doc.setProducer('vanthu');
    doc.catalog.set(PDFName.of('Lang'), PDFString.of('vi'));
  }
  return doc.save({ useObjectStreams: true });
}
