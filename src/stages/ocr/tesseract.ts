import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { VanthuError } from '../../errors.js';
import type { OcrConfig } from '../../../schemas/config.js';
import type { Logger } from '../../log.js';
import type { Line, PageText, Word } from '../../../schemas/page.js';
import type { OcrEngine, RasterImage } from '../types.js';
import { layoutPage } from '../layout.js';
import { prepareForOcr, rotatePng } from './preprocess.js';

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
  /** OCR a separate coloured-ink layer of colour pages so arrival stamps are read (extra lines). */
  inkPass?: boolean;
  /** Tests only: a wrapper around tesseract.js' node worker script. */
  workerPath?: string;
}

/** One recognised word set, before layout. */
export interface OcrWords {
  lines: Line[];
  /** Mean word confidence weighted by characters (0–100); 0 when nothing was read. */
  confidence: number;
  chars: number;
}

interface Slot {
  worker: Tesseract.Worker | null;
  starting: Promise<Tesseract.Worker> | null;
  busy: boolean;
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => VanthuError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

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
          if (!text) continue;
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

  constructor(
    private readonly config: Pick<OcrConfig, 'workers' | 'model' | 'workerStartTimeoutMs' | 'pageTimeoutMs'>,
    private readonly options: TesseractPoolOptions = {},
  ) {
    this.slots = Array.from({ length: Math.max(1, config.workers) }, () => ({ worker: null, starting: null, busy: false }));
    this.psm = options.psm ?? '3';
  }

  get size(): number {
    return this.slots.length;
  }

  async recognize(image: RasterImage, page: number): Promise<PageText> {
    const prepared = await prepareForOcr(image, { inkPass: this.options.inkPass ?? true });
    let best = await this.recognizeWords(prepared.main, image.dpi);
    let rotation = 0;
    let turnedBy = 0;
    if ((this.options.autoRotate ?? true) && looksWrong(best)) {
      // Cheap orientation check: read the page turned; keep the reading with the best confidence.
      for (const degrees of [180, 90, 270]) {
        const turned = await rotatePng(prepared.main, degrees);
        const words = await this.recognizeWords(turned, image.dpi);
        if (score(words) > score(best) * 1.15 || (looksSideways(best) && !looksSideways(words) && score(words) > score(best) * 0.8)) {
          best = words;
          turnedBy = degrees;
          // We turned the image by `degrees` clockwise to read it: it had been turned by the opposite.
          rotation = (360 - degrees) % 360;
          if (!looksWrong(best)) break;
        }
      }
    }
    let width = image.width;
    let height = image.height;
    if (rotation === 90 || rotation === 270) [width, height] = [height, width];
    const ordered = layoutPage(best.lines, { width, height });
    let lines = ordered;
    if (prepared.ink) {
      const ink = turnedBy ? await rotatePng(prepared.ink, turnedBy) : prepared.ink;
      const stamp = await this.recognizeWords(ink, image.dpi);
      const stampLines = stamp.lines.filter((l) => l.confidence >= 45 && /[\p{L}\p{N}]{2}/u.test(l.text));
      // Stamp lines go after the page's own lines: reading order of the document is unchanged,
      // and extraction can still find "Số: 10781" / "ĐẾN 09-11-2018" among the page lines.
      lines = [...ordered, ...stampLines.filter((l) => !ordered.some((o) => o.text === l.text))];
    }
    return {
      page,
      width,
      height,
      source: 'ocr',
      rotation,
      lines,
      text: lines.map((l) => l.text).join('\n'),
    };
  }

  /** Runs one tesseract pass over a PNG and returns its lines (tesseract's order, not yet laid out). */
  async recognizeWords(png: Buffer, dpi: number | null, psm = this.psm): Promise<OcrWords> {
    if (this.closed) throw new VanthuError('ocr-failed', 'The OCR pool is closed.', { stage: 'ocr' });
    const slot = await this.acquire();
    try {
      const worker = await this.ensureWorker(slot);
      const params: Partial<Tesseract.WorkerParams> = { tessedit_pageseg_mode: psm as Tesseract.PSM };
      params.user_defined_dpi = String(dpi ?? 300);
      const job = (async () => {
        await worker.setParameters(params);
        return worker.recognize(png, {}, { blocks: true, text: false });
      })();
      let result: Tesseract.RecognizeResult;
      try {
        result = await withTimeout(job, this.config.pageTimeoutMs, () => {
          return new VanthuError('ocr-timeout', `OCR of a page took longer than ${this.config.pageTimeoutMs} ms.`, { stage: 'ocr' });
        });
      } catch (error) {
        // A worker that timed out or failed may be wedged: replace it.
        void this.discard(slot);
        job.catch(() => undefined);
        if (error instanceof VanthuError) throw error;
        throw new VanthuError('ocr-failed', `Tesseract failed: ${messageOf(error)}`, { stage: 'ocr', cause: error });
      }
      return linesFromBlocks(result.data.blocks);
    } finally {
      this.release(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => this.discard(slot)));
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
    const target = worker ?? (starting ? await starting.catch(() => null) : null);
    if (target) await target.terminate().catch(() => undefined);
  }

  private ensureWorker(slot: Slot): Promise<Tesseract.Worker> {
    if (slot.worker) return Promise.resolve(slot.worker);
    if (!slot.starting) {
      const log = this.options.log;
      const langPath = localLangPath(this.config.model);
      let failure: unknown = null;
      const options: Partial<Tesseract.WorkerOptions> = {
        langPath,
        gzip: true,
        cacheMethod: 'none',
        errorHandler: (error: unknown) => {
          failure = error;
          log?.warn({ err: messageOf(error) }, 'tesseract worker error');
        },
      };
      if (this.options.workerPath) options.workerPath = this.options.workerPath;
      const start = Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, options);
      const started = withTimeout(start, this.config.workerStartTimeoutMs, () => {
        return new VanthuError('ocr-timeout', `Starting a tesseract worker took longer than ${this.config.workerStartTimeoutMs} ms (language data ${langPath}).`, { stage: 'ocr' });
      }).then(
        (worker) => {
          slot.worker = worker;
          slot.starting = null;
          return worker;
        },
        (error: unknown) => {
          slot.starting = null;
          start.then((w) => w.terminate()).catch(() => undefined);
          if (error instanceof VanthuError) throw error;
          throw new VanthuError('ocr-failed', `Cannot start tesseract (language data ${langPath}): ${messageOf(failure ?? error)}`, { stage: 'ocr', cause: error });
        },
      );
      slot.starting = started;
    }
    return slot.starting;
  }
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
  const all = words.lines.flatMap((l) => l.words).filter((w) => w.text.length >= 3);
  if (all.length >= 8) {
    const tall = all.filter((w) => w.bbox[3] - w.bbox[1] > 1.3 * (w.bbox[2] - w.bbox[0])).length;
    if (tall / all.length > 0.5) return true;
  }
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
