import type { PageText } from '../../schemas/page.js';

/** A decoded page image ready for OCR: 8-bit greyscale or RGB(A) pixels encoded as PNG. */
export interface RasterImage {
  png: Buffer;
  width: number;
  height: number;
  /** Resolution the image was scanned or rendered at, when known. */
  dpi: number | null;
}

/** The OCR engine seam: tests may inject one that fails or answers canned pages. */
export interface OcrEngine {
  /** Reads one page image; `page` is the 1-based page number, carried into the result. */
  recognize(image: RasterImage, page: number): Promise<PageText>;
  close(): Promise<void>;
}
