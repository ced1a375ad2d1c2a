import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPages } from '../../../src/stages/read-pages.js';
import { TesseractPool } from '../../../src/stages/ocr/tesseract.js';
import { Config } from '../../../schemas/config.js';
import { VanthuError } from '../../../src/errors.js';
import type { OcrEngine, RasterImage } from '../../../src/stages/types.js';
import type { PageText } from '../../../schemas/page.js';
import { buildPdf } from '../../helpers/pdf-builder.js';
import { findDigitalSignature } from '../../../src/stages/extract/digital-signature.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
const config = Config.parse({ ocr: { workers: 2 } });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An engine whose pages finish when the test says so, recording how many run at once. */
class ManualEngine implements OcrEngine {
  calls: Array<{ page: number; image: RasterImage; finish: () => void }> = [];
  inFlight = 0;
  maxInFlight = 0;
  private arrived: Array<() => void> = [];
  recognize(image: RasterImage, page: number): Promise<PageText> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve) => {
      this.calls.push({
        page,
        image,
        finish: () => {
          this.inFlight--;
          resolve({ page, width: image.width, height: image.height, source: 'ocr', rotation: 0, lines: [], text: `page ${page}` });
        },
      });
      this.arrived.shift()?.();
    });
  }
  /** Resolves once `n` pages have been handed to the engine. */
  async waitFor(n: number): Promise<void> {
    while (this.calls.length < n) await new Promise<void>((r) => this.arrived.push(r));
  }
  async close(): Promise<void> {}
}

