import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPages } from '../../../src/stages/read-pages.js';
import { Config } from '../../../schemas/config.js';
import type { Line, PageText } from '../../../schemas/page.js';
import type { OcrEngine, RasterImage } from '../../../src/stages/types.js';
import type { OcrWords } from '../../../src/stages/ocr/words.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-sign-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function line(text: string, bbox: [number, number, number, number]): Line {
  const parts = text.split(' ');
  const step = (bbox[2] - bbox[0]) / parts.length;
  const words = parts.map((t, i) => ({ text: t, bbox: [bbox[0] + i * step, bbox[1], bbox[0] + (i + 1) * step - 5, bbox[3]] as [number, number, number, number], confidence: 90 }));
  return { text, bbox, confidence: 90, words };
}

/** A whole-page pass that loses the signature block under its seal. */
class PageOnlyEngine implements OcrEngine {
  recognize(image: RasterImage, page: number): Promise<PageText> {
    const lines = [line('Nơi nhận:', [350, 1850, 560, 1895]), line('- Như trên;', [350, 1905, 560, 1945]), line('- Lưu: VT.', [350, 1955, 600, 1995])];
    return Promise.resolve({ page, width: image.width, height: image.height, source: 'ocr', rotation: 0, lines, text: lines.map((l) => l.text).join('\n') });
  }
  async close(): Promise<void> {}
}

/** The same, with a region reader that finds the block. */
class SealedFooterEngine extends PageOnlyEngine {
  regionCalls = 0;
  recognizeWords(): Promise<OcrWords> {
    this.regionCalls++;
    const lines = ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hải'].map((t, i) => line(t, [300, 60 + 80 * i, 800, 110 + 80 * i]));
    return Promise.resolve({ lines, confidence: 90, chars: 30 });
  }
}

/** A region reader that fails: the optional pass must not fail the file. */
class FailingRegionEngine extends PageOnlyEngine {
  recognizeWords(): Promise<OcrWords> {
    return Promise.reject(new Error('worker died'));
  }
}

describe('readPages and the signature block', () => {
  it('keeps the page as first read when reading the block again fails', async () => {
    const file = path.join(dir, 'page3.png');
    await writeFile(file, await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } }).png().toBuffer());
    const { pages } = await readPages(file, { ocr: new FailingRegionEngine(), config: Config.parse({}) });
    expect(pages[0]!.text).toBe('Nơi nhận:\n- Như trên;\n- Lưu: VT.');
  });
  it('reads the block again where the engine can read a region', async () => {
    const file = path.join(dir, 'page.png');
    await writeFile(file, await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } }).png().toBuffer());
    const engine = new SealedFooterEngine();
    const { pages } = await readPages(file, { ocr: engine, config: Config.parse({}) });
    expect(engine.regionCalls).toBe(1);
    expect(pages[0]!.text.split('\n')).toEqual(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Lê Văn Hải']);
  });
  it('leaves the page as read by an engine that cannot read regions', async () => {
    const file = path.join(dir, 'page2.png');
    await writeFile(file, await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } }).png().toBuffer());
    const engine = new PageOnlyEngine();
    const { pages } = await readPages(file, { ocr: engine, config: Config.parse({}) });
    expect(pages[0]!.text).toBe('Nơi nhận:\n- Như trên;\n- Lưu: VT.');
  });
});
