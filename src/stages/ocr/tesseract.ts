import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';
import { VanthuError } from '../../errors.js';
import type { OcrConfig } from '../../../schemas/config.js';
import type { Logger } from '../../log.js';
import sharp from 'sharp';
import type { BBox, Line, PageText, Word } from '../../../schemas/page.js';
import type { OcrEngine, RasterImage } from '../types.js';
import { isJunkLine, layoutPage, layoutWithBands, type Band, type PageSize } from '../layout.js';
import { prepareForOcr, rotatePng, type StampCrop } from './preprocess.js';

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
    let mainPng = prepared.main;
    let best = await this.recognizeWords(prepared.main, image.dpi);
    let rotation = 0;
    if ((this.options.autoRotate ?? true) && looksWrong(best)) {
      // Cheap orientation check: read the page turned; keep the reading with the best confidence.
      for (const degrees of [180, 90, 270]) {
        const turned = await rotatePng(prepared.main, degrees);
        const words = await this.recognizeWords(turned, image.dpi);
        if (score(words) > score(best) * 1.15 || (looksSideways(best) && !looksSideways(words) && score(words) > score(best) * 0.8)) {
          best = words;
          mainPng = turned;
          // We turned the image by `degrees` clockwise to read it: it had been turned by the opposite.
          rotation = (360 - degrees) % 360;
          if (!looksWrong(best)) break;
        }
      }
    }
    let width = image.width;
    let height = image.height;
    if (rotation === 90 || rotation === 270) [width, height] = [height, width];
    const size = { width, height };
    const laid = layoutWithBands(best.lines, size);
    let lines = laid.lines;
    if (this.options.columnPass ?? true) lines = await this.rereadColumns(mainPng, image.dpi, size, laid);
    lines = await this.rereadNumberLines(mainPng, image.dpi, size, lines);
    // Stamp regions are located on the image as it came in; a page we had to turn is not searched for
    // one (its stamp would lie in the lower part and its crops need turning too).
    if (rotation === 0) {
      for (const crop of prepared.stamps) {
        const stampLines = await this.readStamp(crop, image.dpi);
        lines = takeHandwrittenNumber(lines, stampLines);
        const ordered = lines;
        lines = [...lines, ...stampLines.filter((l) => !ordered.some((o) => o.text === l.text))];
      }
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

  /**
   * Reads each column of every two-column band (header: issuer | motto; footer: Nơi nhận |
   * signature block) again on its own, where a whole-page pass threads the columns together and reads
   * seal rings and signature strokes as letters. A column whose second reading is clearly better
   * replaces the first; a grey seal over a title gets a second try with the image thresholded dark.
   */
  private async rereadColumns(png: Buffer, dpi: number | null, size: PageSize, laid: { lines: Line[]; bands: Band[] }): Promise<Line[]> {
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
        const reread = await this.readRegion(png, dpi, size, [column.x0, top, column.x1, bottom], laid.lines.slice(start, end));
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
  private async rereadNumberLines(png: Buffer, dpi: number | null, size: PageSize, lines: Line[]): Promise<Line[]> {
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
      const region = sharp(png).extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 }).toColourspace('b-w');
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
  private async readRegion(png: Buffer, dpi: number | null, size: PageSize, box: [number, number, number, number], old: Line[]): Promise<Line[] | null> {
    const [x0, y0, x1, y1] = box;
    const region = sharp(png).extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 });
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
   * Reads one candidate stamp region with PSM 6 and PSM 11, keeps the better reading, adds the
   * other's arrival number or "ĐẾN" line when the better one missed it, and returns nothing when
   * the region does not read like an arrival stamp (a seal, a signature).
   */
  private async readStamp(crop: StampCrop, dpi: number | null): Promise<Line[]> {
    const d = (dpi ?? 300) * crop.scale;
    const readings: Line[][] = [];
    for (const psm of ['6', '11']) {
      const words = await this.recognizeWords(crop.png, d, psm);
      const placed = placeLines(words, crop.box[0], crop.box[1], crop.scale);
      readings.push(stampRows(placed.flatMap((l) => l.words)));
    }
    // Row by row (PSM 7): the handwritten number beside its small printed label is often only read so.
    const meta = await sharp(crop.png).metadata();
    const rowWords: Word[] = [];
    for (const [top, bottom] of crop.rows) {
      const row = await sharp(crop.png).extract({ left: 0, top, width: meta.width!, height: bottom - top }).png().toBuffer();
      const words = await this.recognizeWords(row, d, '7');
      rowWords.push(...placeLines(words, crop.box[0], crop.box[1] + top / crop.scale, crop.scale).flatMap((l) => l.words));
    }
    readings.push(stampRows(rowWords));
    readings.sort((a, b) => quality(b) - quality(a));
    const merged = mergeStampReadings(readings);
    if (!merged.some((l) => STAMP_MARK.test(l.text))) return [];
    return merged.map((l) => ({ ...l, kind: 'stamp' as const }));
  }

  /** Runs one tesseract pass over a PNG and returns its lines (tesseract's order, not yet laid out). */
  async recognizeWords(png: Buffer, dpi: number | null, psm = this.psm): Promise<OcrWords> {
    if (this.closed) throw new VanthuError('ocr-failed', 'The OCR pool is closed.', { stage: 'ocr' });
    const slot = await this.acquire();
    try {
      const worker = await this.ensureWorker(slot);
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
      const start = Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, options);
      start.catch(() => undefined);
      const started = withTimeout(Promise.race([start, failed]), this.config.workerStartTimeoutMs, () => {
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
          throw new VanthuError('ocr-failed', `Cannot start tesseract (language data ${langPath}): ${messageOf(error)}`, { stage: 'ocr', cause: error });
        },
      );
      slot.starting = started;
    }
    return slot.starting;
  }
}

