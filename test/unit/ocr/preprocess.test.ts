import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { eraseDottedLines, prepareForOcr, textRows } from '../../../src/stages/ocr/preprocess.js';
import { openImage } from '../../../src/stages/input/image.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');

async function meanOf(png: Buffer, box: { left: number; top: number; width: number; height: number }): Promise<number> {
  const stats = await sharp(await sharp(png).extract(box).png().toBuffer()).stats(); // stats() reads the input, not the pipeline
  return stats.channels[0]!.mean;
}

describe('prepareForOcr', () => {
  it('fades the red stamp out of the main pass and keeps it alone in the ink layer', async () => {
    const png = await readFile(path.join(fixtures, 'letter-colour.png'));
    const { main, ink, stamps } = await prepareForOcr({ png, width: 2480, height: 1500, dpi: 300 }, { inkPass: true, inkLayer: true });
    expect(ink).not.toBeNull();
    expect(stamps).toHaveLength(1); // the synthetic red stamp, read on its own by the OCR
    const stampText = { left: 200, top: 480, width: 300, height: 60 }; // "Số: 10781" in red
    const blackText = { left: 1250, top: 320, width: 700, height: 50 }; // the date line in black
    expect(await meanOf(main, stampText)).toBeGreaterThan(240); // stamp faded out of the main pass
    expect(await meanOf(main, blackText)).toBeLessThan(235); // black print kept
    expect(await meanOf(ink!, stampText)).toBeLessThan(200); // stamp present in the ink layer
    expect(await meanOf(ink!, blackText)).toBe(255); // black print absent from it
    expect((await sharp(main).metadata()).channels).toBe(1);
  });

  it('leaves a grey page alone and skips the ink pass', async () => {
    const png = await sharp(await readFile(path.join(fixtures, 'letter-colour.png'))).flatten({ background: '#ffffff' }).toColourspace('b-w').png().toBuffer();
    const { main, ink } = await prepareForOcr({ png, width: 2480, height: 1500, dpi: 300 }, { inkPass: true });
    expect(ink).toBeNull();
    expect(main === png).toBe(true); // passed through untouched
  });
});

describe('stamp regions', () => {
  it('finds the red stamp of the seed scan (with its blue number) and its text rows', async () => {
    const source = await openImage(path.join(fixtures, 'seed-p2-stamp.jpg'), { maxPagePixels: 60_000_000, maxPages: 10 });
    const image = await source.page(1);
    const { stamps } = await prepareForOcr(image, { inkPass: true });
    expect(stamps).toHaveLength(1);
    const [x0, y0, x1, y1] = stamps[0]!.box;
    // The stamp's frame spans about x 370–1120, y 380–720 in this crop.
    expect(x0).toBeGreaterThan(300);
    expect(x0).toBeLessThan(380);
    expect(x1).toBeGreaterThan(1120);
    expect(x1).toBeLessThan(1200);
    expect(y0).toBeGreaterThan(320);
    expect(y0).toBeLessThan(390);
    expect(y1).toBeGreaterThan(710);
    expect(y1).toBeLessThan(800);
    // Office, "Số: 10781", "ĐẾN 09-11-2018", "Chuyển:".
    expect(stamps[0]!.rows).toHaveLength(4);
    expect(stamps[0]!.scale).toBe(2);
    const meta = await sharp(stamps[0]!.png).metadata();
    expect(meta.width).toBe((x1 - x0) * 2);
  });

  it('finds no stamp on a grey page or with the ink pass off', async () => {
    const png = await readFile(path.join(fixtures, 'letter-colour.png'));
    expect((await prepareForOcr({ png, width: 2480, height: 1500, dpi: 300 }, { inkPass: false })).stamps).toEqual([]);
    const grey = await sharp(png).flatten({ background: '#ffffff' }).toColourspace('b-w').png().toBuffer();
    expect((await prepareForOcr({ png: grey, width: 2480, height: 1500, dpi: 300 }, { inkPass: true })).stamps).toEqual([]);
  });
});

describe('textRows and eraseDottedLines', () => {
  it('erases a dotted line but not the text above it, and finds the text rows', () => {
    const w = 400;
    const h = 200;
    const bin = Buffer.alloc(w * h, 255);
    const fill = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) bin[y * w + x] = 0;
    };
    for (let x = 60; x < 340; x += 10) fill(x, 40, x + 4, 80); // a "text" row of strokes, 40 px (3.4 mm at 300 dpi)
    for (let x = 60; x < 340; x += 14) fill(x, 90, x + 4, 94); // 20 dots under it
    for (let x = 60; x < 200; x += 10) fill(x, 130, x + 4, 170); // a second row
    fill(20, 190, 380, 193); // the frame's bottom rule: not a text row
    eraseDottedLines(bin, w, h);
    expect(bin[92 * w + 62]).toBe(255);
    expect(bin[60 * w + 100]).toBe(0);
    expect(bin[191 * w + 200]).toBe(0); // a rule is no dotted line
    const mm = 300 / 25.4;
    const rows = textRows(bin, w, h, mm);
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBeLessThan(40);
    expect(rows[0]![1]).toBeGreaterThan(80);
    expect(rows[1]![0]).toBeGreaterThan(90);
  });
});
