import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { VanthuError } from '../../errors.js';
import type { OcrConfig } from '../../../schemas/config.js';
import type { Logger } from '../../log.js';
import sharp, { type Sharp } from 'sharp';
import type { Line, PageText, Word } from '../../../schemas/page.js';
import type { OcrEngine, RasterImage } from '../types.js';
import { isJunkLine, layoutPage, layoutWithBands, type Band, type PageSize } from '../layout.js';
import { deskewBox, deskewPng, detectSkew } from './deskew.js';
import { prepareForOcr, rotatePng, turnedStampCrops } from './preprocess.js';
import { mayHoldArrivalStamp, readGreyStamps, readStamp, takeHandwrittenNumber, type ReadWords } from './stamps.js';
import { placeLines, quality, type OcrWords } from './words.js';

export type { OcrWords };

const require = createRequire(import.meta.url);

/** The local folder holding `vie.traineddata.gz` for a model flavour; read from disk, never fetched. */
export function localLangPath(model: OcrConfig['model'], lang = 'vie'): string {
  const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return path.join(path.dirname(pkg), model);
}

export interface TesseractPoolOptions {
  log?: Logger;
  /** Page segmentation mode; '3' (fully automatic) measured best on the corpus (see report). */
  psm?: string;
  /** Try 90/180/270° when a page reads badly, keep the best (records PageText.rotation). */
  autoRotate?: boolean;
  /** Read coloured-ink stamp regions of colour pages on their own so arrival stamps come out (extra lines). */
  inkPass?: boolean;
  /** Read each column of two-column bands (header, footer) again on its own. */
  columnPass?: boolean;
  /** Tests only: a wrapper around tesseract.js' node worker script. */
  workerPath?: string;
}

/** The stages of one page's reading, in order; every tesseract call is counted under one of them. */
export const OCR_PASSES = ['prepare', 'deskew', 'main', 'orientation', 'columns', 'number', 'stamps'] as const;
export type OcrPass = (typeof OCR_PASSES)[number];

/** Time spent and tesseract calls made per pass, summed over the pages a pool has read. */
export interface OcrPassStats {
  pages: number;
  passes: Record<OcrPass, { ms: number; calls: number }>;
}

function emptyStats(): OcrPassStats {
  const passes = Object.fromEntries(OCR_PASSES.map((p) => [p, { ms: 0, calls: 0 }])) as OcrPassStats['passes'];
  return { pages: 0, passes };
}

interface Slot {
  worker: Tesseract.Worker | null;
  starting: Promise<Tesseract.Worker> | null;
  busy: boolean;
  /** Whole pages the current worker has read (main and orientation passes). */
  pages: number;
}

/** The page being read, seen by every tesseract call made for it (including the stamp reader's). */
interface PageContext {
  pass: OcrPass;
  started: number;
  /** Time spent waiting for a free worker: not counted against the page's time limit. */
  waited: number;
}

type PoolConfig = Pick<OcrConfig, 'workers' | 'model' | 'workerStartTimeoutMs' | 'pageTimeoutMs'> &
  Partial<Pick<OcrConfig, 'recycleAfterPages' | 'maxRssMb' | 'maxSkewDegrees'>>;

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => VanthuError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A page's grey pixels, decoded from its PNG on first use. */
type GreyPixels = () => Promise<{ data: Buffer; width: number; height: number }>;

function lazyGreyPixels(png: Buffer): GreyPixels {
  let decoded: ReturnType<GreyPixels> | null = null;
  return () => {
    decoded ??= sharp(png)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({ data, width: info.width, height: info.height }));
    return decoded;
  };
}

/** A sharp pipeline over one box [x0, y0, x1, y1] of the page (single channel). */
async function crop(pixels: GreyPixels, box: [number, number, number, number]): Promise<Sharp> {
  const { data, width, height } = await pixels();
  const [x0, y0, x1, y1] = box;
  return sharp(data, { raw: { width, height, channels: 1 } })
    .extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 })
    .toColourspace('b-w');
}

