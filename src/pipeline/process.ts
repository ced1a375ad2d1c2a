import type { ProcessFile, ProcessOptions } from '../intake/types.js';
import { loadPageText, savePagePreview, savePageText, searchablePdfPath, writeAtomic } from './artifacts.js';
import { FileResult } from '../../schemas/document.js';
import type { IngestJob } from '../../schemas/jobs.js';
import type { Config } from '../config.js';
import { VanthuError } from '../errors.js';
import type { Logger } from '../log.js';
import { exists } from '../intake/fingerprint.js';
import { extractDocuments } from '../stages/extract/index.js';
import { detectFormat } from '../stages/input/detect.js';
import { buildSearchablePdf } from '../stages/output/searchable-pdf.js';
import { TesseractPool } from '../stages/ocr/tesseract.js';
import { readPages } from '../stages/read-pages.js';
import type { OcrEngine } from '../stages/types.js';
import { openStore, type Store } from '../store/index.js';
import type { PageText } from '../../schemas/page.js';

export type { ProcessFile, ProcessOptions };

export interface PipelineDeps {
  config: Config;
  ocr: OcrEngine;
  store: Store;
  log: Logger;
  onPage?: (job: IngestJob, page: PageText) => void;
}

/** OCR text of a blank or unreadable page: nothing a document could be made of. */
function hasText(pages: PageText[]): boolean {
  return pages.some((page) => page.text.replace(/[^\p{L}\p{N}]/gu, '').length >= 20);
}

/** A page preview from the raster OCR read; a preview that cannot be written is not the file's failure. */
async function savePreview(job: IngestJob, deps: PipelineDeps, png: Buffer, page: PageText): Promise<void> {
  try {
    await savePagePreview(deps.config.dataDir, job.fileId, page.page, png, page.rotation);
  } catch (error) {
    deps.log.warn({ file: job.name, page: page.page, err: error }, 'page preview not written');
  }
}

/** The file's page text: stored from an earlier run (unless a re-read is asked for), else read now. */
async function pagesOf(job: IngestJob, deps: PipelineDeps, options: ProcessOptions): Promise<{ pages: PageText[]; fresh: boolean }> {
  const dataDir = deps.config.dataDir;
  const stored = options.reread ? null : await loadPageText(dataDir, job.fileId);
  if (stored) {
    deps.log.info({ file: job.name, pages: stored.length }, 'page text reused from an earlier read');
    return { pages: stored, fresh: false };
  }
  // Previews are encoded beside the OCR of the next pages, not before it.
  const previews: Array<Promise<void>> = [];
  const { pages } = await readPages(job.path, {
    ocr: deps.ocr,
    config: deps.config,
    log: deps.log,
    onPage: deps.onPage ? (page) => deps.onPage?.(job, page) : undefined,
    onRaster: deps.config.output.previews ? async (image, page) => void previews.push(savePreview(job, deps, image.png, page)) : undefined,
  }).finally(() => Promise.all(previews));
  await savePageText(dataDir, job.fileId, pages);
  return { pages, fresh: true };
}

/**
 * Writes the searchable PDF beside the original (again when the pages were read again). It is a
 * by-product: when it cannot be built the file's results still count, and a warning says why.
 */
async function writeSearchablePdf(job: IngestJob, pages: PageText[], fresh: boolean, deps: PipelineDeps): Promise<void> {
  const target = searchablePdfPath(deps.config.dataDir, job.fileId);
  const started = Date.now();
  try {
    if (!fresh && (await exists(target))) return;
    const { format } = await detectFormat(job.path, deps.config.limits);
    const bytes = await buildSearchablePdf({ path: job.path, format }, pages);
    await writeAtomic(target, bytes);
    deps.log.debug({ file: job.name, bytes: bytes.length, ms: Date.now() - started }, 'searchable pdf written');
  } catch (error) {
    deps.log.warn({ file: job.name, err: error }, 'searchable pdf not written');
  }
}

/**
 * The pipeline for one file: pages → documents → store. The same function runs in-process and in
 * BullMQ workers. A file already stored with status done is reported as a duplicate and not redone
 * unless `force` asks for it; the page text is stored, so redoing a file re-extracts without OCR.
 * Throws VanthuError; the caller records the failure.
 */
export async function processFile(job: IngestJob, deps: PipelineDeps, options: ProcessOptions = {}): Promise<FileResult> {
  const { store, log } = deps;
  const existing = await store.findFile(job.fileId);
  if (existing && existing.result.status === 'done' && !options.force) {
    log.info({ file: job.name, sha256: job.fileId }, 'duplicate: already ingested');
    return { ...existing.result, file: job.name, status: 'duplicate' };
  }

  const started = Date.now();
  const { pages, fresh } = await pagesOf(job, deps, options);
  if (!hasText(pages)) {
    throw new VanthuError('no-text-found', `No text was found on any of the ${pages.length} page(s) of ${job.name}.`, {
      stage: 'ocr',
    });
  }

  if (deps.config.output.searchablePdf) await writeSearchablePdf(job, pages, fresh, deps);
  const documents = extractDocuments(pages);
  const result = FileResult.parse({
    file: job.name,
    sha256: job.fileId,
    status: 'done',
    error: null,
    pages: pages.length,
    documents,
  });
  await store.saveFileResult(result, { originalPath: job.path, sourceName: job.name });
  log.info({ file: job.name, pages: pages.length, documents: documents.length, ms: Date.now() - started }, 'ingested');
  return result;
}

/** A failed file as an output entry (lives with the one failure path, recordFileFailure). */
export { failedResult } from './failure.js';

export interface Processor {
  processFile: ProcessFile;
  store: Store;
  ocr: OcrEngine;
  close(): Promise<void>;
}

/** Opens the store and the OCR pool once; both in-process and queued runs use this. */
export async function createProcessor(
  config: Config,
  log: Logger,
  options: { ocr?: OcrEngine; store?: Store; onPage?: PipelineDeps['onPage'] } = {},
): Promise<Processor> {
  const store = options.store ?? (await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  const ocr = options.ocr ?? new TesseractPool(config.ocr, { log });
  const deps: PipelineDeps = { config, ocr, store, log, onPage: options.onPage };
  return {
    processFile: (job, processOptions) => processFile(job, deps, processOptions),
    store,
    ocr,
    async close() {
      await Promise.allSettled([ocr.close(), options.store ? Promise.resolve() : store.close()]);
    },
  };
}
