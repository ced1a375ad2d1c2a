import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, degrees } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BBox, Line, PageText } from '../../../schemas/page.js';
import { buildSearchablePdf } from '../../../src/stages/output/searchable-pdf.js';
import { buildPdf } from '../../helpers/pdf-builder.js';
import { meanDifference, readBack, renderGrey, type ReadPage } from './pdf-reader.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-searchable-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A line of words laid left to right from (x, top): each word `charWidth` per letter, one letter apart. */
function lineAt(text: string, x: number, top: number, height: number, charWidth: number): Line {
  const words: Line['words'] = [];
  let left = x;
  for (const word of text.split(' ')) {
    const width = [...word.normalize('NFC')].length * charWidth;
    words.push({ text: word, bbox: [left, top, left + width, top + height], confidence: 90 });
    left += width + charWidth;
  }
  const last = words[words.length - 1]!.bbox;
  return { text, bbox: [x, top, last[2], top + height], confidence: 90, words };
}

function ocrPage(page: number, width: number, height: number, lines: Line[], rotation = 0): PageText {
  return { page, width, height, source: 'ocr', rotation, lines, text: lines.map((l) => l.text).join('\n') };
}

/** Black bars where the words are, on white: a page image that looks like its text. */
async function pageImage(width: number, height: number, lines: Line[]): Promise<Sharp> {
  const bars = lines.flatMap((l) => l.words).map((w) => ({
    input: { create: { width: Math.round(w.bbox[2] - w.bbox[0]), height: Math.round(w.bbox[3] - w.bbox[1]), channels: 3 as const, background: '#000' } },
    left: Math.round(w.bbox[0]),
    top: Math.round(w.bbox[1]),
  }));
  const png = await sharp({ create: { width, height, channels: 3, background: '#fff' } }).composite(bars).png().toBuffer();
  return sharp(png);
}

/** Every line is found as shown text in the right place: its runs span its box, on a baseline inside it. */
function expectLinesPlaced(page: ReadPage, lines: Line[], pointsPerPixel: number): void {
  for (const line of lines) {
    const box = line.bbox.map((v) => v * pointsPerPixel) as BBox;
    const runs = page.items
      .filter((i) => i.baseline > box[1] && i.baseline <= box[3] + 0.01 && i.x >= box[0] - 1 && i.x < box[2])
      .sort((a, b) => a.x - b.x);
    const text = runs.map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim();
    expect(text, JSON.stringify(page.items)).toBe(line.text.normalize('NFC'));
    const first = runs[0]!;
    const last = runs[runs.length - 1]!;
    expect(first.x).toBeCloseTo(box[0], 0);
    expect(Math.abs(last.x + last.width - box[2])).toBeLessThan(0.02 * (box[2] - box[0]) + 0.5);
    for (const run of runs) expect(run.fontSize).toBeCloseTo(box[3] - box[1], 0);
  }
}

const HEADER = [
  lineAt('ỦY BAN NHÂN DÂN', 60, 60, 30, 14),
  lineAt('TỈNH ĐẮK LẮK', 80, 100, 30, 14),
  lineAt('Đắk Lắk, ngày 15 tháng 11 năm 2018', 60, 300, 24, 10),
];