/** Skew below this is left alone: tesseract reads it as well, and turning costs time. */
const MIN_SKEW_DEGREES = 0.3;

function bboxOf(b: Tesseract.Bbox): [number, number, number, number] {
  return [b.x0, b.y0, b.x1, b.y1];
}

/** Flattens tesseract's block tree into lines of words (empty words dropped). */
export function linesFromBlocks(blocks: Tesseract.Block[] | null): OcrWords {
  const lines: Line[] = [];
  let confSum = 0;
  let chars = 0;
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words: Word[] = [];
        for (const w of line.words) {
          const text = w.text.trim();
          if (!text || isNoise(text, w.confidence)) continue;
          const word: Word = { text: text.normalize('NFC'), bbox: bboxOf(w.bbox), confidence: w.confidence };
          const prev = words[words.length - 1];
          if (prev && joinsSymbol(prev, word)) {
            words[words.length - 1] = { text: prev.text + word.text, bbox: [prev.bbox[0], Math.min(prev.bbox[1], word.bbox[1]), word.bbox[2], Math.max(prev.bbox[3], word.bbox[3])], confidence: Math.min(prev.confidence, word.confidence) };
          } else {
            words.push(word);
          }
          confSum += w.confidence * text.length;
          chars += text.length;
        }
        if (words.length === 0) continue;
        const conf = words.reduce((s, w) => s + w.confidence, 0) / words.length;
        lines.push({ text: words.map((w) => w.text).join(' '), bbox: bboxOf(line.bbox), confidence: conf, words });
      }
    }
  }
  return { lines, confidence: chars ? confSum / chars : 0, chars };
}

/**
 * A lazily started, reused pool of tesseract.js workers (one OCR thread each), fully offline:
 * language data comes from @tesseract.js-data/vie inside node_modules.
 */
