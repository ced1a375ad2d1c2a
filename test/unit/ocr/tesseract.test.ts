import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TesseractPool, localLangPath } from '../../../src/stages/ocr/tesseract.js';
import { VanthuError } from '../../../src/errors.js';
import type { RasterImage } from '../../../src/stages/types.js';

const require = createRequire(import.meta.url);
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
const config = { workers: 1, model: '4.0.0_best_int' as const, workerStartTimeoutMs: 60_000, pageTimeoutMs: 60_000 };

async function raster(png: Buffer, dpi: number | null = 300): Promise<RasterImage> {
  const meta = await sharp(png).metadata();
  return { png, width: meta.width!, height: meta.height!, dpi };
}

let letter: Buffer;
let pool: TesseractPool;
let tmp: string;
beforeAll(async () => {
  letter = await readFile(path.join(fixtures, 'letter-colour.png'));
  pool = new TesseractPool(config);
  tmp = await mkdtemp(path.join(tmpdir(), 'vanthu-ocr-'));
});
afterAll(async () => {
  await pool.close();
  await rm(tmp, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<VanthuError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VanthuError);
  return error as VanthuError;
}

describe('TesseractPool', () => {
  it('uses the language data inside node_modules', () => {
    const dir = localLangPath('4.0.0_best_int');
    expect(existsSync(path.join(dir, 'vie.traineddata.gz'))).toBe(true);
    expect(dir).toContain(path.join('node_modules', '@tesseract.js-data', 'vie', '4.0.0_best_int'));
  });

  it('reads a Vietnamese letter: columns apart, key lines exact, the red stamp as extra lines', async () => {
    const page = await pool.recognize(await raster(letter), 7);
    expect(page).toMatchObject({ page: 7, source: 'ocr', rotation: 0, width: 2480, height: 1500 });
    const lines = page.text.split('\n');
    for (const exact of ['Số: 10023/UBND-KGVX', 'Đăk Lăk, ngày 15 tháng 11 năm 2018', 'TL. CHỦ TỊCH', 'Nguyễn Tiến Dũng']) {
      expect(lines).toContain(exact);
    }
    // Reading order: left header column, right header column, body, Nơi nhận, signature block.
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('ỦY BAN')).toBeLessThan(at('Số: 10023'));
    expect(at('Số: 10023')).toBeLessThan(at('CỘNG H'));
    expect(at('CỘNG H')).toBeLessThan(at('Đăk Lăk'));
    expect(at('Đăk Lăk')).toBeLessThan(at('Kính gửi'));
    expect(at('Kính gửi')).toBeLessThan(at('Nơi nhận'));
    expect(at('Nơi nhận')).toBeLessThan(at('Như trên'));
    expect(at('Như trên')).toBeLessThan(at('TL. CHỦ TỊCH'));
    // The stamp's own lines come from the ink pass.
    expect(page.text).toMatch(/Số: ?10781/);
    expect(page.text).toMatch(/Đ[ẾE]N 09-11-2018/);
    const word = page.lines.flatMap((l) => l.words).find((w) => w.text === 'Dũng')!;
    expect(word.bbox[0]).toBeGreaterThan(1200);
    expect(word.confidence).toBeGreaterThan(50);
  });

  it('undoes a page turned upside down and records the rotation', async () => {
    const footer = await sharp(letter).extract({ left: 0, top: 820, width: 2480, height: 560 }).toColourspace('b-w').rotate(180).png().toBuffer();
    const page = await pool.recognize(await raster(footer), 1);
    expect(page.rotation).toBe(180);
    expect(page.text).toContain('Nguyễn Tiến Dũng');
  });

  it('maps a page timeout to ocr-timeout and a failed start to ocr-failed', async () => {
    const small = await sharp(letter).extract({ left: 0, top: 300, width: 1200, height: 120 }).png().toBuffer();
    const hasty = new TesseractPool({ ...config, workerStartTimeoutMs: 1 });
    try {
      expect((await errorOf(hasty.recognize(await raster(small), 1))).code).toBe('ocr-timeout');
    } finally {
      await hasty.close();
    }
    const broken = new TesseractPool({ ...config, model: 'no-such-model' as unknown as '4.0.0' });
    try {
      expect((await errorOf(broken.recognize(await raster(small), 1))).code).toBe('ocr-failed');
    } finally {
      await broken.close();
    }
  });
});

/**
 * A tesseract.js worker script that holds every recognize request but the first for `delayMs` before
 * handling it: the passes after a page's first one then take a delay each, every one alone well
 * under the page limit.
 */