describe('buildSearchablePdf, image inputs', () => {
  it('puts a PNG on a page of its own size with the words as invisible NFC text over their boxes', async () => {
    const file = path.join(dir, 'letter.png');
    await (await pageImage(600, 800, HEADER)).removeAlpha().toColourspace('b-w').withDensity(150).png().toFile(file);
    const decomposed = HEADER.map((l) => ({ ...l, text: l.text.normalize('NFD'), words: l.words.map((w) => ({ ...w, text: w.text.normalize('NFD') })) }));
    const pdf = await buildSearchablePdf({ path: file, format: 'png' }, [ocrPage(1, 600, 800, decomposed)]);
    const [page, ...rest] = await readBack(pdf);
    expect(rest).toHaveLength(0);
    expect(page!.width).toBeCloseTo((600 * 72) / 150, 3);
    expect(page!.height).toBeCloseTo((800 * 72) / 150, 3);
    expect(page!.text).toContain('ỦY BAN NHÂN DÂN');
    expect(page!.text).toContain('Đắk Lắk, ngày 15 tháng 11 năm 2018');
    expectLinesPlaced(page!, HEADER, 72 / 150);
    // Greyscale stays greyscale: the PNG's rows go in as they are.
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/ColorSpace \/DeviceGray/);
  });

  it('sizes the words of a line by their own boxes when a far taller word was read into it', async () => {
    const file = path.join(dir, 'stamp-in-line.png');
    await (await pageImage(600, 400, [])).removeAlpha().toColourspace('b-w').withDensity(150).png().toFile(file);
    const line = lineAt('Thực hiện ĐẾN', 60, 100, 30, 14);
    line.words[2]!.bbox = [200, 40, 330, 140]; // a stamp word, 100 px tall, beside 30-px words
    line.bbox = [60, 40, 330, 140];
    const [page] = await readBack(await buildSearchablePdf({ path: file, format: 'png' }, [ocrPage(1, 600, 400, [line])]));
    const s = 72 / 150;
    const first = page!.items.find((i) => i.str.startsWith('Thực'))!;
    expect(first.fontSize).toBeCloseTo(30 * s, 0);
    expect(first.baseline).toBeGreaterThan(100 * s);
    expect(first.baseline).toBeLessThanOrEqual(130 * s);
    expect(page!.items.find((i) => i.str === 'ĐẾN')!.fontSize).toBeCloseTo(100 * s, 0);
  });

  it('draws nothing: the page renders the same with and without the text layer', async () => {
    const file = path.join(dir, 'plain.png');
    await (await pageImage(600, 800, HEADER)).png().toFile(file);
    const withText = await buildSearchablePdf({ path: file, format: 'png' }, [ocrPage(1, 600, 800, HEADER)]);
    const without = await buildSearchablePdf({ path: file, format: 'png' }, [ocrPage(1, 600, 800, [])]);
    expect((await readBack(withText))[0]!.items.length).toBeGreaterThan(0);
    const a = await renderGrey(withText, 1, 300);
    const b = await renderGrey(without, 1, 300);
    expect(meanDifference(a.data, b.data)).toBe(0);
  });

  it('embeds the JPEG bytes unchanged and shows a page read turned upright, text aligned', async () => {
    // The upright page is 300×400; the scanner delivered it turned 90° clockwise (400×300).
    const upright = await (await pageImage(300, 400, HEADER.slice(0, 2))).png().toBuffer();
    const jpeg = await sharp(upright).rotate(90).greyscale().jpeg({ quality: 90 }).withDensity(100).toBuffer();
    const file = path.join(dir, 'turned.jpg');
    await writeFile(file, jpeg);
    const pdf = await buildSearchablePdf({ path: file, format: 'jpeg' }, [ocrPage(1, 300, 400, HEADER.slice(0, 2), 90)]);
    expect(Buffer.from(pdf).indexOf(jpeg)).toBeGreaterThan(0);
    const [page] = await readBack(pdf);
    expect(page!.width).toBeCloseTo((300 * 72) / 100, 3);
    expect(page!.height).toBeCloseTo((400 * 72) / 100, 3);
    expectLinesPlaced(page!, HEADER.slice(0, 2), 72 / 100);
    const shown = await renderGrey(pdf, 1, 150);
    const expected = await sharp(upright).greyscale().resize(shown.width, shown.height, { fit: 'fill' }).raw().toBuffer();
    expect(meanDifference(shown.data, expected)).toBeLessThan(8);
  });

  it('shows a JPEG with an EXIF turn upright by /Rotate, bytes unchanged, text where the OCR read it', async () => {
    // The camera stored the 300×400 page turned 90° counter-clockwise and EXIF orientation 6 says so.
    const upright = await (await pageImage(300, 400, HEADER.slice(0, 2))).png().toBuffer();
    const jpeg = await sharp(upright).rotate(270).jpeg({ quality: 90 }).withMetadata({ orientation: 6, density: 100 }).toBuffer();
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const file = path.join(dir, 'exif.jpg');
    await writeFile(file, jpeg);
    // readPages applies EXIF before OCR: the page text is in the upright frame, rotation 0.
    const pdf = await buildSearchablePdf({ path: file, format: 'jpeg' }, [ocrPage(1, 300, 400, HEADER.slice(0, 2))]);
    expect(Buffer.from(pdf).indexOf(jpeg)).toBeGreaterThan(0);
    const [page] = await readBack(pdf);
    expect([page!.rotate, page!.width, page!.height]).toEqual([90, 216, 288]);
    expectLinesPlaced(page!, HEADER.slice(0, 2), 72 / 100);
    const shown = await renderGrey(pdf, 1, 150);
    const expected = await sharp(upright).greyscale().resize(shown.width, shown.height, { fit: 'fill' }).raw().toBuffer();
    expect(meanDifference(shown.data, expected)).toBeLessThan(8);
  });

  it('turns a G4 TIFF into 1-bit pages, the upside-down second page shown upright', async () => {
    const file = path.join(fixtures, 'g4-two-pages-second-upside-down.tif');
    const lines = [lineAt('QUYẾT ĐỊNH', 700, 400, 40, 24)];
    const pages = [ocrPage(1, 1653, 2339, lines), ocrPage(2, 1653, 2339, lines, 180)];
    const pdf = await buildSearchablePdf({ path: file, format: 'tiff' }, pages);
    const read = await readBack(pdf);
    expect(read).toHaveLength(2);
    for (const page of read) {
      expect(page.width).toBeCloseTo((1653 * 72) / 200, 3);
      expect(page.height).toBeCloseTo((2339 * 72) / 200, 3);
      expectLinesPlaced(page, lines, 72 / 200);
    }
    expect(read.map((p) => p.rotate)).toEqual([0, 180]);
    const raw = Buffer.from(pdf).toString('latin1');
    expect(raw.match(/\/BitsPerComponent 1\b/g)?.length).toBeGreaterThanOrEqual(2);
    // The Group 4 data goes in as it is: the PDF is the TIFF plus the text layer.
    expect(raw.match(/\/Filter \/CCITTFaxDecode/g)).toHaveLength(2);
    expect(pdf.length).toBeLessThan(1.5 * (await stat(file)).size);

    const shown = await renderGrey(pdf, 2, 200);
    const page2 = sharp(file, { page: 1 }).greyscale().resize(shown.width, shown.height, { fit: 'fill' });
    const turnedBack = await page2.clone().rotate(180).raw().toBuffer();
    const asScanned = await page2.clone().raw().toBuffer();
    expect(meanDifference(shown.data, turnedBack)).toBeLessThan(meanDifference(shown.data, asScanned) / 2);
  });
});

