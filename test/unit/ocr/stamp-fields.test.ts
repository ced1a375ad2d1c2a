import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Line, Word } from '../../../schemas/page.js';
import type { StampCrop } from '../../../src/stages/ocr/preprocess.js';
import { dateValue, eraseSpecks, fieldOf, fixStampDate, inkBand, numberValue, rereadFields, voteValue, type ReadField } from '../../../src/stages/ocr/stamp-fields.js';
import { TesseractPool } from '../../../src/stages/ocr/tesseract.js';
import type { OcrWords } from '../../../src/stages/ocr/words.js';

function word(text: string, x0: number, x1: number, confidence = 80): Word {
  return { text, bbox: [x0, 100, x1, 140], confidence };
}
function line(...words: Word[]): Line {
  return { text: words.map((w) => w.text).join(' '), bbox: [words[0]!.bbox[0], 100, words[words.length - 1]!.bbox[2], 140], confidence: 80, words };
}

describe('fieldOf', () => {
  it('tells the number and date fields of a stamp, with their values as read', () => {
    expect(fieldOf(line(word('Số:', 0, 50), word('8617', 60, 160)))).toMatchObject({ kind: 'number', read: '8617' });
    expect(fieldOf(line(word('Số:', 0, 50), word('461', 60, 130), word('7', 140, 160)))).toMatchObject({ kind: 'number', read: '4617' });
    expect(fieldOf(line(word('ĐẾN', 0, 50), word('14-03-2024', 60, 260)))).toMatchObject({ kind: 'date', read: '14-03-2024' });
    expect(fieldOf(line(word('ĐẾN', 0, 50), word('14703/2024', 60, 260)))).toMatchObject({ kind: 'date', read: null });
    expect(fieldOf(line(word('Ngày:', 0, 50)))).toMatchObject({ kind: 'date', read: null });
  });

  it('leaves other lines alone', () => {
    expect(fieldOf(line(word('ĐẾN', 0, 50)))).toBeNull();
    expect(fieldOf(line(word('Số:', 0, 50)))).toBeNull(); // digits right of a lone label may be print
    expect(fieldOf(line(word('Số:', 0, 50), word('60', 60, 100), word('Kính', 110, 200)))).toBeNull();
    expect(fieldOf(line(word('SỞ', 0, 50), word('NỘI', 60, 100), word('VỤ', 110, 200)))).toBeNull();
  });
});

describe('values of digit-only readings', () => {
  it('keeps the digits of a number and the date of a date reading', () => {
    expect(numberValue('46 17.')).toBe('4617');
    expect(numberValue('')).toBeNull();
    expect(numberValue('1234567')).toBeNull();
    expect(dateValue('14-93-2024')).toBe('14-03-2024');
    expect(dateValue('14/03/2624')).toBe('14/03/2024');
    expect(dateValue('41-04-2020')).toBeNull();
    expect(dateValue('12-12-2090')).toBeNull(); // not arrived yet
    expect(dateValue('4617')).toBeNull();
  });

  it('rejects a day the month does not have', () => {
    expect(dateValue('31-02-2022')).toBeNull();
    expect(dateValue('29-02-2023')).toBeNull();
    expect(dateValue('29-02-2024')).toBe('29-02-2024');
    expect(dateValue('31-04-22')).toBeNull();
  });

  it('judges a later year against the given today, not the clock', () => {
    expect(dateValue('14-03-2024', new Date('2023-06-01T00:00:00Z'))).toBeNull();
    expect(dateValue('14-03-2024', new Date('2024-06-01T00:00:00Z'))).toBe('14-03-2024');
  });

  it('repairs only impossible parts of a stamp date', () => {
    expect(fixStampDate('99-11-2918')).toBe('09-11-2018');
    expect(fixStampDate('19-07-2822')).toBe('19-07-2022');
    expect(fixStampDate('19-07-2019')).toBe('19-07-2019');
  });
});