async function slowWorkerScript(delayMs: number): Promise<string> {
  const file = path.join(tmp, `slow-worker-${delayMs}.cjs`);
  const real = path.join(path.dirname(require.resolve('tesseract.js/package.json')), 'src', 'worker-script', 'node', 'index.js');
  await writeFile(
    file,
    [
      `const { parentPort } = require('node:worker_threads');`,
      `const on = parentPort.on.bind(parentPort);`,
      `let seen = 0;`,
      `parentPort.on = (event, handler) => on(event, event !== 'message' ? handler : (packet) => {`,
      `  if (packet && packet.action === 'recognize' && seen++ > 0) setTimeout(() => handler(packet), ${delayMs}); else handler(packet);`,
      `});`,
      `require(${JSON.stringify(real)});`,
    ].join('\n'),
  );
  return file;
}

describe('page time limit', () => {
  it('covers all the passes of a page together, not each pass alone', async () => {
    // Upside down: the main pass reads it badly, a turned pass follows, then the footer's signature
    // column is read again: after the first, passes of 6 s each, every one alone well inside 10 s.
    const footer = await sharp(letter).extract({ left: 0, top: 820, width: 2480, height: 560 }).toColourspace('b-w').rotate(180).png().toBuffer();
    const limit = 10_000;
    const slow = new TesseractPool({ ...config, pageTimeoutMs: limit }, { workerPath: await slowWorkerScript(6_000), inkPass: false });
    try {
      const error = await errorOf(slow.recognize(await raster(footer), 1));
      expect(error.code).toBe('ocr-timeout');
      // The first pass finished within the limit; the page ran out during a later one.
      expect(slow.stats().passes.main.calls).toBe(1);
      const { orientation, columns } = slow.stats().passes;
      expect(orientation.calls + columns.calls).toBeGreaterThanOrEqual(1);
    } finally {
      await slow.close();
    }
  });
});

describe('worker recycling', () => {
  it('replaces a worker after the configured number of pages, and when the process is over its RSS limit', async () => {
    const line = await sharp(letter).extract({ left: 1100, top: 80, width: 1380, height: 180 }).png().toBuffer();
    const options = { inkPass: false, autoRotate: false, columnPass: false };
    const everyTwo = new TesseractPool({ ...config, recycleAfterPages: 2, maxRssMb: 100_000, maxSkewDegrees: 0 }, options);
    try {
      for (let i = 0; i < 5; i++) expect((await everyTwo.recognize(await raster(line), 1)).text).toContain('CỘNG HÒA');
      expect(everyTwo.workersStarted).toBe(3); // pages 1-2, 3-4, 5
    } finally {
      await everyTwo.close();
    }
    const tight = new TesseractPool({ ...config, recycleAfterPages: 1_000, maxRssMb: 1 }, options);
    try {
      for (let i = 0; i < 2; i++) expect((await tight.recognize(await raster(line), 1)).text).toContain('CỘNG HÒA');
      expect(tight.workersStarted).toBe(2);
    } finally {
      await tight.close();
    }
  });
});

describe('offline', () => {
  it('never touches the network while starting workers and reading a page', async () => {
    const netLog = path.join(tmp, 'net.log');
    process.env.VANTHU_NET_LOG = netLog;
    const workerPath = path.join(fixtures, 'no-network-worker.cjs');
    // Main thread: any request fails the test.
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new Error('network')));
    const httpSpy = vi.spyOn(http, 'request').mockImplementation(() => {
      throw new Error('network');
    });
    const httpsSpy = vi.spyOn(https, 'request').mockImplementation(() => {
      throw new Error('network');
    });
    try {
      // Control: the stubbed worker does catch a worker that wants to download its language data.
      let reported: (error: unknown) => void = () => undefined;
      const failure = new Promise<unknown>((resolve) => {
        reported = resolve;
      });
      const online = Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, {
        workerPath,
        langPath: 'https://cdn.jsdelivr.net/npm/@tesseract.js-data/vie/4.0.0_best_int',
        cacheMethod: 'none',
        errorHandler: (error: unknown) => reported(error),
      });
      online.then((w) => w.terminate()).catch(() => undefined);
      expect(String(await Promise.race([online.then(() => 'started'), failure]))).toMatch(/network access attempted/);
      expect(await readFile(netLog, 'utf8')).toMatch(/^fetch https:\/\/cdn\.jsdelivr\.net/);
      await rm(netLog);

      const offline = new TesseractPool(config, { workerPath, inkPass: false, autoRotate: false });
      try {
        const line = await sharp(letter).extract({ left: 1100, top: 80, width: 1380, height: 180 }).png().toBuffer();
        const page = await offline.recognize(await raster(line), 1);
        expect(page.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      } finally {
        await offline.close();
      }
      expect(existsSync(netLog)).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(httpSpy).not.toHaveBeenCalled();
      expect(httpsSpy).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
      delete process.env.VANTHU_NET_LOG;
    }
  });
});
