import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.js';
import type { Line, PageText } from '../../../schemas/page.js';
import { loadConfig } from '../../../src/config.js';
import { VanthuError } from '../../../src/errors.js';
import { intakeFile } from '../../../src/intake/intake.js';
import { pagePreview, pagePreviewPath, searchablePdfPath } from '../../../src/pipeline/artifacts.js';
import { createProcessor, type Processor } from '../../../src/pipeline/process.js';
import { readPages } from '../../../src/stages/read-pages.js';
import type { OcrEngine, RasterImage } from '../../../src/stages/types.js';
import { buildPdf } from '../../helpers/pdf-builder.js';
import { readBack } from './pdf-reader.js';

const LETTER = ['ỦY BAN NHÂN DÂN', 'TỈNH ĐẮK LẮK', 'Số: 10023/UBND-KGVX', 'Đắk Lắk, ngày 15 tháng 11 năm 2018', 'Kính gửi: Sở Thông tin và Truyền thông'];

/** An OCR engine that answers the letter above, one word box per word, for any image; it reads pages turned by `rotation`. */
function fakeOcr(rotation = 0): OcrEngine & { calls: number } {
  const engine = {
    calls: 0,
    async recognize(image: RasterImage, page: number): Promise<PageText> {
      engine.calls++;
      const [width, height] = rotation % 180 === 0 ? [image.width, image.height] : [image.height, image.width];
      const lines: Line[] = LETTER.map((text, i) => {
        const top = 20 + 30 * i;
        let left = 20;
        const words = text.split(' ').map((word) => {
          const box: [number, number, number, number] = [left, top, left + 8 * word.length, top + 20];
          left = box[2] + 8;
          return { text: word, bbox: box, confidence: 95 };
        });
        return { text, bbox: [20, top, left - 8, top + 20], confidence: 95, words };
      });
      return { page, width, height, source: 'ocr', rotation, lines, text: LETTER.join('\n') };
    },
    async close() {},
  };
  return engine;
}

let dir: string;
let config: Config;
let processor: Processor;
let logged: string[];
let scan: string;

