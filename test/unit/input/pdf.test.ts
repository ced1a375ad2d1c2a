import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdf, trustTextLayer } from '../../../src/stages/input/pdf.js';
import { VanthuError } from '../../../src/errors.js';
import { buildPdf } from '../../helpers/pdf-builder.js';

const options = { ocr: { dpi: 300, textLayerMinCoverage: 0.02 }, limits: { maxPages: 500, maxPagePixels: 60_000_000 } };
let dir: string;
let scanJpeg: { data: Buffer; width: number; height: number };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-pdf-'));
  // A grey "scan": white page with dark bars where lines of print would be.
  const w = 620;
  const h = 877;
  const raw = Buffer.alloc(w * h, 245);
  for (let y = 100; y < 700; y += 30) raw.fill(20, y * w + 60, y * w + 560);
  scanJpeg = { data: await sharp(raw, { raw: { width: w, height: h, channels: 1 } }).jpeg().toBuffer(), width: w, height: h };
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function pdfFile(name: string, bytes: Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, bytes);
  return p;
}

async function errorOf(promise: Promise<unknown>): Promise<VanthuError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VanthuError);
  return error as VanthuError;
}

const headerAndBody = [
  { x: 60, y: 780, size: 12, text: 'UY BAN NHAN DAN' },
  { x: 300, y: 780, size: 12, text: 'CONG HOA XA HOI CHU NGHIA VIET NAM' },
  { x: 60, y: 750, size: 12, text: 'So: 123/UBND-VP' },
  { x: 320, y: 750, size: 12, text: 'Dak Lak, ngay 15 thang 11 nam 2018' },
  ...Array.from({ length: 20 }, (_, i) => ({ x: 60, y: 650 - i * 20, size: 12, text: `Line ${i + 1} of the body text runs across the whole width of the page here.` })),
];

describe('openPdf', () => {
  it('reads a born-digital page from its text layer, in the 300-dpi pixel grid and reading order', async () => {
    const pdf = await openPdf(await pdfFile('text.pdf', buildPdf([{ texts: headerAndBody }])), options);
    try {
      expect(pdf.pageCount).toBe(1);
      const result = await pdf.page(1);
      expect(result.image).toBeNull();
      const page = result.text!;
      expect(page.source).toBe('text-layer');
      expect([page.width, page.height]).toEqual([2479, 3508]);
      expect(page.text.split('\n').slice(0, 5)).toEqual([
        'UY BAN NHAN DAN',
        'So: 123/UBND-VP',
        'CONG HOA XA HOI CHU NGHIA VIET NAM',
        'Dak Lak, ngay 15 thang 11 nam 2018',
        'Line 1 of the body text runs across the whole width of the page here.',
      ]);
      // x = 60 pt → 250 px; baseline y = 842 - 780 = 62 pt → 258 px from the top.
      const first = page.lines[0]!;
      expect(first.bbox[0]).toBeCloseTo(250, 0);
      expect(first.bbox[3]).toBeGreaterThan(250);
      expect(first.bbox[1]).toBeLessThan(258);
      expect(first.words.map((w) => w.text)).toEqual(['UY', 'BAN', 'NHAN', 'DAN']);
    } finally {
      await pdf.close();
    }
  });

  it('renders an image-only page at ocr.dpi for OCR', async () => {
    const pdf = await openPdf(await pdfFile('scan.pdf', buildPdf([{ jpeg: scanJpeg }])), options);
    try {
      const result = await pdf.page(1);
      expect(result.text).toBeNull();
      expect(result.imageCoverage).toBeGreaterThan(0.95);
      const image = result.image!;
      expect([image.width, image.height, image.dpi]).toEqual([2479, 3508, 300]);
      const stats = await sharp(image.png).stats();
      expect(stats.channels[0]!.min).toBeLessThan(60); // the dark bars were painted
    } finally {
      await pdf.close();
    }
  });

  it('OCRs a signed scan whose only text is a signature box', async () => {
    const signature = [
      { x: 380, y: 60, size: 7, text: 'Digitally signed by Nguyen Van A' },
      { x: 380, y: 50, size: 7, text: 'Date: 2018.11.15 10:20:00 +07:00' },
    ];
    const pdf = await openPdf(await pdfFile('signed.pdf', buildPdf([{ jpeg: scanJpeg, texts: signature }])), options);
    try {
      const result = await pdf.page(1);
      expect(result.textCoverage).toBeGreaterThan(0);
      expect(result.text).toBeNull();
      expect(result.image).not.toBeNull();
      expect(result.embeddedText.map((l) => l.text)).toEqual(['Digitally signed by Nguyen Van A', 'Date: 2018.11.15 10:20:00 +07:00']);
    } finally {
      await pdf.close();
    }
  });

  it('judges coverage: scans need real text, born-digital pages any text', () => {
    expect(trustTextLayer(0.005, 1, 0.02)).toBe(false); // signature box on a scan
    expect(trustTextLayer(0.03, 1, 0.02)).toBe(false); // a few stray lines on a scan
    expect(trustTextLayer(0.2, 1, 0.02)).toBe(true); // searchable scan with a full OCR layer
    expect(trustTextLayer(0.005, 0, 0.02)).toBe(true); // short born-digital page
    expect(trustTextLayer(0, 0, 0.02)).toBe(false); // nothing: render and OCR
  });

  it('rejects a password-protected PDF as encrypted-pdf', async () => {
    const p = await pdfFile('locked.pdf', buildPdf([{ texts: headerAndBody }], { encrypted: true }));
    expect((await errorOf(openPdf(p, options))).code).toBe('encrypted-pdf');
  });

  it('rejects a truncated PDF as unreadable-file', async () => {
    const whole = buildPdf([{ jpeg: scanJpeg }, { texts: headerAndBody }]);
    const p = await pdfFile('cut.pdf', whole.subarray(0, Math.floor(whole.length / 2)));
    expect((await errorOf(openPdf(p, options).then((pdf) => pdf.page(1)))).code).toBe('unreadable-file');
  });

  it('rejects a PDF with no pages as unreadable-file', async () => {
    const p = await pdfFile('nopages.pdf', buildPdf([]));
    expect((await errorOf(openPdf(p, options))).code).toBe('unreadable-file');
  });

  it('rejects more pages than limits.maxPages as too-large', async () => {
    const p = await pdfFile('long.pdf', buildPdf([{ texts: headerAndBody }, { texts: headerAndBody }]));
    expect((await errorOf(openPdf(p, { ...options, limits: { ...options.limits, maxPages: 1 } }))).code).toBe('too-large');
  });

  it('refuses to render a page above limits.maxPagePixels as too-large', async () => {
    const p = await pdfFile('huge.pdf', buildPdf([{ jpeg: scanJpeg }]));
    const pdf = await openPdf(p, { ...options, limits: { ...options.limits, maxPagePixels: 1_000_000 } });
    try {
      expect((await errorOf(pdf.page(1))).code).toBe('too-large');
    } finally {
      await pdf.close();
    }
  });
});