/** A line that only an arrival stamp has: "ĐẾN", "Số: 10781", "Ngày: 30/04/2020", "Chuyển:", a date. */
const STAMP_MARK = /^ĐẾN\b|^Số: ?\d|^Ngày:|^Chuyển|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/u;

/** Words of a stamp reading dealt into rows (PSM 11 reads every word on its own), left to right. */
function stampRows(words: Word[]): Line[] {
  const sorted = [...words].sort((a, b) => a.bbox[1] + a.bbox[3] - (b.bbox[1] + b.bbox[3]));
  const rows: Word[][] = [];
  for (const w of sorted) {
    const row = rows[rows.length - 1];
    const centre = (w.bbox[1] + w.bbox[3]) / 2;
    if (row) {
      const top = Math.min(...row.map((r) => r.bbox[1]));
      const bottom = Math.max(...row.map((r) => r.bbox[3]));
      if (centre > top && centre < bottom) {
        row.push(w);
        continue;
      }
    }
    rows.push([w]);
  }
  return rows.map((row) => cleanStampLine(row.sort((a, b) => a.bbox[0] - b.bbox[0]))).filter((l): l is Line => l !== null);
}

/**
 * One row of a stamp reading, cleaned: the frame ("|", "‹") and the dotted lines of the form dropped,
 * the printed labels restored ("sẽ: 10781" → "Số: 10781", "ĐEN" → "ĐẾN", "o9-11-2018" → "09-11-2018");
 * null for a row that is mostly noise.
 */
