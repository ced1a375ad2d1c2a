import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { prepareForOcr } from '../../../src/stages/ocr/preprocess.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');

async function meanOf(png: Buffer, box: { left: number; top: number; width: number; height: number }): Promise<number> {
  const stats = await sharp(await sharp(png).extract(box).png().toBuffer()).stats(); // stats() reads the input, not the pipeline
  return stats.channels[0]!.mean;
}

describe('prepareForOcr', () => {
  it('fades the red stamp out of the main pass and keeps it alone in the ink layer', async () => {
    const png = await readFile(path.join(fixtures, 'letter-colour.png'));
    const { main, ink } = await prepareForOcr({ png, width: 2480, height: 1500, dpi: 300 }, { inkPass: true });
    expect(ink).not.toBeNull();
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
