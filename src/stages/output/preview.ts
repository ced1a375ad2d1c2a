import { readFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { VanthuError } from '../../errors.js';
import { PDFJS_NODE_DEFAULTS } from '../input/pdf.js';

/** Long side of a page preview, in pixels: enough to read a page on screen. */
export const PREVIEW_LONG_SIDE = 1600;

/** A page image as a preview: turned upright (`rotation` = its clockwise turn), at most 1600 px, WebP. */
export async function previewFromRaster(png: Buffer, rotation: number): Promise<Buffer> {
  const turn = (360 - (((rotation % 360) + 360) % 360)) % 360;
  return sharp(png)
    .rotate(turn)
    .resize({ width: PREVIEW_LONG_SIDE, height: PREVIEW_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75, effort: 2 })
    .toBuffer();
}

/** Renders page `n` of a PDF so its long side is PREVIEW_LONG_SIDE; not-found when there is no such page. */
export async function renderPdfPage(filePath: string, n: number): Promise<Buffer> {
  const task = getDocument({ data: new Uint8Array(await readFile(filePath)), ...PDFJS_NODE_DEFAULTS });
  try {
    const doc = await task.promise;
    if (!Number.isInteger(n) || n < 1 || n > doc.numPages) {
      throw new VanthuError('not-found', `${filePath} has no page ${n} (it has ${doc.numPages}).`);
    }
    const page = await doc.getPage(n);
    const unit = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: PREVIEW_LONG_SIDE / Math.max(unit.width, unit.height) });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    const params = { canvas, canvasContext: context, viewport } as unknown as Parameters<PDFPageProxy['render']>[0];
    await page.render(params).promise;
    return await canvas.encode('png');
  } finally {
    await task.destroy();
  }
}
