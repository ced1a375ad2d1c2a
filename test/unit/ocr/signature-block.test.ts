import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Line, PageText } from '../../../schemas/page.js';
import { darkCut, readsRegions, rereadSignatureBlock, signatureCrops, type RegionReader } from '../../../src/stages/ocr/signature-block.js';
import { linesInside, replaceRegion, signatureRegion, stampEchoes } from '../../../src/stages/ocr/signature-region.js';

/** A line whose words share its box evenly. */
function line(text: string, bbox: [number, number, number, number], kind?: 'stamp'): Line {
  const parts = text.split(' ');
  const step = (bbox[2] - bbox[0]) / parts.length;
  const words = parts.map((t, i) => ({ text: t, bbox: [bbox[0] + i * step, bbox[1], bbox[0] + (i + 1) * step - 5, bbox[3]] as [number, number, number, number], confidence: 90 }));
  return { text, bbox, confidence: 90, words, ...(kind ? { kind } : {}) };
}

/** Two pieces read as one line, across the footer's gutter. */
function merged(left: Line, right: Line): Line {
  return { ...left, text: `${left.text}\t${right.text}`, bbox: [left.bbox[0], left.bbox[1], right.bbox[2], right.bbox[3]], words: [...left.words, ...right.words] };
}

function page(lines: Line[]): PageText {
  return { page: 1, width: 2480, height: 3508, source: 'ocr', rotation: 0, lines, text: lines.map((l) => l.text).join('\n') };
}

/** A footer as the whole-page pass reads it: body, the list, and only specks of the block. */
const footer = (): PageText =>
  page([
    line('Số: 12/UBND-VX', [300, 400, 900, 450]),
    line('Trong quá trình triển khai, nếu có khó khăn đề nghị phản ánh về Sở./.', [350, 1700, 2250, 1760]),
    line('Nơi nhận:', [350, 1850, 560, 1895]),
    merged(line('- Như trên;', [350, 1905, 560, 1945]), line('TỊCH', [1600, 1900, 1700, 1945])),
    line('- Lưu: VT, KGVX.', [350, 1955, 720, 1995]),
    line('ĐẾN Số: 1234', [400, 600, 900, 650], 'stamp'),
  ]);

describe('signature region', () => {
  it('is the right column beside and below "Nơi nhận", under the last body line', () => {
    const box = signatureRegion(footer())!;
    expect(box[0]).toBeGreaterThan(720); // right of the list entries
    expect(box[0]).toBeLessThanOrEqual(0.55 * 2480);
    expect(box[1]).toBeGreaterThanOrEqual(1760); // below the body line that reaches into the column
    expect(box[1]).toBeLessThan(1850);
    expect(box[3]).toBeGreaterThan(1850 + 8 * 40); // reaches the name under signature and seal
    expect(box[2]).toBe(2480);
  });
  it('reaches above the heading when the body ends well above it (authority lines start higher)', () => {
    const p = footer();
    p.lines[1] = line('Trong quá trình triển khai./.', [350, 1500, 2250, 1560]);
    expect(signatureRegion(p)![1]).toBeLessThan(1850 - 2 * 40);
  });
  it('is null on a page without the list heading', () => {
    expect(signatureRegion(page([line('Điều 1. Ban hành kèm theo Quyết định này', [300, 500, 2200, 560])]))).toBeNull();
  });
  it.each(['Nơi - Như nhận: trên;', 'Nơi nhậm:.'])('finds the heading read as "%s"', (heading) => {
    expect(signatureRegion(page([line(heading, [350, 1850, 560, 1895]), line('- Lưu VT.', [350, 1905, 600, 1945])]))).not.toBeNull();
  });
  it('does not take a line that only mentions the heading for it', () => {
    expect(signatureRegion(page([line('Gửi hồ sơ về nơi nhận: Sở Nội vụ', [350, 1850, 1500, 1895])]))).toBeNull();
  });
  it('keeps a long list entry whole, up to where a merged line jumps the gutter', () => {
    const p = footer();
    p.lines.splice(4, 0, line('- Các Sở chuyên ngành các tỉnh, TP trực thuộc', [350, 1950, 1220, 1990]));
    const box = signatureRegion(p)!;
    expect(box[0]).toBeGreaterThan(1220);
    expect(linesInside(p.lines, box).map((l) => l.text)).toEqual(['TỊCH']);
  });
  it('keeps words far apart as cells, as the layout writes them', () => {
    const p = footer();
    p.lines.push(merged(merged(line('ˆ', [1500, 2250, 1510, 2300]), line('Nguyễn Văn Lậm', [1600, 2250, 1950, 2300])), line('Ñ', [2100, 2250, 2120, 2300])));
    expect(linesInside(p.lines, signatureRegion(p)!).map((l) => l.text)).toEqual(['TỊCH', 'ˆ\tNguyễn Văn Lậm\tÑ']);
  });
  it('gives no region when the list fills the page width', () => {
    const p = footer();
    p.lines.splice(4, 0, line('- Các Sở, ban, ngành, đoàn thể cấp tỉnh và các đơn vị trực thuộc Ủy ban nhân dân tỉnh', [350, 1950, 1900, 1990]));
    expect(signatureRegion(p)).toBeNull();
  });
  it('cuts merged lines to the words inside the region and leaves stamps out', () => {
    const box = signatureRegion(footer())!;
    expect(linesInside(footer().lines, box).map((l) => l.text)).toEqual(['TỊCH']);
  });
});