describe('readPages', () => {
  it('OCRs TIFF pages at most pool-size at a time and returns them in order', async () => {
    const engine = new ManualEngine();
    const seen: number[] = [];
    const file = path.join(fixtures, 'g4-two-pages-second-upside-down.tif');
    const done = readPages(file, { ocr: engine, config: Config.parse({ ocr: { workers: 2 } }), onPage: (p) => seen.push(p.page) });
    await engine.waitFor(2);
    const call = (page: number) => engine.calls.find((c) => c.page === page)!;
    call(2).finish(); // page 2 finishes first
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]); // page 1 is not done: nothing is emitted out of order
    call(1).finish();
    const result = await done;
    expect(result.format).toBe('tiff');
    expect(result.pages.map((p) => p.text)).toEqual(['page 1', 'page 2']);
    expect(seen).toEqual([1, 2]);
    expect(engine.maxInFlight).toBe(2);
    expect(call(1).image.dpi).toBe(200);
  });

  it('never has more pages in flight than OCR workers', async () => {
    const pdf = buildPdf(Array.from({ length: 5 }, () => ({ texts: [] })));
    const file = path.join(dir, 'five.pdf');
    await writeFile(file, pdf);
    const engine = new ManualEngine();
    const done = readPages(file, { ocr: engine, config: Config.parse({ ocr: { workers: 2, dpi: 50 } }) });
    for (let finished = 0; finished < 5; finished++) {
      await engine.waitFor(Math.min(5, finished + 2));
      expect(engine.inFlight).toBeLessThanOrEqual(2);
      engine.calls[finished]!.finish();
    }
    const result = await done;
    expect(result.pages.map((p) => p.page)).toEqual([1, 2, 3, 4, 5]);
    expect(engine.maxInFlight).toBe(2);
  });

  it('uses the text layer where it covers the page and OCR elsewhere, and reads a blank page as empty', async () => {
    const letter = await readFile(path.join(fixtures, 'letter-colour.png'));
    const jpeg = await sharp(letter).toColourspace('b-w').jpeg({ quality: 90 }).toBuffer();
    const blank = await sharp({ create: { width: 620, height: 375, channels: 3, background: '#ffffff' } }).toColourspace('b-w').jpeg().toBuffer();
    const size: [number, number] = [595.2, 360];
    const texts = Array.from({ length: 12 }, (_, i) => ({ x: 50, y: 330 - i * 25, size: 12, text: `Dong ${i + 1}: van ban dien tu co lop chu day du tren trang nay.` }));
    const file = path.join(dir, 'mixed.pdf');
    await writeFile(file, buildPdf([{ texts, size }, { jpeg: { data: jpeg, width: 2480, height: 1500 }, size }, { jpeg: { data: blank, width: 620, height: 375 }, size }]));
    const ocr = new TesseractPool(config.ocr);
    try {
      const result = await readPages(file, { ocr, config });
      expect(result.format).toBe('pdf');
      expect(result.pages.map((p) => [p.page, p.source])).toEqual([
        [1, 'text-layer'],
        [2, 'ocr'],
        [3, 'ocr'],
      ]);
      expect(result.pages[0]!.text.split('\n')[0]).toBe('Dong 1: van ban dien tu co lop chu day du tren trang nay.');
      const lines = result.pages[1]!.text.split('\n');
      expect(lines).toContain('Số: 10023/UBND-KGVX');
      expect(lines).toContain('Nguyễn Tiến Dũng');
      expect(result.pages[2]!.text).toBe('');
      // Blocks cover every line once, in reading order; the text-layer page's 12 evenly spaced lines are one block.
      for (const page of result.pages) {
        expect(page.blocks!.flatMap((b) => Array.from({ length: b.lines[1] - b.lines[0] }, (_, k) => b.lines[0] + k))).toEqual(page.lines.map((_, i) => i));
      }
      expect(result.pages[0]!.blocks).toHaveLength(1);
      expect(result.pages[1]!.blocks!.length).toBeGreaterThan(1);
      expect(result.pages[2]!.blocks).toEqual([]);
    } finally {
      await ocr.close();
    }
  });

  it("keeps a signed scan's own signature-box text beside the OCR text, and extraction reads it", async () => {
    const letter = await readFile(path.join(fixtures, 'letter-colour.png'));
    const jpeg = await sharp(letter).toColourspace('b-w').jpeg({ quality: 80 }).toBuffer();
    const size: [number, number] = [595.2, 360];
    const box = [
      { x: 380, y: 60, size: 6, text: 'Nguoi ky: So Noi vu' },
      { x: 380, y: 52, size: 6, text: 'Co quan: Tinh Binh Dinh' },
      { x: 380, y: 44, size: 6, text: 'Thoi gian ky: 17.04.2020 08:30:15 +07:00' },
    ];
    const file = path.join(dir, 'signed.pdf');
    await writeFile(file, buildPdf([{ jpeg: { data: jpeg, width: 2480, height: 1500 }, size, texts: box }]));
    const ocr: OcrEngine = {
      recognize: async (image, page) => ({ page, width: image.width, height: image.height, source: 'ocr', rotation: 0, lines: [], text: '' }),
      close: async () => undefined,
    };
    const { pages } = await readPages(file, { ocr, config });
    expect(pages[0]!.source).toBe('ocr');
    expect(pages[0]!.lines).toEqual([]);
    expect(pages[0]!.embeddedText?.map((l) => l.text)).toEqual(box.map((b) => b.text));
    expect(findDigitalSignature(pages)).toMatchObject({ signer: 'So Noi vu', organization: 'Tinh Binh Dinh', signedAt: '2020-04-17T08:30:15+07:00' });
  });

  it('passes errors on with their code', async () => {
    const failing: OcrEngine = {
      recognize: () => Promise.reject(new VanthuError('ocr-timeout', 'too slow')),
      close: async () => undefined,
    };
    const file = path.join(fixtures, 'g4-two-pages-second-upside-down.tif');
    const error = await readPages(file, { ocr: failing, config }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(VanthuError);
    expect((error as VanthuError).code).toBe('ocr-timeout');
    const empty = path.join(dir, 'empty.png');
    await writeFile(empty, '');
    const e2 = await readPages(empty, { ocr: failing, config }).then(() => null, (e: unknown) => e);
    expect((e2 as VanthuError).code).toBe('empty-file');
  });
});