describe('voteValue', () => {
  it('takes a value read twice and more than any other', () => {
    expect(voteValue('8617', ['4617', '4617', '4617'])).toEqual({ value: '4617', agreed: true });
    expect(voteValue('4617', ['8617', '8617', '4617'])).toEqual({ value: '4617', agreed: false });
    expect(voteValue('5381', ['5331', '5331', null])).toEqual({ value: '5331', agreed: true });
    expect(voteValue('4617', ['8617', '8617', '4647'])).toEqual({ value: '4617', agreed: false });
    expect(voteValue('5331', ['5331', null, null])).toEqual({ value: '5331', agreed: true });
  });

  it('keeps the first reading, unsure, when no value wins', () => {
    expect(voteValue('2806', ['5836', '2805', null])).toEqual({ value: '2806', agreed: false });
    expect(voteValue('14-03-2024', ['14-03-2024', '14-03-2624', '14-03-2624'])).toEqual({ value: '14-03-2024', agreed: false });
    expect(voteValue(null, ['14/03/2024', null, null])).toEqual({ value: '14/03/2024', agreed: false });
    expect(voteValue(null, [null, null])).toEqual({ value: null, agreed: false });
  });
});

describe('eraseSpecks', () => {
  it('erases the dots of the form line and keeps the strokes', () => {
    const w = 40;
    const h = 20;
    const grey = Buffer.alloc(w * h, 255);
    for (let y = 2; y < 14; y++) grey[y * w + 5] = 0; // a stroke 12 px tall
    for (const x of [10, 14, 18]) grey[16 * w + x] = 0; // dots
    eraseSpecks(grey, w, h, 4);
    expect(grey[8 * w + 5]).toBe(0);
    expect([10, 14, 18].map((x) => grey[16 * w + x])).toEqual([255, 255, 255]);
  });
});

describe('inkBand', () => {
  it('keeps the inked rows around the centre, not the edges of the rows above and below', () => {
    const w = 20;
    const h = 100;
    const grey = Buffer.alloc(w * h, 255);
    for (const [a, b] of [[0, 8], [30, 60], [90, 100]]) for (let y = a!; y < b!; y++) grey[y * w + 5] = 0;
    const [top, bottom] = inkBand(grey, w, h, 45);
    expect(top).toBeGreaterThanOrEqual(20);
    expect(top).toBeLessThanOrEqual(30);
    expect(bottom).toBeGreaterThanOrEqual(60);
    expect(bottom).toBeLessThanOrEqual(70);
  });
});

