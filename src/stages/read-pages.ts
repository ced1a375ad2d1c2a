import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Line, PageText } from '../../schemas/page.js';
import { blocksOf } from './blocks.js';
import type { OcrEngine, RasterImage } from './types.js';
import { asVanthuError } from '../errors.js';
import { detectFormat, type InputFormat } from './input/detect.js';
import { openImage } from './input/image.js';
import { openPdf } from './input/pdf.js';
import { readsRegions, rereadSignatureBlock, type RegionReader } from './ocr/signature-block.js';

/** Share of the page time limit (from the page's start) after which no further block re-reading is tried. */
const REREAD_SHARE = 0.75;

export interface ReadPagesDeps {
  ocr: OcrEngine;
  config: Config;
  log?: Logger;
  /** Called once per page, in page order, as soon as that page and all before it are read. */
  onPage?: (page: PageText) => void;
  /**
   * Called with the raster of each page that was OCR'd, once it is read (`page.rotation` says how the
   * raster is turned). Awaited; whatever it throws is the caller's to catch.
   */
  onRaster?: (image: RasterImage, page: PageText) => Promise<void>;
}

interface PageSource {
  pageCount: number;
  /** Either the finished page (PDF text layer) or an image to OCR. */
  load(n: number): Promise<{ text: PageText } | { image: RasterImage; embeddedText?: Line[] }>;
  close(): Promise<void>;
}

async function openSource(path: string, format: InputFormat, config: Config, log?: Logger): Promise<PageSource> {
  if (format === 'pdf') {
    const pdf = await openPdf(path, config);
    return {
      pageCount: pdf.pageCount,
      async load(n) {
        const result = await pdf.page(n);
        log?.debug({ page: n, textCoverage: result.textCoverage, imageCoverage: result.imageCoverage, textLayer: !!result.text }, 'pdf page');
        if (result.text) return { text: result.text };
        return { image: result.image!, embeddedText: result.embeddedText };
      },
      close: () => pdf.close(),
    };
  }
  const image = await openImage(path, config.limits);
  return { pageCount: image.pageCount, load: async (n) => ({ image: await image.page(n) }), close: async () => undefined };
}

/**
 * Turns a file into one PageText per page: the PDF text layer where it covers the page, OCR
 * elsewhere. Pages are loaded and OCR'd a few at a time (as many as there are OCR workers), so a
 * 500-page file never holds more than that many rasters; results come back in page order.
 * A blank page is not an error: it comes back with empty text and the caller decides.
 */
export async function readPages(path: string, deps: ReadPagesDeps): Promise<{ format: InputFormat; pages: PageText[] }> {
  const { ocr, config, log, onPage, onRaster } = deps;
  const { format } = await detectFormat(path, config.limits);
  const source = await openSource(path, format, config, log);
  try {
    const count = source.pageCount;
    const pages: Array<PageText | undefined> = new Array(count);
    let next = 1;
    let emitted = 0;
    let failure: unknown = null;
    const flush = () => {
      while (emitted < count && pages[emitted]) {
        onPage?.(pages[emitted]!);
        emitted++;
      }
    };
    // an optional pass: it may spend part of the page's time limit, and its failure keeps the page as read
    const rereadBlock = async (reader: RegionReader, image: RasterImage, page: PageText, n: number, started: number): Promise<PageText> => {
      const at = Date.now();
      try {
        const out = await rereadSignatureBlock(image, page, reader, started + REREAD_SHARE * config.ocr.pageTimeoutMs);
        log?.debug({ page: n, ms: Date.now() - at, replaced: out !== page }, 'signature block');
        return out;
      } catch (error) {
        log?.warn({ page: n, ms: Date.now() - at, err: error instanceof Error ? error.message : String(error) }, 'signature block re-read failed; page kept as first read');
        return page;
      }
    };
    const lane = async () => {
      while (failure === null && next <= count) {
        const n = next++;
        try {
          const started = Date.now();
          const loaded = await source.load(n);
          let page = 'text' in loaded ? loaded.text : await ocr.recognize(loaded.image, n);
          // the signature block under its seal is read again on its own
          if ('image' in loaded && readsRegions(ocr)) page = await rereadBlock(ocr, loaded.image, page, n, started);
          page.page = n;
          page.blocks = blocksOf(page.lines);
          // a signed scan's own text (its signature box) stays beside the OCR text, as evidence
          if ('image' in loaded && loaded.embeddedText?.length) page.embeddedText = loaded.embeddedText;
          if ('image' in loaded) await onRaster?.(loaded.image, page);
          pages[n - 1] = page;
          log?.debug({ page: n, source: page.source, ms: Date.now() - started, lines: page.lines.length }, 'page read');
          flush();
        } catch (error) {
          failure ??= asVanthuError(error, 'ocr-failed', 'read-pages');
        }
      }
    };
    const lanes = Math.max(1, Math.min(config.ocr.workers, count));
    await Promise.all(Array.from({ length: lanes }, lane));
    if (failure !== null) throw failure;
    return { format, pages: pages as PageText[] };
  } finally {
    await source.close();
  }
}