export class TesseractPool implements OcrEngine {
  private readonly slots: Slot[];
  private readonly waiters: Array<(slot: Slot) => void> = [];
  private closed = false;
  private readonly psm: string;
  private readonly passStats = emptyStats();
  private started = 0;
  private readonly pageContext = new AsyncLocalStorage<PageContext>();
  private digitWorker: Promise<Tesseract.Worker> | null = null;
  private digitQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: PoolConfig,
    private readonly options: TesseractPoolOptions = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, config.workers) }, () => ({ worker: null, starting: null, busy: false, pages: 0 }));
    this.psm = options.psm ?? '3';
    // Whole-page buffers pass through sharp a few times per page: libvips' operation cache and one
    // thread pool per core only keep more of them alive (measured: ~40-70 MB less peak RSS without).
    sharp.cache(false);
    sharp.concurrency(1);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Per-pass time and tesseract calls since the pool was made (the bench prints them). */
  stats(): OcrPassStats {
    const out = emptyStats();
    out.pages = this.passStats.pages;
    for (const pass of OCR_PASSES) out.passes[pass] = { ...this.passStats.passes[pass] };
    return out;
  }

  /** Workers started so far (first starts and replacements). */
  get workersStarted(): number {
    return this.started;
  }

  /**
   * Reads one page: all its passes share one time limit (`pageTimeoutMs`, time spent waiting for a
   * free worker excluded).
   */
  async recognize(image: RasterImage, page: number): Promise<PageText> {
    const context: PageContext = { pass: 'prepare', started: performance.now(), waited: 0 };
    return this.pageContext.run(context, () => this.readPage(image, page, context));
  }

  private async readPage(image: RasterImage, page: number, context: PageContext): Promise<PageText> {
    const lap = this.lapTimer(page, context);
    const prepared = await prepareForOcr(image, { inkPass: this.options.inkPass ?? true });
    lap('deskew');
    // Skew is undone before anything is read, so lines, columns and crops all come out level.
    const maxSkew = this.config.maxSkewDegrees ?? 0;
    const skewed = maxSkew > 0 ? await detectSkew(prepared.main, maxSkew) : null;
    let skew = 0;
    let mainPng = prepared.main;
    if (skewed && Math.abs(skewed.degrees) >= MIN_SKEW_DEGREES) {
      skew = skewed.degrees;
      mainPng = await deskewPng(prepared.main, skew);
    }
    lap('main');
    let best = await this.recognizeWords(mainPng, image.dpi);
    lap('orientation');
    let rotation = 0;
    if ((this.options.autoRotate ?? true) && (looksWrong(best) || (skewed?.sideways === true && looksSideways(best)))) {
      // Cheap orientation check: read the page turned; keep the reading with the best confidence.
      // A page whose ink runs in columns is tried on its sides first.
      const turns = skewed?.sideways ? [90, 270, 180] : [180, 90, 270];
      const upright = mainPng;
      for (const degrees of turns) {
        let turned = await rotatePng(upright, degrees);
        let turnedSkew = skew;
        if (degrees !== 180 && maxSkew > 0) {
          const again = await detectSkew(turned, maxSkew);
          if (Math.abs(again.degrees) >= MIN_SKEW_DEGREES) {
            turned = await deskewPng(turned, again.degrees);
            turnedSkew = again.degrees;
          }
        }
        const words = await this.recognizeWords(turned, image.dpi);
        if (score(words) > score(best) * 1.15 || (looksSideways(best) && !looksSideways(words) && score(words) > score(best) * 0.8)) {
          best = words;
          mainPng = turned;
          skew = turnedSkew; // turning by 180° keeps the slope of the lines
          // We turned the image by `degrees` clockwise to read it: it had been turned by the opposite.
          rotation = (360 - degrees) % 360;
          if (!looksWrong(best)) break;
        }
      }
    }
    lap('columns');
    let width = image.width;
    let height = image.height;
    if (rotation === 90 || rotation === 270) [width, height] = [height, width];
    const size = { width, height };
    const laid = layoutWithBands(best.lines, size);
    let lines = laid.lines;
    // The crops of the later passes come from the page decoded once, not from the PNG each time.
    const pixels = lazyGreyPixels(mainPng);
    if (this.options.columnPass ?? true) lines = await this.rereadColumns(pixels, image.dpi, size, laid);
    lap('number');
    lines = await this.rereadNumberLines(pixels, image.dpi, size, lines);
    lap('stamps');
    // Stamp crops were cut from the page before it was straightened: place them where they now lie.
    if (skew !== 0 && rotation === 0) {
      prepared.stamps = prepared.stamps.map((c) => ({ ...c, box: deskewBox(c.box, skew, image.width, image.height) }));
    }
    // Coloured-ink stamp regions were located on the image as it came in: a turned page is searched
    // again upright. A page whose coloured ink held no stamp is searched for a framed grey one.
    const readWords: ReadWords = (png, dpi, psm, whitelist) => this.recognizeWords(png, dpi, psm, whitelist);
    const stampPage = mayHoldArrivalStamp(lines, height);
    const stampCrops = !stampPage ? [] : rotation === 0 || !(this.options.inkPass ?? true) ? prepared.stamps : await turnedStampCrops(image, rotation);
    const stamps: Line[][] = [];
    for (const crop of stampCrops) stamps.push(await readStamp(crop, image.dpi, readWords));
    if (stampPage && !stamps.some((s) => s.length > 0) && (this.options.inkPass ?? true)) stamps.push(...(await readGreyStamps(mainPng, image.dpi, readWords)));
    for (const stampLines of stamps) {
      lines = takeHandwrittenNumber(lines, stampLines);
      const ordered = lines;
      lines = [...lines, ...stampLines.filter((l) => !ordered.some((o) => o.text === l.text))];
    }
    lap(null);
    const text: PageText = {
      page,
      width,
      height,
      source: 'ocr',
      rotation,
      lines,
      text: lines.map((l) => l.text).join('\n'),
    };
    if (skew !== 0) text.skew = skew;
    return text;
  }

  /**
   * Closes the pass under way (its time goes to the stats) and opens `next`; null ends the page and
   * logs its timings.
   */
  private lapTimer(page: number, context: PageContext): (next: OcrPass | null) => void {
    let at = context.started;
    const ms: Partial<Record<OcrPass, number>> = {};
    return (next) => {
      const now = performance.now();
      ms[context.pass] = Math.round(now - at);
      this.passStats.passes[context.pass].ms += now - at;
      at = now;
      if (next) {
        context.pass = next;
        return;
      }
      this.passStats.pages++;
      this.options.log?.debug({ page, ms: Math.round(now - context.started), passes: ms }, 'ocr passes');
    };
  }

  /**
   * Reads each column of every two-column band (header: issuer | motto; footer: Nơi nhận |
   * signature block) again on its own, where a whole-page pass threads the columns together and reads
   * seal rings and signature strokes as letters. A column whose second reading is clearly better
   * replaces the first; a grey seal over a title gets a second try with the image thresholded dark.
   */
  private async rereadColumns(pixels: GreyPixels, dpi: number | null, size: PageSize, laid: { lines: Line[]; bands: Band[] }): Promise<Line[]> {
    const replaced: Array<{ start: number; end: number; lines: Line[] }> = [];
    for (const band of laid.bands) {
      if (band.besideTable || !singleColumns(laid.lines, band, size.width)) continue;
      const pad = Math.round(1.2 * band.lineHeight);
      const top = Math.max(0, Math.round(Math.max(band.above + 2, band.top - pad)));
      const bottom = Math.min(size.height, Math.round(Math.min(band.below - 2, band.bottom + pad)));
      if (bottom - top < band.lineHeight) continue;
      const columns: Array<{ range: [number, number]; dropped: number; x0: number; x1: number }> = [
        { range: band.left, dropped: band.dropped[0], x0: 0, x1: Math.round(band.gutter) },
        { range: band.right, dropped: band.dropped[1], x0: Math.round(band.gutter), x1: size.width },
      ];
      // The signature block beside "Nơi nhận:" is always read again: a seal over its first lines can
      // swallow a whole line ("KT. THỦ TƯỚNG") without leaving any weak word behind.
      const footer = laid.lines.slice(band.left[0], band.left[1]).some((l) => /^N[ơo]i\s*nh[ậa]n/iu.test(l.text));
      for (const [side, column] of columns.entries()) {
        const [start, end] = column.range;
        if (column.x1 - column.x0 < 50) continue;
        // A column read cleanly stays as it is (a second reading costs time and rarely helps).
        const clean = column.dropped === 0 && end > start && laid.lines.slice(start, end).every((l) => l.confidence >= 85);
        if (clean && !(footer && side === 1)) continue;
        const reread = await this.readRegion(pixels, dpi, size, [column.x0, top, column.x1, bottom], laid.lines.slice(start, end));
        if (reread) replaced.push({ start, end, lines: reread });
      }
    }
    if (replaced.length === 0) return laid.lines;
    const out: Line[] = [];
    for (let i = 0; i <= laid.lines.length; i++) {
      for (const r of replaced) if (r.start === i) out.push(...r.lines);
      if (i < laid.lines.length && !replaced.some((r) => i >= r.start && i < r.end)) out.push(laid.lines[i]!);
    }
    return out;
  }

  /**
   * The document's own "Số: N/SYMBOL" line decides its identity, and tesseract reads a wide-spaced
   * symbol in a whole-page pass poorly ("/BC-STTTT" → "/PCBTTIT"). A weakly read number line in the
   * top of the page is read again on its own, enlarged and thresholded dark (PSM 7), and replaced
   * when that reading is better.
   */
  private async rereadNumberLines(pixels: GreyPixels, dpi: number | null, size: PageSize, lines: Line[]): Promise<Line[]> {
    const out: Line[] = [];
    for (const line of lines) {
      const isNumberLine =
        line.kind !== 'stamp' && line.bbox[1] < 0.4 * size.height && /^s[ốôoó6]\s*[:;.]/iu.test(line.text.trim());
      if (!isNumberLine || (WELL_FORMED_NUMBER_LINE.test(line.text.trim()) && line.words.every((w) => w.confidence >= 85))) {
        out.push(line);
        continue;
      }
      const [bx0, by0, bx1, by1] = line.bbox;
      const pad = Math.round(0.5 * (by1 - by0));
      const x0 = Math.max(0, Math.round(bx0 - pad));
      const y0 = Math.max(0, Math.round(by0 - pad));
      // The first reading may have lost the end of the symbol: reach right to the next text on the row.
      const nextOnRow = lines
        .filter((o) => o !== line && o.bbox[0] > bx1 && Math.min(o.bbox[3], by1) - Math.max(o.bbox[1], by0) > 0.5 * (by1 - by0))
        .map((o) => o.bbox[0] - pad);
      const x1 = Math.min(size.width, Math.round(Math.min(bx1 + 8 * (by1 - by0), ...nextOnRow)));
      const y1 = Math.min(size.height, Math.round(by1 + pad));
      if (x1 - x0 < 10 || y1 - y0 < 5) {
        out.push(line);
        continue;
      }
      const region = await crop(pixels, [x0, y0, x1, y1]);
      const { data } = await region.clone().raw().toBuffer({ resolveWithObject: true });
      const cut = Math.max(100, Math.min(180, percentile(data, 0.02) + 100));
      const scale = 2;
      const enlarged = await region
        .clone()
        .resize((x1 - x0) * scale, (y1 - y0) * scale, { kernel: 'lanczos3' })
        .threshold(cut)
        .png({ compressionLevel: 1 })
        .toBuffer();
      const reading = placeLines(await this.recognizeWords(enlarged, (dpi ?? 300) * scale, '7'), x0, y0, scale);
      const words = reading.flatMap((l) => l.words);
      const candidate: Line | null = words.length
        ? { ...line, text: words.map((w) => w.text).join(' '), words, confidence: words.reduce((s, w) => s + w.confidence, 0) / words.length }
        : null;
      out.push(candidate && betterNumberLine(candidate, line) ? candidate : line);
    }
    return out;
  }

  /** One column region read plain (and dark-thresholded when that reading is weak); null to keep `old`. */
  private async readRegion(pixels: GreyPixels, dpi: number | null, size: PageSize, box: [number, number, number, number], old: Line[]): Promise<Line[] | null> {
    const [x0, y0] = box;
    const region = await crop(pixels, box);
    const plain = await region.clone().png({ compressionLevel: 1 }).toBuffer();
    let reading = placeLines(await this.recognizeWords(plain, dpi, '6'), x0, y0, 1);
    if (weak(reading)) {
      const { data } = await region.clone().toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
      const cut = Math.min(120, percentile(data, 0.003) + 70); // just above the core of the black print
      const dark = await region.clone().toColourspace('b-w').threshold(cut).png({ compressionLevel: 1 }).toBuffer();
      const second = placeLines(await this.recognizeWords(dark, dpi, '6'), x0, y0, 1);
      if (quality(second) > quality(reading)) reading = second;
    }
    const lines = layoutPage(reading, size);
    const before = quality(old);
    const after = quality(lines);
    // Keep the first reading unless the new one is at least as good and has not lost text.
    if (after < before || alnumCount(lines) < 0.8 * alnumCount(old)) return null;
    return lines;
  }

  /**
   * Runs one tesseract pass over a PNG and returns its lines (tesseract's order, not yet laid out).
   * Inside `recognize` the call counts against the page's time limit; on its own it has the whole
   * limit to itself. With a `whitelist` ("0123456789" for a handwritten number) the reading is a
   * digit-only one (see `recognizeDigits`).
   */
  async recognizeWords(png: Buffer, dpi: number | null, psm = this.psm, whitelist = ''): Promise<OcrWords> {
    if (this.closed) throw new VanthuError('ocr-failed', 'The OCR pool is closed.', { stage: 'ocr' });
    if (whitelist) return this.recognizeDigits(png, dpi, psm, whitelist);
    const context = this.pageContext.getStore();
    const limit = this.config.pageTimeoutMs;
    const timedOut = () => new VanthuError('ocr-timeout', `OCR of a page took longer than ${limit} ms.`, { stage: 'ocr' });
    const waitStart = performance.now();
    const slot = await this.acquire();
    let worker: Tesseract.Worker;
    try {
      // Starting a worker has its own limit (workerStartTimeoutMs): like waiting for one, not the page's time.
      worker = await this.ensureWorker(slot);
    } catch (error) {
      this.release(slot);
      throw error;
    }
    if (context) context.waited += performance.now() - waitStart;
    const left = context ? limit - (performance.now() - context.started - context.waited) : limit;
    if (left <= 0) {
      this.release(slot);
      throw timedOut();
    }
    if (context) this.passStats.passes[context.pass].calls++;
    const wholePage = !context || context.pass === 'main' || context.pass === 'orientation';
    try {
      const params: Partial<Tesseract.WorkerParams> = { tessedit_pageseg_mode: psm as Tesseract.PSM };
      // Parameters stick to a worker: always set the resolution (300 when unknown, the usual scan).
      params.user_defined_dpi = String(dpi ?? 300);
      params.debug_file = '/dev/null'; // tesseract's own chatter ("Detected N diacritics") off stdout
      const job = (async () => {
        await worker.setParameters(params);
        return worker.recognize(png, {}, { blocks: true, text: false });
      })();
      let result: Tesseract.RecognizeResult;
      try {
        result = await withTimeout(job, left, timedOut);
      } catch (error) {
        // A worker that timed out or failed may be wedged: replace it.
        void this.discard(slot);
        job.catch(() => undefined);
        if (error instanceof VanthuError) throw error;
        throw new VanthuError('ocr-failed', `Tesseract failed: ${messageOf(error)}`, { stage: 'ocr', cause: error });
      }
      if (wholePage) slot.pages++;
      return linesFromBlocks(result.data.blocks);
    } finally {
      await this.recycleIfDue(slot);
      this.release(slot);
    }
  }

  /**
   * A tesseract.js worker's memory only grows (the wasm heap keeps its high-water mark and
   * fragments): replace the worker after `recycleAfterPages` pages, or at once when the process has
   * grown past `maxRssMb`. The slot stays taken until the old worker is gone.
   */
  private async recycleIfDue(slot: Slot): Promise<void> {
    if (!slot.worker || slot.pages === 0) return;
    const afterPages = this.config.recycleAfterPages;
    const maxRssMb = this.config.maxRssMb;
    const rssMb = process.memoryUsage.rss() / 1048576;
    if ((afterPages && slot.pages >= afterPages) || (maxRssMb && rssMb > maxRssMb)) {
      this.options.log?.debug({ pages: slot.pages, rssMb: Math.round(rssMb) }, 'replacing tesseract worker');
      await this.discard(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => this.discard(slot)));
    const digits = this.digitWorker;
    this.digitWorker = null;
    if (digits) await digits.then((w) => w.terminate()).catch(() => undefined);
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private release(slot: Slot): void {
    const next = this.waiters.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private async discard(slot: Slot): Promise<void> {
    const worker = slot.worker;
    const starting = slot.starting;
    slot.worker = null;
    slot.starting = null;
    slot.pages = 0;
    const target = worker ?? (starting ? await starting.catch(() => null) : null);
    if (target) await target.terminate().catch(() => undefined);
  }

  private ensureWorker(slot: Slot): Promise<Tesseract.Worker> {
    if (slot.worker) return Promise.resolve(slot.worker);
    if (!slot.starting) {
      this.started++;
      slot.starting = this.startWorker('vie').then(
        (worker) => {
          slot.worker = worker;
          slot.starting = null;
          return worker;
        },
        (error: unknown) => {
          slot.starting = null;
          throw error;
        },
      );
    }
    return slot.starting;
  }

  /** Starts a tesseract.js worker for `lang` with local language data, within workerStartTimeoutMs. */
  private startWorker(lang: string): Promise<Tesseract.Worker> {
    const log = this.options.log;
    const langPath = localLangPath(this.config.model, lang);
    // A worker that fails while loading (language data missing or unreadable) reports through
    // errorHandler while createWorker never settles: turn that report into a rejection.
    let failStart: (error: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
      failStart = reject;
    });
    failed.catch(() => undefined);
    const options: Partial<Tesseract.WorkerOptions> = {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      errorHandler: (error: unknown) => {
        log?.warn({ err: messageOf(error) }, 'tesseract worker error');
        failStart(error);
      },
    };
    if (this.options.workerPath) options.workerPath = this.options.workerPath;
    const start = Tesseract.createWorker(lang, Tesseract.OEM.LSTM_ONLY, options);
    start.catch(() => undefined);
    return withTimeout(Promise.race([start, failed]), this.config.workerStartTimeoutMs, () => {
      return new VanthuError('ocr-timeout', `Starting a tesseract worker took longer than ${this.config.workerStartTimeoutMs} ms (language data ${langPath}).`, { stage: 'ocr' });
    }).catch((error: unknown) => {
      start.then((w) => w.terminate()).catch(() => undefined);
      if (error instanceof VanthuError) throw error;
      throw new VanthuError('ocr-failed', `Cannot start tesseract (language data ${langPath}): ${messageOf(error)}`, { stage: 'ocr', cause: error });
    });
  }

  /**
   * A digit-only reading (a stamp's handwritten number or date): the English model reads digits
   * in stamp fonts and handwriting better than the Vietnamese one ("1920", which vie reads "1940"),
   * on one worker of its own started on first use, one call at a time.
   */
  private recognizeDigits(png: Buffer, dpi: number | null, psm: string, whitelist: string): Promise<OcrWords> {
    if (this.closed) return Promise.reject(new VanthuError('ocr-failed', 'The OCR pool is closed.', { stage: 'ocr' }));
    const context = this.pageContext.getStore();
    if (context) this.passStats.passes[context.pass].calls++;
    const run = async (): Promise<OcrWords> => {
      this.digitWorker ??= this.startWorker('eng');
      const worker = await this.digitWorker;
      const job = (async () => {
        await worker.setParameters({ tessedit_pageseg_mode: psm as Tesseract.PSM, user_defined_dpi: String(dpi ?? 300), debug_file: '/dev/null', tessedit_char_whitelist: whitelist });
        return worker.recognize(png, {}, { blocks: true, text: false });
      })();
      try {
        const result = await withTimeout(job, DIGIT_READ_TIMEOUT_MS, () => new VanthuError('ocr-timeout', `A digit reading took longer than ${DIGIT_READ_TIMEOUT_MS} ms.`, { stage: 'ocr' }));
        return linesFromBlocks(result.data.blocks);
      } catch (error) {
        // a wedged worker is replaced on the next call
        job.catch(() => undefined);
        const stale = this.digitWorker;
        this.digitWorker = null;
        void stale?.then((w) => w.terminate()).catch(() => undefined);
        throw error;
      }
    };
    const next = this.digitQueue.then(run, run);
    this.digitQueue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}

/** A digit-only reading is a few words: a call that takes longer than this has hung. */
const DIGIT_READ_TIMEOUT_MS = 20000;

/**
 * A header or footer band has one text column on each side of its gutter (lines flush left or
 * centred); two cells of a table beside more cells start at scattered x positions.
 */
function singleColumns(lines: Line[], band: Band, width: number): boolean {
  const sides: Array<[[number, number], number]> = [
    [band.left, band.gutter],
    [band.right, width - band.gutter],
  ];
  return sides.every(([[start, end], columnWidth]) => {
    const starts = lines.slice(start, end).map((l) => l.bbox[0]);
    return starts.length < 2 || Math.max(...starts) - Math.min(...starts) <= 0.4 * columnWidth;
  });
}

/** "Số: 51/BC-STTTT", "Số: 1486/QĐ-TTg", "Số: 72/2015/NĐ-CP", "Số: 06-NQ/TW": a whole number and symbol. */
const WELL_FORMED_NUMBER_LINE = /^s[ốôoó6]\s*[:;.]\s*\d{1,6}\s*[/-]\s*(\d{4}\/)?[\p{L}&]+([-/][\p{L}&]+)+\.?$/iu;

/** A re-read number line wins when only it is well formed, else on reading quality. */
export function betterNumberLine(candidate: Line, old: Line): boolean {
  if (!/^s[ốôoó6]\s*[:;.]/iu.test(candidate.text)) return false;
  const candidateWellFormed = WELL_FORMED_NUMBER_LINE.test(candidate.text.trim());
  const oldWellFormed = WELL_FORMED_NUMBER_LINE.test(old.text.trim());
  if (candidateWellFormed !== oldWellFormed) return candidateWellFormed;
  return quality([candidate]) > quality([old]);
}

function alnumCount(lines: Line[]): number {
  return lines.reduce((n, l) => n + (l.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0);
}

/** A reading worth a second try: low confidence, or lines that are junk. */
function weak(lines: Line[]): boolean {
  if (lines.length === 0) return true;
  const chars = alnumCount(lines);
  const conf = chars ? lines.reduce((s, l) => s + l.confidence * (l.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0) / chars : 0;
  return conf < 85 || lines.some((l) => isJunkLine(l) || l.confidence < 60);
}

function percentile(data: Buffer, q: number): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of data) hist[v]!++;
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= q * data.length) return v;
  }
  return 255;
}