describe('buildSearchablePdf, PDF inputs', () => {
  it('keeps text-layer pages as they are and adds the text only to the OCR’d page', async () => {
    const scan = await (await pageImage(620, 877, [])).greyscale().jpeg().toBuffer();
    const file = path.join(dir, 'mixed.pdf');
    await writeFile(
      file,
      buildPdf([{ texts: [{ x: 72, y: 760, size: 12, text: 'Cong van so 123 ngay 15 thang 11' }] }, { jpeg: { data: scan, width: 620, height: 877 } }]),
    );
    const original = await readBack(await readFile(file));
    const textLayer: PageText = { page: 1, width: 2479, height: 3508, source: 'text-layer', rotation: 0, lines: [lineAt('Cong van so 123 ngay 15 thang 11', 300, 540, 50, 20)], text: 'Cong van so 123 ngay 15 thang 11' };
    const ocrLines = [lineAt('Số: 10023/UBND-KGVX', 300, 500, 50, 25), lineAt('Kính gửi: Sở Thông tin và Truyền thông', 300, 700, 50, 25)];
    const pdf = await buildSearchablePdf({ path: file, format: 'pdf' }, [textLayer, ocrPage(2, 2479, 3508, ocrLines)]);
    const read = await readBack(pdf);
    expect(read.map((p) => [p.width, p.height, p.rotate])).toEqual(original.map((p) => [p.width, p.height, p.rotate]));
    expect(read[0]!.items).toEqual(original[0]!.items);
    expect(original[1]!.items).toHaveLength(0);
    expectLinesPlaced(read[1]!, ocrLines, 72 / 300);
    // The scan is the same image object, not a re-rendering.
    expect(Buffer.from(pdf).indexOf(scan)).toBeGreaterThan(0);
  });

  it('gives a PDF page read upside down a /Rotate that shows it upright, text on its words', async () => {
    const scan = await (await pageImage(620, 877, [])).greyscale().jpeg().toBuffer();
    const file = path.join(dir, 'upside-down.pdf');
    await writeFile(file, buildPdf([{ jpeg: { data: scan, width: 620, height: 877 } }]));
    const lines = [lineAt('Đắk Lắk', 300, 500, 50, 25)];
    const [page] = await readBack(await buildSearchablePdf({ path: file, format: 'pdf' }, [ocrPage(1, 2479, 3508, lines, 180)]));
    expect(page!.rotate).toBe(180);
    expectLinesPlaced(page!, lines, 72 / 300);
  });

  it('writes on a page the PDF itself shows turned (/Rotate 90) in the frame it was read in', async () => {
    const scan = await (await pageImage(620, 877, [])).greyscale().jpeg().toBuffer();
    const turned = await PDFDocument.load(buildPdf([{ jpeg: { data: scan, width: 620, height: 877 } }]));
    turned.getPage(0).setRotation(degrees(90));
    const file = path.join(dir, 'landscape.pdf');
    await writeFile(file, await turned.save());
    // pdf.js renders the page as shown, 842×595 pt: OCR read a 3508×2479 raster.
    const lines = [lineAt('Kính gửi: Sở Tài chính', 400, 300, 50, 25)];
    const [page] = await readBack(await buildSearchablePdf({ path: file, format: 'pdf' }, [ocrPage(1, 3508, 2479, lines)]));
    expect([page!.rotate, page!.width, page!.height]).toEqual([90, 842, 595]);
    expectLinesPlaced(page!, lines, 72 / 300);
  });

  it('returns a PDF with nothing OCR’d byte for byte', async () => {
    const file = path.join(dir, 'born-digital.pdf');
    await writeFile(file, buildPdf([{ texts: [{ x: 72, y: 760, size: 12, text: 'Cong van so 123' }] }]));
    const textLayer: PageText = { page: 1, width: 2479, height: 3508, source: 'text-layer', rotation: 0, lines: [lineAt('Cong van so 123', 300, 540, 50, 20)], text: 'Cong van so 123' };
    const pdf = await buildSearchablePdf({ path: file, format: 'pdf' }, [textLayer]);
    expect(Buffer.from(pdf).equals(await readFile(file))).toBe(true);
  });
});

