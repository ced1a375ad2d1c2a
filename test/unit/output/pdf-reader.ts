import { createCanvas } from '@napi-rs/canvas';
import { getDocument, Util, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import sharp from 'sharp';
import { PDFJS_NODE_DEFAULTS } from '../../../src/stages/input/pdf.js';

/** A text run as a viewer shows it: top-left origin of the upright page, in points. */
export interface ShownText {
  str: string;
  x: number;
  baseline: number;
  width: number;
  fontSize: number;
}

export interface ReadPage {
  width: number;
  height: number;
  rotate: number;
  items: ShownText[];
  text: string;
}

/** Reads a PDF back with pdf.js as a viewer would: page sizes as shown, text runs placed on the shown page. */
export async function readBack(bytes: Uint8Array): Promise<ReadPage[]> {
  const task = getDocument({ data: new Uint8Array(bytes), ...PDFJS_NODE_DEFAULTS });
  const doc = await task.promise;
  try {
    const pages: ReadPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: ShownText[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || !raw.str.trim()) continue;
        const m = Util.transform(viewport.transform, raw.transform) as number[];
        items.push({ str: raw.str, x: m[4]!, baseline: m[5]!, width: raw.width, fontSize: Math.hypot(m[2]!, m[3]!) });
      }
      pages.push({ width: viewport.width, height: viewport.height, rotate: page.rotate, items, text: items.map((i) => i.str).join(' ') });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** Page `n` rendered by pdf.js as raw greyscale pixels `width` wide. */
export async function renderGrey(bytes: Uint8Array, n: number, width: number): Promise<{ data: Buffer; width: number; height: number }> {
  const task = getDocument({ data: new Uint8Array(bytes), ...PDFJS_NODE_DEFAULTS });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const canvas = createCanvas(Math.round(viewport.width), Math.round(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport } as unknown as Parameters<PDFPageProxy['render']>[0]).promise;
    const { data, info } = await sharp(await canvas.encode('png')).greyscale().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } finally {
    await task.destroy();
  }
}

/** Mean absolute difference of two same-sized greyscale rasters, 0–255. */
export function meanDifference(a: Buffer, b: Buffer): number {
  if (a.length !== b.length) throw new Error(`sizes differ: ${a.length} vs ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}