async function start(over: Partial<Config['output']> = {}, ocr = fakeOcr()): Promise<void> {
  config = { ...Config.parse({}), dataDir: path.join(dir, 'data'), output: { searchablePdf: true, previews: true, ...over } };
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logged.push(String(chunk));
      cb();
    },
  });
  processor = await createProcessor(config, pino({ level: 'warn' }, sink), { ocr });
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-output-'));
  logged = [];
  scan = path.join(dir, 'scan.png');
  await sharp({ create: { width: 400, height: 560, channels: 3, background: '#ffffff' } }).png().toFile(scan);
});
afterEach(async () => {
  await processor?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('ingest outputs', () => {
  it('writes the searchable PDF beside the original and a preview of the OCR’d page', async () => {
    await start();
    const job = await intakeFile(scan, config);
    const result = await processor.processFile(job);
    expect(result.status).toBe('done');
    const target = searchablePdfPath(config.dataDir, job.fileId);
    expect(path.dirname(target)).toBe(path.dirname(job.path));
    const [page] = await readBack(await fs.readFile(target));
    expect(page!.text).toContain('TỈNH ĐẮK LẮK');
    const preview = await sharp(pagePreviewPath(config.dataDir, job.fileId, 1)).metadata();
    expect(preview.format).toBe('webp');
    expect([preview.width, preview.height]).toEqual([400, 560]);
  });

  it('stores a preview of a page read turned the right way up', async () => {
    await start({}, fakeOcr(90));
    const job = await intakeFile(scan, config);
    await processor.processFile(job);
    const preview = await sharp(pagePreviewPath(config.dataDir, job.fileId, 1)).metadata();
    expect([preview.width, preview.height]).toEqual([560, 400]);
  });

  it('keeps the file’s results when the searchable PDF cannot be written, and says why', async () => {
    await start();
    const job = await intakeFile(scan, config);
    // A folder where the PDF should go: the rename into place fails.
    await fs.mkdir(path.join(searchablePdfPath(config.dataDir, job.fileId), 'blocker'), { recursive: true });
    const result = await processor.processFile(job);
    expect(result.status).toBe('done');
    expect(result.documents[0]?.ref).toBe('10023/UBND-KGVX');
    expect(logged.join('')).toContain('searchable pdf not written');
    expect((await processor.store.findFile(job.fileId))?.result.status).toBe('done');
  });

  it('writes neither output when both are switched off', async () => {
    await start({ searchablePdf: false, previews: false });
    const job = await intakeFile(scan, config);
    expect((await processor.processFile(job)).status).toBe('done');
    await expect(fs.stat(searchablePdfPath(config.dataDir, job.fileId))).rejects.toThrow();
    await expect(fs.stat(pagePreviewPath(config.dataDir, job.fileId, 1))).rejects.toThrow();
  });

  it('renders a text-layer PDF page’s preview on demand, once, and refuses pages that do not exist', async () => {
    await start();
    const file = path.join(dir, 'born-digital.pdf');
    await fs.writeFile(file, buildPdf([{ texts: [{ x: 72, y: 760, size: 14, text: 'Cong van so 10023/UBND-KGVX ngay 15 thang 11 nam 2018' }] }]));
    const job = await intakeFile(file, config);
    expect((await processor.processFile(job)).status).toBe('done');
    const cached = pagePreviewPath(config.dataDir, job.fileId, 1);
    await expect(fs.stat(cached)).rejects.toThrow();
    // Nothing to OCR, so the searchable PDF is the original's pages as they were.
    expect((await readBack(await fs.readFile(searchablePdfPath(config.dataDir, job.fileId))))[0]!.text).toBe('Cong van so 10023/UBND-KGVX ngay 15 thang 11 nam 2018');

    expect(await pagePreview(config, job.fileId, 1)).toBe(cached);
    const meta = await sharp(cached).metadata();
    expect(meta.format).toBe('webp');
    expect(Math.max(meta.width!, meta.height!)).toBe(1600);
    const { mtimeMs } = await fs.stat(cached);
    expect(await pagePreview(config, job.fileId, 1)).toBe(cached);
    expect((await fs.stat(cached)).mtimeMs).toBe(mtimeMs);

    for (const [sha, page] of [[job.fileId, 2], [job.fileId, 0], ['0'.repeat(64), 1], ['../x', 1]] as const) {
      await expect(pagePreview(config, sha, page)).rejects.toSatisfy((e: unknown) => e instanceof VanthuError && e.code === 'not-found');
    }
  });

  it('renders an image page’s preview on demand when it was not stored', async () => {
    await start({ previews: false });
    const job = await intakeFile(scan, config);
    await processor.processFile(job);
    const target = await pagePreview(config, job.fileId, 1);
    expect((await sharp(target).metadata()).width).toBe(400);
    await expect(pagePreview(config, job.fileId, 2)).rejects.toSatisfy((e: unknown) => e instanceof VanthuError && e.code === 'not-found');
  });
});

describe('readPages onRaster', () => {
  it('hands over the raster of OCR’d pages only, with the page read from it', async () => {
    const scanJpeg = await sharp({ create: { width: 310, height: 438, channels: 3, background: '#fff' } }).toColourspace('b-w').jpeg().toBuffer();
    const file = path.join(dir, 'mixed.pdf');
    await fs.writeFile(file, buildPdf([{ texts: [{ x: 72, y: 760, size: 12, text: 'Cong van so 123 ngay 15 thang 11 nam 2018' }] }, { jpeg: { data: scanJpeg, width: 310, height: 438 } }]));
    const seen: Array<[number, number, string]> = [];
    const { pages } = await readPages(file, {
      ocr: fakeOcr(),
      config: Config.parse({ ocr: { dpi: 50 } }),
      onRaster: async (image, page) => {
        seen.push([page.page, image.width, page.source]);
      },
    });
    expect(pages.map((p) => p.source)).toEqual(['text-layer', 'ocr']);
    expect(seen).toEqual([[2, pages[1]!.width, 'ocr']]);
  });
});

describe('output configuration', () => {
  it('is on by default and VANTHU_SEARCHABLE_PDF=0 / VANTHU_PAGE_PREVIEWS=0 turn it off', () => {
    expect(loadConfig({}, {}).output).toEqual({ searchablePdf: true, previews: true });
    expect(loadConfig({}, { VANTHU_SEARCHABLE_PDF: '0', VANTHU_PAGE_PREVIEWS: 'false' }).output).toEqual({ searchablePdf: false, previews: false });
    expect(loadConfig({}, { VANTHU_SEARCHABLE_PDF: '1' }).output.searchablePdf).toBe(true);
  });
});