describe('buildSearchablePdf, PNG that PDF cannot take as it is', () => {
  it('flattens a grey PNG with alpha on white and keeps it grey', async () => {
    const file = path.join(dir, 'grey-alpha.png');
    await sharp({ create: { width: 200, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: { create: { width: 50, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } }, left: 20, top: 20 }])
      .toColourspace('b-w')
      .png()
      .toFile(file);
    expect((await sharp(file).metadata()).channels).toBe(2);
    const pdf = await buildSearchablePdf({ path: file, format: 'png' }, [ocrPage(1, 200, 100, [])]);
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/\/ColorSpace \/DeviceGray/);
    const shown = await renderGrey(pdf, 1, 200);
    expect(shown.data[0]).toBeGreaterThan(250); // transparent → white
    expect(shown.data[30 * 200 + 40]).toBeLessThan(5); // the opaque black box
  });
});

describe('buildSearchablePdf, TIFF pages that are not Group 4', () => {
  it('re-encodes a 1-bit LZW page as 1-bit and a grey page as grey, both looking as scanned', async () => {
    const lines = [lineAt('Nơi nhận', 40, 40, 30, 14)];
    const source = await (await pageImage(300, 200, lines)).removeAlpha().toColourspace('b-w').png().toBuffer();
    for (const [name, options, pattern] of [
      ['bilevel.tif', { compression: 'lzw', predictor: 'none', bitdepth: 1 }, /\/BitsPerComponent 1\b/],
      ['grey.tif', { compression: 'deflate' }, /\/ColorSpace \/DeviceGray/],
    ] as const) {
      const file = path.join(dir, name);
      await sharp(source).toColourspace('b-w').tiff({ ...options, xres: 100 / 25.4, yres: 100 / 25.4 }).toFile(file);
      const pdf = await buildSearchablePdf({ path: file, format: 'tiff' }, [ocrPage(1, 300, 200, lines)]);
      expect(Buffer.from(pdf).toString('latin1')).toMatch(pattern);
      expect(Buffer.from(pdf).toString('latin1')).not.toMatch(/CCITTFaxDecode/);
      const [page] = await readBack(pdf);
      expect([page!.width, page!.height]).toEqual([216, 144]);
      expectLinesPlaced(page!, lines, 72 / 100);
      const shown = await renderGrey(pdf, 1, 300);
      const scanned = await sharp(file).toColourspace('b-w').raw().toBuffer();
      expect(meanDifference(shown.data, scanned)).toBeLessThan(3);
    }
  });
});
