import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Line } from '../../../schemas/page.js';
import { betterNumberLine, TesseractPool } from '../../../src/stages/ocr/tesseract.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const config = { workers: 1, model: '4.0.0_best_int' as const, workerStartTimeoutMs: 60_000, pageTimeoutMs: 60_000 };

function line(text: string, confidence: number): Line {
  const words = text.split(' ').map((word) => ({ text: word, bbox: [0, 0, 10, 10] as [number, number, number, number], confidence }));
  return { text, bbox: [0, 0, 100, 10], confidence, words };
}

describe('betterNumberLine', () => {
  it('prefers a well-formed number and symbol over a better-scored garble', () => {
    expect(betterNumberLine(line('Số: 51/BC-STTTT', 60), line('Số: 51 7B', 80))).toBe(true);
    expect(betterNumberLine(line('Số: 72/2015/NĐ-CP', 50), line('Số: 72/2015NĐCP', 90))).toBe(true);
  });

  it('keeps the first reading when the second lost the label or is no better', () => {
    expect(betterNumberLine(line('51/BC-STTTT', 95), line('Số: 51 7B', 80))).toBe(false);
    expect(betterNumberLine(line('Số: 51/BC-STTTT', 60), line('Số: 51/BC-STTTT', 90))).toBe(false);
  });
});

describe('number line re-read (real tesseract.js)', () => {
  let pool: TesseractPool;
  beforeAll(() => {
    pool = new TesseractPool(config);
  });
  afterAll(async () => {
    await pool.close();
  });

  it('reads a wide-spaced symbol that the whole-page pass garbles', async () => {
    // The header of samples/IMG_20190225_079468.jpg (dev-set report 51/BC-STTTT), cropped here.
    const header = await sharp(path.join(root, 'samples/IMG_20190225_079468.jpg'))
      .extract({ left: 0, top: 0, width: 2479, height: 1400 })
      .png()
      .toBuffer();
    const page = await pool.recognize({ png: header, width: 2479, height: 1400, dpi: 300 }, 1);
    expect(page.lines.map((l) => l.text).slice(0, 6)).toContain('Số: 51/BC-STTTT');
  });
});
