import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openImage } from '../../../src/stages/input/image.js';
import { TesseractPool } from '../../../src/stages/ocr/tesseract.js';
import type { PageText } from '../../../schemas/page.js';

// Real tesseract.js on crops of the seed dispatch's scan (see test/fixtures/ocr/README.md).
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/ocr');
const config = { workers: 1, model: '4.0.0_best_int' as const, workerStartTimeoutMs: 60_000, pageTimeoutMs: 60_000 };
const limits = { maxPagePixels: 60_000_000, maxPages: 10 };

let pool: TesseractPool;
beforeAll(() => {
  pool = new TesseractPool(config);
});
afterAll(async () => {
  await pool.close();
});

async function read(name: string): Promise<PageText> {
  const source = await openImage(path.join(fixtures, name), limits);
  return pool.recognize(await source.page(1), 1);
}

/** The index of `run` as consecutive lines of `lines`, or -1. */
function indexOfRun(lines: string[], run: string[]): number {
  return lines.findIndex((_, i) => run.every((r, k) => lines[i + k] === r));
}

describe('arrival stamp over the text (seed page 2, red stamp with a blue handwritten number)', () => {
  it('reads the stamp as its own lines: receiving office, arrival number, ĐẾN and date', async () => {
    const page = await read('seed-p2-stamp.jpg');
    const stamp = page.lines.filter((l) => l.kind === 'stamp').map((l) => l.text);
    expect(stamp).toContain('Số: 10781');
    expect(stamp).toContain('ĐẾN 09-11-2018');
    expect(stamp.findIndex((t) => t.startsWith('VĂN PHÒNG UBND'))).toBe(0);
    expect(stamp.indexOf('Số: 10781')).toBeLessThan(stamp.indexOf('ĐẾN 09-11-2018'));
    // The document's own print is read as before and is not marked as stamp.
    const own = page.lines.find((l) => l.text === 'Số: 1486/QĐ-TTg');
    expect(own).toBeDefined();
    expect(own!.kind).toBeUndefined();
    expect(page.text.split('\n')).toContain('Số: 10781');
  });
});

describe('signature blocks (two-column footers)', () => {
  it('seed page 1 (red seal, blue signature): authority lines, title and name in order, without junk', async () => {
    const page = await read('seed-p1-footer.jpg');
    const lines = page.text.split('\n');
    const block = indexOfRun(lines, ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'Nguyễn Tiến Dũng']);
    expect(block).toBeGreaterThan(-1);
    // Nơi nhận column first, its first lines readable.
    expect(lines.indexOf('Nơi nhận:')).toBeLessThan(block);
    expect(lines).toContain('- Như trên;');
    expect(lines).toContain('- Sở Tài chính;');
    // No seal or signature strokes read as lines ("z", "ˆ", "<", "5").
    for (const line of lines) expect(line).toMatch(/[\p{L}\p{N}]{2}/u);
    // The seal is not an arrival stamp.
    expect(page.lines.filter((l) => l.kind === 'stamp')).toEqual([]);
  });

  it('seed page 6 (photocopied grey seal over the title): KT. THỦ TƯỚNG, PHÓ THỦ TƯỚNG, name', async () => {
    const page = await read('seed-p6-footer.jpg');
    const lines = page.text.split('\n');
    expect(indexOfRun(lines, ['KT. THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG', 'Vũ Đức Đam'])).toBeGreaterThan(lines.indexOf('Nơi nhận:'));
    expect(lines).toContain('- Ban Bí thư TW Đảng;');
    expect(lines).toContain('- Lưu: VT, QHQT (3).TA 186');
  });
});
