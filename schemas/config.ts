import { z } from 'zod';
import os from 'node:os';

const positiveInt = z.coerce.number().int().positive();

export const OcrConfig = z.object({
  /** Concurrent tesseract workers; one OCR thread each. */
  workers: positiveInt.default(Math.max(1, Math.min(os.availableParallelism(), 4))),
  /** Language data flavour from @tesseract.js-data/vie: "4.0.0" (legacy+LSTM) or "4.0.0_best_int". */
  model: z.enum(['4.0.0', '4.0.0_best_int']).default('4.0.0_best_int'),
  /** Render / OCR resolution for rasterized PDF pages. */
  dpi: positiveInt.default(300),
  workerStartTimeoutMs: positiveInt.default(60_000),
  /** Limit on all passes over one page together (main, orientation, columns, number line, stamps). */
  pageTimeoutMs: positiveInt.default(120_000),
  /** A worker is replaced by a fresh one after reading this many whole pages (its memory only grows). */
  recycleAfterPages: positiveInt.default(10),
  /**
   * Process RSS (MB) above which the worker that just finished a read is replaced before its next one.
   * Default 150 + 150 × workers (450 MB for 2): measured over the 78 corpus pages with 2 workers, peak
   * RSS 709 MB at 700, 552 MB at 450 for 4% fewer pages/min, 548 MB at 420 for 6% fewer.
   */
  maxRssMb: positiveInt.optional(),
  /**
   * Largest skew (degrees either way) detected and undone before reading; 0 = off. Off by default: on
   * the dev set it lowers CER (heavy 15.9% → 12.4%) but loses two document numbers whose header row
   * then reads as one line with the place and date (see the OCR report).
   */
  maxSkewDegrees: z.coerce.number().min(0).max(15).default(0),
  /** Fraction of a PDF page's area that text-layer glyphs must cover before the layer is trusted. */
  textLayerMinCoverage: z.coerce.number().min(0).max(1).default(0.02),
}).transform((c) => ({ ...c, maxRssMb: c.maxRssMb ?? 150 + 150 * c.workers }));

export const Limits = z.object({
  maxFileBytes: positiveInt.default(200 * 1024 * 1024),
  maxPages: positiveInt.default(500),
  maxPagePixels: positiveInt.default(60_000_000),
});

/** Derived outputs written beside each ingested original. */
export const OutputConfig = z.object({
  /** `<sha256>.searchable.pdf` beside the original: its pages with an invisible text layer. */
  searchablePdf: z.boolean().default(true),
  /** `derived/<aa>/<sha256>/page-<n>.webp` for pages rasterized during ingest. */
  previews: z.boolean().default(true),
});

export const Config = z.object({
  dataDir: z.string().default('data'),
  /** Unset: the in-process runner. Set: BullMQ on this Redis. */
  redisUrl: z.string().url().nullable().default(null),
  /** Unset: SQLite file under dataDir. postgres://... : PostgreSQL. */
  databaseUrl: z.string().nullable().default(null),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ocr: OcrConfig.default(OcrConfig.parse({})),
  limits: Limits.default(Limits.parse({})),
  output: OutputConfig.default(OutputConfig.parse({})),
  /** Milliseconds a dropped file must keep the same size and mtime before intake takes it. */
  stableMs: positiveInt.default(1000),
});
export type Config = z.infer<typeof Config>;
export type OcrConfig = z.infer<typeof OcrConfig>;
export type Limits = z.infer<typeof Limits>;
export type OutputConfig = z.infer<typeof OutputConfig>;
