import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.js';
import type { PageText } from '../../../schemas/page.js';
import { intakeFile } from '../../../src/intake/intake.js';
import { loadPageText, pageTextPath, savePageText, searchablePdfPath } from '../../../src/pipeline/artifacts.js';
import { createProcessor, type Processor } from '../../../src/pipeline/process.js';
import type { OcrEngine, RasterImage } from '../../../src/stages/types.js';

/** The header of a letter as OCR would give it, one line per row. */
const LETTER = [
  'ỦY BAN NHÂN DÂN',
  'TỈNH ĐẮK LẮK',
  'Số: 10023/UBND-KGVX',
  'V/v triển khai Quyết định số 1486/QĐ-TTg',
  'Đắk Lắk, ngày 15 tháng 11 năm 2018',
  'Kính gửi: Sở Thông tin và Truyền thông',
];

/** An OCR engine that counts its calls and answers the letter above for any image. */
function countingOcr(): OcrEngine & { calls: number } {
  const engine = {
    calls: 0,
    async recognize(image: RasterImage, page: number): Promise<PageText> {
      engine.calls++;
      const lines = LETTER.map((text, i) => ({ text, bbox: [100, 100 + 60 * i, 1500, 140 + 60 * i] as [number, number, number, number], confidence: 95, words: [] }));
      return { page, width: image.width, height: image.height, source: 'ocr', rotation: 0, lines, text: LETTER.join('\n') };
    },
    async close() {},
  };
  return engine;
}

let dir: string;
let config: Config;
let processor: Processor;
let ocr: ReturnType<typeof countingOcr>;
let scan: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-reprocess-'));
  config = { ...Config.parse({}), dataDir: path.join(dir, 'data') };
  ocr = countingOcr();
  processor = await createProcessor(config, pino({ level: 'silent' }), { ocr });
  scan = path.join(dir, 'scan.png');
  await sharp({ create: { width: 400, height: 560, channels: 3, background: '#ffffff' } }).png().toFile(scan);
});
afterEach(async () => {
  await processor.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('stored page text', () => {
  it('round-trips, and a missing or damaged file reads as none', async () => {
    const sha = 'a'.repeat(64);
    expect(await loadPageText(config.dataDir, sha)).toBeNull();
    const page: PageText = { page: 1, width: 10, height: 20, source: 'ocr', rotation: 0, lines: [], text: 'Đắk Lắk' };
    await savePageText(config.dataDir, sha, [page]);
    expect(await loadPageText(config.dataDir, sha)).toEqual([page]);
    await fs.writeFile(pageTextPath(config.dataDir, sha), 'not gzip');
    expect(await loadPageText(config.dataDir, sha)).toBeNull();
  });
});

describe('processFile redo options', () => {
  it('reports a stored file as a duplicate, re-extracts it with force without OCR, and reads it again with reread', async () => {
    const job = await intakeFile(scan, config);
    const first = await processor.processFile(job);
    expect(first.status).toBe('done');
    expect(first.documents[0]?.ref).toBe('10023/UBND-KGVX');
    expect(ocr.calls).toBe(1);
    expect(await loadPageText(config.dataDir, job.fileId)).toHaveLength(1);

    expect((await processor.processFile(job)).status).toBe('duplicate');
    expect(ocr.calls).toBe(1);

    const again = await processor.processFile(job, { force: true });
    expect(again.status).toBe('done');
    expect(again.documents[0]?.ref).toBe('10023/UBND-KGVX');
    expect(ocr.calls).toBe(1);

    await processor.processFile(job, { force: true, reread: true });
    expect(ocr.calls).toBe(2);
  });

  it('reads the pages again when the stored text is damaged', async () => {
    const job = await intakeFile(scan, config);
    await processor.processFile(job);
    await fs.writeFile(pageTextPath(config.dataDir, job.fileId), '{');
    await processor.processFile(job, { force: true });
    expect(ocr.calls).toBe(2);
  });

  it('re-extracting keeps the searchable PDF, writes it again when it is missing, and a re-read rewrites it', async () => {
    const job = await intakeFile(scan, config);
    await processor.processFile(job);
    const target = searchablePdfPath(config.dataDir, job.fileId);
    const first = (await fs.stat(target)).mtimeMs;
    await processor.processFile(job, { force: true });
    expect((await fs.stat(target)).mtimeMs).toBe(first);
    await fs.rm(target);
    await processor.processFile(job, { force: true });
    expect(ocr.calls).toBe(1);
    await fs.stat(target);
    await fs.writeFile(target, 'stale');
    await processor.processFile(job, { force: true, reread: true });
    expect((await fs.readFile(target)).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
