import sharp from 'sharp';
import { VanthuError } from '../../errors.js';
import type { Limits } from '../../../schemas/config.js';
import type { RasterImage } from '../types.js';

/** An opened multi-page image file: pages are decoded one at a time, on demand. */
export interface ImageSource {
  pageCount: number;
  /** Decodes page `n` (1-based). */
  page(n: number): Promise<RasterImage>;
}

function unreadable(path: string, error: unknown): VanthuError {
  return new VanthuError('unreadable-file', `Cannot decode image ${path}: ${(error as Error).message}`, { stage: 'input', cause: error });
}

/** PNG writers that omit pHYs get 72 dpi from libvips; that is no scan resolution. */
function plausibleDpi(density: number | undefined): number | null {
  if (!density || density < 100 || density > 1200) return null;
  return Math.round(density);
}

/**
 * Opens a PNG, JPEG or TIFF (multi-page, Group 4 bilevel, JPEG-in-TIFF) with sharp.
 * Pages come out as PNG, greyscale unless the page has colour (kept so red stamps can be separated).
 */
export async function openImage(path: string, limits: Pick<Limits, 'maxPagePixels' | 'maxPages'>): Promise<ImageSource> {
  let pageCount: number;
  try {
    const meta = await sharp(path, { limitInputPixels: false }).metadata();
    pageCount = meta.pages ?? 1;
  } catch (error) {
    throw unreadable(path, error);
  }
  if (pageCount < 1) throw new VanthuError('unreadable-file', `${path} has no pages.`, { stage: 'input' });
  if (pageCount > limits.maxPages) {
    throw new VanthuError('too-large', `${path} has ${pageCount} pages, more than the limit of ${limits.maxPages}.`, { stage: 'input' });
  }
  return {
    pageCount,
    async page(n: number): Promise<RasterImage> {
      if (n < 1 || n > pageCount) throw new RangeError(`page ${n} out of 1..${pageCount}`);
      const options = { page: n - 1, pages: 1, limitInputPixels: false as const, failOn: 'error' as const };
      let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
      try {
        meta = await sharp(path, options).metadata();
      } catch (error) {
        throw unreadable(path, error);
      }
      const width = meta.width ?? 0;
      const height = meta.pageHeight ?? meta.height ?? 0;
      if (width * height > limits.maxPagePixels) {
        throw new VanthuError('too-large', `Page ${n} of ${path} has ${width}×${height} pixels, more than the limit of ${limits.maxPagePixels}.`, { stage: 'input' });
      }
      try {
        const colour = (meta.channels ?? 1) >= 3 && meta.space !== 'b-w' && meta.space !== 'grey16';
        let pipeline = sharp(path, options).rotate(); // honour EXIF orientation (phone photos)
        pipeline = pipeline.flatten({ background: '#ffffff' });
        pipeline = colour ? pipeline.toColourspace('srgb') : pipeline.toColourspace('b-w');
        const { data, info } = await pipeline.png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
        return { png: data, width: info.width, height: info.height, dpi: plausibleDpi(meta.density) };
      } catch (error) {
        throw unreadable(path, error);
      }
    },
  };
}
