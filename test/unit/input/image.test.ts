import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage } from '../../../src/stages/input/image.js';
import { VanthuError } from '../../../src/errors.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
const limits = { maxPagePixels: 60_000_000, maxPages: 500 };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-image-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A grey test card with a dark bar, w×h. */
function card(w: number, h: number, colour = false) {
  const channels = colour ? 3 : 1;
  const raw = Buffer.alloc(w * h * channels, 255);
  for (let y = Math.floor(h / 3); y < Math.floor(h / 2); y++) raw.fill(0, y * w * channels, (y * w + Math.floor(w / 2)) * channels);
  const image = sharp(raw, { raw: { width: w, height: h, channels } });
  return colour ? image : image.toColourspace('b-w');
}

async function errorOf(promise: Promise<unknown>): Promise<VanthuError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VanthuError);
  return error as VanthuError;
}

describe('openImage', () => {
  it('reads a PNG with its resolution', async () => {
    const p = path.join(dir, 'a.png');
    await card(300, 400).toColourspace('b-w').withMetadata({ density: 300 }).png().toFile(p);
    const src = await openImage(p, limits);
    expect(src.pageCount).toBe(1);
    const page = await src.page(1);
    expect([page.width, page.height, page.dpi]).toEqual([300, 400, 300]);
    expect((await sharp(page.png).metadata()).format).toBe('png');
  });

  it('reads a colour JPEG, keeping colour for the stamp pass', async () => {
    const p = path.join(dir, 'a.jpg');
    await card(200, 100, true).withMetadata({ density: 200 }).jpeg().toFile(p);
    const page = await (await openImage(p, limits)).page(1);
    expect([page.width, page.height, page.dpi]).toEqual([200, 100, 200]);
    expect((await sharp(page.png).metadata()).channels).toBe(3);
  });

  it('treats the 72 dpi libvips default as unknown resolution', async () => {
    const p = path.join(dir, 'nodpi.png');
    await card(50, 50).png().toFile(p);
    const page = await (await openImage(p, limits)).page(1);
    expect(page.dpi).toBeNull();
    expect((await sharp(page.png).metadata()).channels).toBe(1); // grey stays grey
  });

  it('reads every page of a multi-page CCITT Group 4 TIFF', async () => {
    const src = await openImage(path.join(fixtures, 'g4-two-pages-second-upside-down.tif'), limits);
    expect(src.pageCount).toBe(2);
    for (const n of [1, 2]) {
      const page = await src.page(n);
      expect([page.width, page.height, page.dpi]).toEqual([1653, 2339, 200]);
      const stats = await sharp(page.png).stats();
      expect(stats.channels[0]!.min).toBe(0); // black print survived decoding
    }
  });

  it('reads a multi-page TIFF written by sharp (Group 4, 1 bit)', async () => {
    const p = path.join(dir, 'multi.tif');
    const pageA = await card(120, 80, true).png().toBuffer();
    const pageB = await card(120, 80, true).flip().png().toBuffer();
    await sharp([pageA, pageB], { join: { animated: true } }).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toFile(p);
    const src = await openImage(p, limits);
    expect(src.pageCount).toBe(2);
    const b = await src.page(2);
    expect([b.width, b.height]).toEqual([120, 80]);
  });

  it('refuses a page above limits.maxPagePixels as too-large', async () => {
    const p = path.join(dir, 'big.png');
    await card(100, 100).png().toFile(p);
    const src = await openImage(p, { ...limits, maxPagePixels: 9999 });
    expect((await errorOf(src.page(1))).code).toBe('too-large');
  });

  it('reports a damaged image as unreadable-file', async () => {
    const good = await card(400, 400).png().toBuffer();
    const p = path.join(dir, 'cut.png');
    await writeFile(p, good.subarray(0, 60));
    const error = await errorOf(openImage(p, limits).then((s) => s.page(1)));
    expect(error.code).toBe('unreadable-file');
    // the fixture is intact
    expect((await readFile(path.join(fixtures, 'g4-two-pages-second-upside-down.tif'))).length).toBeGreaterThan(1000);
  });
});
