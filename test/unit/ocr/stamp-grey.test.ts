import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage } from '../../../src/stages/input/image.js';
import { eraseRules, stampFrames, turnedStampCrops } from '../../../src/stages/ocr/preprocess.js';
import { readGreyStamps, readStamp } from '../../../src/stages/ocr/stamps.js';
import { TesseractPool } from '../../../src/stages/ocr/tesseract.js';

// Real tesseract.js on stamp crops of the development corpus (origins in test/fixtures/ocr/README.md).
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
const config = { workers: 1, model: '4.0.0_best_int' as const, workerStartTimeoutMs: 60_000, pageTimeoutMs: 60_000 };

let pool: TesseractPool;
beforeAll(() => {
  pool = new TesseractPool(config);
});
afterAll(async () => {
  await pool.close();
});
const read = (png: Buffer, dpi: number | null, psm: string, whitelist?: string) => pool.recognizeWords(png, dpi, psm, whitelist);

/** A white page with a black rectangle frame (3 px lines) drawn turned by `angle` degrees. */
async function framedPage(angle: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2400" height="3000"><rect width="100%" height="100%" fill="white"/>
    <g transform="rotate(${angle} 900 800)"><rect x="500" y="600" width="800" height="380" fill="none" stroke="black" stroke-width="3"/>
    <text x="560" y="700" font-size="40" font-family="DejaVu Sans">VĂN PHÒNG UBND</text></g>
    <line x1="300" y1="400" x2="800" y2="400" stroke="black" stroke-width="3"/></svg>`;
  return sharp(Buffer.from(svg)).toColourspace('b-w').png().toBuffer();
}

describe('stamp frames on greyscale pages', () => {
  it('finds a drawn frame, straight or slanted, and not a lone rule', async () => {
    for (const angle of [0, 2.5]) {
      const boxes = await stampFrames(await framedPage(angle), 300);
      expect(boxes).toHaveLength(1);
      const [x0, y0, x1, y1] = boxes[0]!;
      expect(x0).toBeLessThan(520);
      expect(x1).toBeGreaterThan(1280);
      expect(y0).toBeLessThan(620);
      expect(y1).toBeGreaterThan(960);
    }
  });

  it('finds nothing on a page without frames', async () => {
    const blank = await sharp({ create: { width: 2400, height: 3000, channels: 3, background: '#ffffff' } }).toColourspace('b-w').png().toBuffer();
    expect(await stampFrames(blank, 300)).toEqual([]);
  });

  it('finds the frame of a bilevel stamp printed over the text (Group 4 scan)', async () => {
    const boxes = await stampFrames(fs.readFileSync(path.join(fixtures, 'dev-bilevel-stamp.png')), 300);
    expect(boxes.length).toBeGreaterThan(0);
    // the stamp "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH NGHỆ AN / Số: 3701 / ĐẾN 27/07/2022" lies inside the first box
    const [x0, y0, x1, y1] = boxes[0]!;
    expect(x0).toBeLessThan(200);
    expect(y0).toBeLessThan(330);
    expect(x1).toBeGreaterThan(1200);
    expect(y1).toBeGreaterThan(650);
  });
});

describe('eraseRules', () => {
  it('erases long rules, slanted ones too, and keeps short strokes', () => {
    const w = 200;
    const h = 60;
    const bin = Buffer.alloc(w * h, 255);
    for (let x = 0; x < 180; x++) bin[(10 + Math.floor(x / 40)) * w + x] = 0; // a rule slanting down one pixel every 40
    for (let y = 30; y < 50; y++) bin[y * w + 100] = 0; // a letter's stem, 20 px
    eraseRules(bin, w, h, 60);
    expect([...bin.subarray(10 * w, 16 * w)].every((v) => v === 255)).toBe(true);
    expect(bin[40 * w + 100]).toBe(0);
  });
});

describe('reading stamps', () => {
  it('reads a grey stamp over the text (greyscale scan): office, arrival number and ĐẾN date', async () => {
    const png = fs.readFileSync(path.join(fixtures, 'dev-grey-stamp.png'));
    const stamps = await readGreyStamps(png, 300, read);
    expect(stamps).toHaveLength(1);
    const text = stamps[0]!.map((l) => l.text);
    expect(text.some((t) => /^Số: 60\b/u.test(t))).toBe(true);
    expect(text).toContain('ĐẾN 03-01-2019');
    expect(text.some((t) => /HĐND VÀ .*HỘI/u.test(t))).toBe(true);
    expect(stamps[0]!.every((l) => l.kind === 'stamp')).toBe(true);
  }, 180_000);

  it('finds and reads the coloured stamp of a page scanned upside down', async () => {
    const source = await openImage(path.join(fixtures, 'seed-p2-stamp.jpg'), { maxPagePixels: 60_000_000, maxPages: 10 });
    const upright = await source.page(1);
    const turned = { ...upright, png: await sharp(upright.png).rotate(180).png().toBuffer() };
    // OCR found the page reads best turned by 180°: its stamp is searched on the page set upright
    const crops = await turnedStampCrops(turned, 180);
    expect(crops.length).toBeGreaterThan(0);
    const lines = (await Promise.all(crops.map((c) => readStamp(c, 300, read)))).flat().map((l) => l.text);
    expect(lines).toContain('Số: 10781');
    expect(lines).toContain('ĐẾN 09-11-2018');
  }, 180_000);
});