describe('replacing the region', () => {
  it('drops the old words of the block and puts the new lines after the list', () => {
    const p = footer();
    const box = signatureRegion(p)!;
    const reading = [line('KT. CHỦ TỊCH', [1500, 1850, 1900, 1900]), line('PHÓ CHỦ TỊCH', [1480, 1910, 1920, 1960]), line('Nguyễn Văn An', [1500, 2250, 1900, 2300])];
    const out = replaceRegion(p, box, reading);
    expect(out.text.split('\n')).toEqual([
      'Số: 12/UBND-VX',
      'Trong quá trình triển khai, nếu có khó khăn đề nghị phản ánh về Sở./.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, KGVX.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Nguyễn Văn An',
      'ĐẾN Số: 1234',
    ]);
    expect(out.lines.map((l) => l.text).join('\n')).toBe(out.text);
  });
  it('knows a line of a new reading that repeats an arrival stamp the page holds, by its words', () => {
    const p = footer();
    p.lines.push(line('ĐẾN Số: 77', [1900, 2400, 2300, 2460], 'stamp'));
    const echo = line('ĐẾN Số: 77', [1905, 2405, 2290, 2455]);
    // a name printed under the stamp is not the stamp's text
    const name = line('Lê Văn Hải', [1950, 2410, 2280, 2450]);
    expect([...stampEchoes(p, [line('GIÁM ĐỐC', [1500, 1850, 1900, 1900]), echo, name])]).toEqual([echo]);
  });
});

/** Canned region readings, counting calls. */
class CannedReader implements RegionReader {
  calls = 0;
  constructor(private readonly texts: string[][]) {}
  recognizeWords(): Promise<{ lines: Line[]; confidence: number; chars: number }> {
    const texts = this.texts[Math.min(this.calls++, this.texts.length - 1)]!;
    return Promise.resolve({ lines: texts.map((t, i) => line(t, [400, 40 + 70 * i, 900, 90 + 70 * i])), confidence: 90, chars: 30 });
  }
}

const blankRaster = async () => ({ png: await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } }).png().toBuffer(), width: 2480, height: 3508, dpi: 300 });

describe('reading the block again', () => {
  it('takes a region reading that holds more of the block', async () => {
    const reader = new CannedReader([['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An']]);
    const out = await rereadSignatureBlock(await blankRaster(), footer(), reader);
    expect(reader.calls).toBe(1); // a clean reading needs no second try
    expect(out.text).toContain('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An');
    expect(out.text).not.toContain('TỊCH\n- Lưu');
  });
  it('tries the second crop and keeps the better of the two readings', async () => {
    const reader = new CannedReader([['PHÓ CHỦ TỊCH', 'ánh'], ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An']]);
    const out = await rereadSignatureBlock(await blankRaster(), footer(), reader);
    expect(reader.calls).toBe(2);
    expect(out.text).toContain('Nguyễn Văn An');
  });
  it('does not take a reading that lost a part the page held, even if it holds more', async () => {
    const p = footer();
    p.lines.push(line('CHỦ TỊCH', [1500, 1850, 1900, 1900]));
    const reader = new CannedReader([['CHU J†CH', 'Nguyễn Văn An']]);
    expect(await rereadSignatureBlock(await blankRaster(), p, reader)).toBe(p);
    expect(reader.calls).toBe(4); // every variant was tried
  });
  it('keeps the page when the region reading holds less', async () => {
    const reader = new CannedReader([['ánh', 'xx']]);
    const p = footer();
    expect(await rereadSignatureBlock(await blankRaster(), p, reader)).toBe(p);
  });
  it('does not read a block the page already holds cleanly', async () => {
    const reader = new CannedReader([['ánh']]);
    const p = page([...footer().lines.slice(0, 3), line('- Lưu: VT.', [350, 1905, 600, 1945]), line('KT. CHỦ TỊCH', [1500, 1850, 1900, 1900]), line('PHÓ CHỦ TỊCH', [1480, 1910, 1920, 1960]), line('Nguyễn Văn An', [1500, 2250, 1900, 2300])]);
    expect(await rereadSignatureBlock(await blankRaster(), p, reader)).toBe(p);
    expect(reader.calls).toBe(0);
  });
  it('knows an engine that reads regions from one that does not', () => {
    expect(readsRegions(new CannedReader([]))).toBe(true);
    expect(readsRegions({ recognize: () => undefined })).toBe(false);
  });
});

describe('signature crops', () => {
  it('drops a red seal and, in the first crop, a grey seal, keeping the black print', async () => {
    const w = 300;
    const h = 100;
    const rgb = Buffer.alloc(w * h * 3, 255);
    const paint = (x0: number, x1: number, c: [number, number, number]) => {
      for (let y = 20; y < 80; y++) for (let x = x0; x < x1; x++) rgb.set(c, (y * w + x) * 3);
    };
    paint(10, 90, [20, 20, 20]); // print
    paint(110, 190, [200, 30, 40]); // red seal
    paint(210, 290, [140, 140, 140]); // grey seal
    const png = await sharp(rgb, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
    const { dark, plain } = await signatureCrops(png, [0, 0, w, h]);
    const px = async (img: Buffer, x: number) => (await sharp(img).toColourspace('b-w').raw().toBuffer())[50 * w + x]!;
    expect(await px(dark, 50)).toBe(0);
    expect(await px(dark, 150)).toBe(255);
    expect(await px(dark, 250)).toBe(255);
    expect(await px(plain, 50)).toBeLessThan(60);
    expect(await px(plain, 150)).toBe(255);
    expect(await px(plain, 250)).toBe(140);
  });
  it('sets the dark cut just above the darkest print', () => {
    const grey = Buffer.alloc(10000, 255);
    grey.fill(10, 0, 500);
    expect(darkCut(grey)).toBe(80);
    expect(darkCut(Buffer.alloc(10000, 90))).toBe(120);
  });
});
