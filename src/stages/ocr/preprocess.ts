import sharp from 'sharp';
import type { RasterImage } from '../types.js';

export interface PreparedPage {
  /** Greyscale PNG for the main pass; on colour pages coloured ink (stamps, seals, signatures) is faded out. */
  main: Buffer;
  /** Black-on-white PNG of the coloured ink only (red stamp, blue handwriting), when there is enough of it. */
  ink: Buffer | null;
}

/** Minimum share of coloured-ink pixels before an ink pass is worth a second OCR run. */
const MIN_INK_SHARE = 0.0005;

/**
 * Splits a page for OCR. Colour page: luminance with strongly coloured pixels whitened (red arrival
 * stamps, red seals and blue signatures no longer break the black print into garbage), plus a mask
 * of those coloured pixels for a separate "ink" pass that reads the stamp ("Số: 10781", "ĐẾN ...").
 * Grey page: as is.
 */
export async function prepareForOcr(image: RasterImage, options: { inkPass: boolean }): Promise<PreparedPage> {
  const { data, info } = await sharp(image.png).raw().toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels < 3) {
    const main = channels === 1 ? image.png : await sharp(image.png).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer();
    return { main, ink: null };
  }
  const pixels = info.width * info.height;
  const grey = Buffer.alloc(pixels);
  const mask = options.inkPass ? Buffer.alloc(pixels, 255) : null;
  let coloured = 0;
  for (let i = 0, p = 0; p < pixels; i += channels, p++) {
    const r = data[i]!;
    const g = data[i + 1]!;
    const b = data[i + 2]!;
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    if (max - min > 60) {
      coloured++;
      grey[p] = 255;
      if (mask) mask[p] = 0;
    } else if (max - min > 35) {
      // Anti-aliased edge of coloured ink: fade it.
      grey[p] = Math.max(200, (r * 299 + g * 587 + b * 114) / 1000);
    } else {
      grey[p] = (r * 299 + g * 587 + b * 114) / 1000;
    }
  }
  const toPng = (buf: Buffer) =>
    sharp(buf, { raw: { width: info.width, height: info.height, channels: 1 } }).png({ compressionLevel: 1 }).toBuffer();
  if (coloured / pixels < MIN_INK_SHARE) {
    return { main: await sharp(image.png).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer(), ink: null };
  }
  return { main: await toPng(grey), ink: mask ? await toPng(mask) : null };
}

/** Turns a PNG clockwise by a multiple of 90°. */
export async function rotatePng(png: Buffer, degrees: number): Promise<Buffer> {
  return sharp(png).rotate(degrees).png({ compressionLevel: 1 }).toBuffer();
}