/** A stamp crop (scale 1, at the page origin) with "Số:" and a number drawn on one row. */
async function numberCrop(number: string): Promise<StampCrop> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="700" height="200"><rect width="100%" height="100%" fill="white"/>
    <text x="20" y="130" font-size="40" font-family="DejaVu Sans">Số:</text>
    <text x="120" y="130" font-size="56" font-family="DejaVu Sans Mono" font-weight="bold">${number}</text></svg>`;
  const png = await sharp(Buffer.from(svg)).toColourspace('b-w').png().toBuffer();
  return { box: [0, 0, 700, 200], scale: 1, png, rows: [[80, 150]] };
}
const numberLine = (read: string): Line => line({ text: 'Số:', bbox: [20, 95, 90, 135], confidence: 80 }, { text: read, bbox: [120, 85, 270, 135], confidence: 70 });

/** A reader answering each digit-only call from a list, and counting its calls. */
function scripted(answers: string[]): ReadField & { whitelists: Array<string | undefined> } {
  const whitelists: Array<string | undefined> = [];
  const read = (async (_png: Buffer, _dpi: number | null, _psm: string, whitelist?: string): Promise<OcrWords> => {
    whitelists.push(whitelist);
    const text = answers[whitelists.length - 1] ?? '';
    const words = text ? [{ text, bbox: [0, 0, 10, 10] as [number, number, number, number], confidence: 90 }] : [];
    return { lines: words.length ? [{ text, bbox: [0, 0, 10, 10], confidence: 90, words }] : [], confidence: 90, chars: text.length };
  }) as ReadField & { whitelists: Array<string | undefined> };
  read.whitelists = whitelists;
  return read;
}

describe('rereadFields', () => {
  it('confirms a number that the digit-only readings agree on', async () => {
    const read = scripted(['4617', '4617', '4617']);
    const [out] = await rereadFields([numberLine('4617')], await numberCrop('4617'), 300, read);
    expect(out!.text).toBe('Số: 4617');
    expect(out!.confidence).toBeGreaterThanOrEqual(80);
    expect(out!.unsure).toBeUndefined();
    expect(read.whitelists.slice(0, 3)).toEqual(['0123456789', '0123456789', '0123456789']);
  });

  it('takes the number the digit-only readings agree on over the first reading, marked unsure', async () => {
    const [out] = await rereadFields([numberLine('8617')], await numberCrop('4617'), 300, scripted(['4617', '4617', '']));
    expect(out!.text).toBe('Số: 4617');
    expect(out!.confidence).toBeLessThanOrEqual(50);
    expect(out!.unsure).toBe(true);
  });

  it('replaces a first reading of another length, marked unsure', async () => {
    const [out] = await rereadFields([numberLine('461')], await numberCrop('4617'), 300, scripted(['4617', '4617', '4617']));
    expect(out!.text).toBe('Số: 4617');
    expect(out!.unsure).toBe(true);
  });

  it('keeps the first reading with a low confidence when the readings disagree', async () => {
    const [out] = await rereadFields([numberLine('2806')], await numberCrop('2805'), 300, scripted(['5836', '2805', '']));
    expect(out!.text).toBe('Số: 2806');
    expect(out!.confidence).toBeLessThanOrEqual(50);
    expect(out!.unsure).toBe(true);
  });

  it('reads the row under the number for a date the stamp reading missed, kept only when two readings agree', async () => {
    const agreed = await rereadFields([numberLine('4617')], await numberCrop('4617'), 300, scripted(['4617', '4617', '4617', '14/03/2024', '', '14/03/2024']));
    expect(agreed.map((l) => l.text)).toEqual(['Số: 4617', 'Ngày: 14/03/2024']);
    expect(agreed[1]!.confidence).toBe(50);
    expect(agreed[1]!.unsure).toBe(true);
    const alone = await rereadFields([numberLine('4617')], await numberCrop('4617'), 300, scripted(['4617', '4617', '4617', '14/03/2024', '', '']));
    expect(alone.map((l) => l.text)).toEqual(['Số: 4617']);
  });

  it('leaves lines that are no number or date field unread', async () => {
    const read = scripted([]);
    const office = line(word('SỞ', 0, 50), word('NỘI', 60, 100), word('VỤ', 110, 200));
    expect(await rereadFields([office], await numberCrop('4617'), 300, read)).toEqual([office]);
    expect(read.whitelists).toHaveLength(0);
  });
});

describe('digit-only reading with tesseract', () => {
  let pool: TesseractPool;
  beforeAll(() => {
    pool = new TesseractPool({ workers: 1, model: '4.0.0_best_int', workerStartTimeoutMs: 60_000, pageTimeoutMs: 60_000 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('reads a drawn number with only digits allowed, and the whitelist does not stick', async () => {
    const crop = await numberCrop('4617');
    const read: ReadField = (png, dpi, psm, whitelist) => pool.recognizeWords(png, dpi, psm, whitelist);
    // a first reading that lost a digit is replaced by the digit-only readings
    const [out] = await rereadFields([numberLine('461')], crop, 300, read);
    expect(out!.text).toBe('Số: 4617');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="120"><rect width="100%" height="100%" fill="white"/>
      <text x="20" y="80" font-size="48" font-family="DejaVu Sans">VĂN PHÒNG</text></svg>`;
    const words = await pool.recognizeWords(await sharp(Buffer.from(svg)).png().toBuffer(), 300, '7');
    expect(words.lines.map((l) => l.text).join(' ')).toMatch(/V.N PH.NG/u);
  });
});