/** Specks read as punctuation ("|", "„", ":") or as anything at all with almost no confidence. */
function isNoise(text: string, confidence: number): boolean {
  if (confidence < 15) return true;
  return confidence < 50 && !/[\p{L}\p{N}]/u.test(text);
}

/**
 * "10023" + "/UBND-KGVX": tesseract often reads the slash of a document number as the start of a
 * new word. Join them when the gap is narrower than the text height (a typed space is about a third).
 */
function joinsSymbol(prev: Word, next: Word): boolean {
  if (!/\d$/.test(prev.text) || !/^\/[\p{Lu}\d]/u.test(next.text)) return false;
  const height = Math.max(prev.bbox[3] - prev.bbox[1], next.bbox[3] - next.bbox[1]);
  return next.bbox[0] - prev.bbox[2] < height;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Heuristic for a page that is turned: read upside down it gives low-confidence "words"; read
 * sideways, tesseract finds vertical text lines, so most words are taller than wide.
 */
export function looksWrong(words: OcrWords): boolean {
  if (looksSideways(words)) return true;
  // Few characters at all (blank page, a photo, speckles): nothing to gain from turning it.
  if (words.chars < 40) return false;
  return words.confidence < 60;
}

function looksSideways(words: OcrWords): boolean {
  const all = words.lines.flatMap((l) => l.words).filter((w) => w.text.length >= 3);
  if (all.length < 8) return false;
  return all.filter((w) => w.bbox[3] - w.bbox[1] > 1.3 * (w.bbox[2] - w.bbox[0])).length / all.length > 0.5;
}

function score(words: OcrWords): number {
  return words.confidence * Math.log10(10 + words.chars);
}
