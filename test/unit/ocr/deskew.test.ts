import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskewBox, deskewPng, detectSkew } from '../../../src/stages/ocr/deskew.js';
import { TesseractPool } from '../../../src/stages/ocr/tesseract.js';
import type { RasterImage } from '../../../src/stages/types.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
const config = { workers: 1, model: '4.0.0_best_int' as const, workerStartTimeoutMs: 60_000, pageTimeoutMs: 120_000, maxSkewDegrees: 5 };

/**
 * seed-p1-footer.jpg is a crop of seed page 1, whose scan the corpus truth gives a skew of 0.31°
 * (`pageSkew` in /work/shared/corpus/seed/000_47729b0b45449708.truth.json): the crop turned by
 * `a` degrees clockwise has its lines at a + 0.31°.
 */
const FOOTER_OWN_SKEW = 0.31;
/** The crop's text, as the corpus truth of the seed dispatch gives it (its end: Nơi nhận | signature). */
const TRUTH = `Nơi nhận:
- Như trên;
- CT, PCT UBND tỉnh;
- Sở Tài chính;
- Văn phòng UBND tỉnh:
+ CVP, PCVP (Đ/c Dũng);
+ Lưu VT, KGVX (HVN-9b)
TL. CHỦ TỊCH
KT. CHÁNH VĂN PHÒNG
PHÓ CHÁNH VĂN PHÒNG
Nguyễn Tiến Dũng`;

let footer: Buffer;
let pool: TesseractPool;
beforeAll(async () => {
  footer = await sharp(await readFile(path.join(fixtures, 'seed-p1-footer.jpg'))).png().toBuffer();
  pool = new TesseractPool(config);
});
afterAll(async () => {
  await pool.close();
});

/** The footer turned clockwise by `degrees` (white corners), as a scanner feeding it askew would. */
async function turned(degrees: number): Promise<Buffer> {
  return degrees === 0 ? footer : sharp(footer).rotate(degrees, { background: '#ffffff' }).png().toBuffer();
}

async function raster(png: Buffer): Promise<RasterImage> {
  const meta = await sharp(png).metadata();
  return { png, width: meta.width!, height: meta.height!, dpi: 300 };
}

/** Truth lines read exactly, spaces aside (a line threaded into its neighbour counts as lost). */
function linesRead(text: string): number {
  const read = new Set(text.split('\n').map((l) => l.replace(/\s+/gu, '')));
  return TRUTH.split('\n').filter((l) => read.has(l.replace(/\s+/gu, ''))).length;
}

describe('detectSkew', () => {
  it.each([3, -4])('measures a scan turned by %s° within 0.5°', async (degrees) => {
    const found = await detectSkew(await turned(degrees));
    expect(found.sideways).toBe(false);
    expect(Math.abs(found.degrees - (degrees + FOOTER_OWN_SKEW))).toBeLessThan(0.5);
  });

  it('leaves a nearly level scan alone and flags one lying on its side', async () => {
    expect(Math.abs((await detectSkew(footer)).degrees)).toBeLessThan(0.5);
    const sideways = await detectSkew(await sharp(footer).rotate(90).png().toBuffer());
    expect(sideways).toMatchObject({ degrees: 0, sideways: true });
  });

  it('finds nothing on a blank page', async () => {
    const blank = await sharp({ create: { width: 800, height: 1000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(await detectSkew(blank)).toMatchObject({ degrees: 0, sideways: false });
  });

  it('straightens a page without changing its size', async () => {
    const straightened = await deskewPng(await turned(3), 3 + FOOTER_OWN_SKEW);
    const meta = await sharp(straightened).metadata();
    const before = await sharp(await turned(3)).metadata();
    expect([meta.width, meta.height]).toEqual([before.width, before.height]);
    expect(Math.abs((await detectSkew(straightened)).degrees)).toBeLessThan(0.3);
  });
});

/** Bounding box [x0, y0, x1, y1] of the dark pixels of a greyscale image. */
async function inkBox(png: Buffer): Promise<[number, number, number, number]> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const box: [number, number, number, number] = [Infinity, Infinity, -1, -1];
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      if (data[y * info.width + x]! >= 128) continue;
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x + 1);
      box[3] = Math.max(box[3], y + 1);
    }
  }
  return box;
}

describe('deskewBox', () => {
  it('maps a box of the skewed page to where it lies once the page is straightened', async () => {
    const [width, height] = [1200, 1600];
    const square = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#000000' } }).png().toBuffer();
    const straight = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
      .composite([{ input: square, left: 150, top: 200 }])
      .png()
      .toBuffer();
    // The same page scanned 3° askew, on a sheet of the same size.
    const turned = await sharp(straight).rotate(3, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const skewed = await sharp(turned.data, { raw: turned.info })
      .extract({ left: Math.round((turned.info.width - width) / 2), top: Math.round((turned.info.height - height) / 2), width, height })
      .png()
      .toBuffer();
    const placed = deskewBox(await inkBox(skewed), 3, width, height);
    const [x, y] = [(placed[0] + placed[2]) / 2, (placed[1] + placed[3]) / 2];
    expect(Math.abs(x - 190)).toBeLessThan(4);
    expect(Math.abs(y - 240)).toBeLessThan(4);
  });
});

describe('TesseractPool deskew', () => {
  it('reads a scan turned by 3° and by -4° as well as the straight one, and records the skew', async () => {
    const straight = linesRead((await pool.recognize(await raster(footer), 1)).text);
    expect(straight).toBeGreaterThanOrEqual(9);
    for (const degrees of [3, -4]) {
      const page = await pool.recognize(await raster(await turned(degrees)), 1);
      // One line may come out differently either way (the seal sits over the signature block).
      expect(linesRead(page.text)).toBeGreaterThanOrEqual(straight - 1);
      expect(Math.abs(page.skew! - (degrees + FOOTER_OWN_SKEW))).toBeLessThan(0.5);
    }
  });
});