export function cleanStampLine(row: Word[]): Line | null {
  const words: Word[] = [];
  for (const w of row) {
    let text = w.text.replace(/[.…]{2,}/gu, ' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}:]+$/gu, '').trim();
    if (/^[\doOlI]{1,2}[-/.][\doOlI]{1,2}[-/.][\doOlI]{2,4}$/u.test(text)) text = fixStampDate(text.replace(/[oO]/gu, '0').replace(/[lI]/gu, '1'));
    if (/^[|lI1]*[ĐD][ẾEÉÊỂỀ]N$/iu.test(text)) text = 'ĐẾN';
    if (/^Chuy[ểêếeề]n$/iu.test(text)) text = 'Chuyển:';
    if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
    for (const part of text.split(/\s+/u)) words.push({ ...w, text: part });
  }
  // The stamp's frame read as a letter at either end of a row.
  while (words.length > 1 && /^[|lI1[\]]$/u.test(words[0]!.text)) words.shift();
  while (words.length > 1 && /^[|lI[\]]$/u.test(words[words.length - 1]!.text)) words.pop();
  if (words.length === 0) return null;
  // A speck between "ĐẾN" and its date ("ĐẾN 2 27-02-2019").
  if (words.length === 3 && words[0]!.text === 'ĐẾN' && words[1]!.text.length === 1 && /^\d{1,2}[-/.]\d/u.test(words[2]!.text)) words.splice(1, 1);
  // The printed "Số:" label in front of the handwritten arrival number, misread in many ways.
  const label = words[0]!;
  const next = words[1];
  if (/^[|lI1]?[sS][\p{L}\d]{0,2}[:'.]?$/u.test(label.text) && next && /^\d{2,}$/u.test(next.text.replace(/[.,:]+$/u, ''))) {
    words[0] = { ...label, text: 'Số:' };
    words[1] = { ...next, text: next.text.replace(/[.,:]+$/u, '') };
  } else if (words.length === 1 && /^\d{2,6}$/u.test(label.text)) {
    // A bare number in a stamp is the arrival number whose small printed label was not read.
    words.unshift({ ...label, text: 'Số:' });
  }
  const confidence = words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
  const text = words.map((w) => w.text).join(' ');
  if (confidence < 45 || !/[\p{L}\p{N}]{2}/u.test(text)) return null;
  const bbox: BBox = [Math.min(...words.map((w) => w.bbox[0])), Math.min(...words.map((w) => w.bbox[1])), Math.max(...words.map((w) => w.bbox[2])), Math.max(...words.map((w) => w.bbox[3]))];
  return { text, bbox, confidence, words };
}

/**
 * Stamp dates are set in a font whose slashed zero tesseract reads as 9: "99-11-2018" and
 * "09-11-2918" are 09-11-2018. Only impossible days, months and years are corrected.
 */
export function fixStampDate(date: string): string {
  const m = /^(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{2,4})$/u.exec(date);
  if (!m) return date;
  let [, day, , month, , year] = m as unknown as [string, string, string, string, string, string];
  if (Number(day) > 31 && day.startsWith('9')) day = `0${day.slice(1)}`;
  if (Number(month) > 12 && month.startsWith('9')) month = `0${month.slice(1)}`;
  if (year.length === 4 && /^29\d\d$/u.test(year)) year = `20${year.slice(2)}`;
  return `${day}${m[2]}${month}${m[4]}${year}`;
}

/**
 * An arrival number written in black or grey pen has no colour, so the ink crop shows only the
 * printed "Số:" label: the page pass read the number as a line of its own. A bare number just right of
 * the label (same row, inside the stamp) completes the stamp line ("Số: 2169") and leaves the page
 * lines. `stamp` is updated in place; the page lines without that number are returned.
 */
export function takeHandwrittenNumber(page: Line[], stamp: Line[]): Line[] {
  const index = stamp.findIndex((l) => l.text === 'Số:');
  if (index < 0) return page;
  const label = stamp[index]!;
  const height = label.bbox[3] - label.bbox[1];
  const centre = (label.bbox[1] + label.bbox[3]) / 2;
  const found = page.findIndex((l) => {
    if (!/^\d{1,6}$/u.test(l.text)) return false;
    const c = (l.bbox[1] + l.bbox[3]) / 2;
    return Math.abs(c - centre) < 1.5 * height && l.bbox[0] > label.bbox[0] && l.bbox[0] - label.bbox[2] < 12 * height;
  });
  if (found < 0) return page;
  const number = page[found]!;
  stamp[index] = {
    ...label,
    text: `Số: ${number.text}`,
    bbox: [label.bbox[0], Math.min(label.bbox[1], number.bbox[1]), number.bbox[2], Math.max(label.bbox[3], number.bbox[3])],
    words: [...label.words, ...number.words],
  };
  return page.filter((_, i) => i !== found);
}

/** The printed label a stamp line starts with ("Số:", "ĐẾN", "Ngày:", "Chuyển:"), if any. */
function stampField(line: Line): string | null {
  const label = /^(Số:|ĐẾN|Ngày|Chuyển)/u.exec(line.text)?.[1];
  // "ĐẾN" alone (a stamp where the date is on its own "Ngày:" line) is another field than "ĐẾN 09-11-2018".
  return label === 'ĐẾN' && /^ĐẾN$/u.test(line.text) ? 'ĐẾN-alone' : (label ?? null);
}

/**
 * One stamp reading from several (best first): the best reading's lines, where each labelled field
 * ("Số: 10781", "ĐẾN 09-11-2018", ...) takes the text most readings agree on (then the most
 * confident), and a field the best reading missed is taken from the others.
 */
export function mergeStampReadings(readings: Line[][]): Line[] {
  const candidates = new Map<string, Line[]>();
  for (const reading of readings) {
    for (const line of reading) {
      const field = stampField(line);
      if (field) candidates.set(field, [...(candidates.get(field) ?? []), line]);
    }
  }
  const pick = (field: string): Line => {
    const lines = candidates.get(field)!;
    const votes = (l: Line) => lines.filter((o) => o.text === l.text).length;
    return [...lines].sort((a, b) => votes(b) - votes(a) || b.confidence - a.confidence)[0]!;
  };
  const out: Line[] = [];
  const done = new Set<string>();
  for (const line of readings[0] ?? []) {
    const field = stampField(line);
    if (!field) out.push(line);
    else if (!done.has(field)) {
      out.push(pick(field));
      done.add(field);
    }
  }
  for (const field of candidates.keys()) if (!done.has(field)) out.push(pick(field));
  return out.sort((a, b) => a.bbox[1] - b.bbox[1]);
}

/** Lines read from a crop, moved back to page coordinates (the crop was scaled by `scale`). */
function placeLines(words: OcrWords, dx: number, dy: number, scale: number): Line[] {
  const move = (b: BBox): BBox => [b[0] / scale + dx, b[1] / scale + dy, b[2] / scale + dx, b[3] / scale + dy];
  return words.lines.map((l) => ({ ...l, bbox: move(l.bbox), words: l.words.map((w) => ({ ...w, bbox: move(w.bbox) })) }));
}

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

/** Character-weighted mean confidence times log(characters), as `score`, over lines. */
function quality(lines: Line[]): number {
  let sum = 0;
  let chars = 0;
  for (const l of lines) {
    for (const w of l.words) {
      const n = w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
      sum += w.confidence * n;
      chars += n;
    }
  }
  return chars ? (sum / chars) * Math.log10(10 + chars) : 0;
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
