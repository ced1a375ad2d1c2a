import sharp from 'sharp';
import type { BBox, Line, Word } from '../../../schemas/page.js';
import type { StampCrop } from './preprocess.js';
import type { OcrWords } from './words.js';
import { inkComponents } from './components.js';

/** One tesseract pass over a PNG; `whitelist` limits the characters it may read. */
export type ReadField = (png: Buffer, dpi: number | null, psm: string, whitelist?: string) => Promise<OcrWords>;

const DIGITS = '0123456789';
const DATE_CHARS = '0123456789-/.';
/** Text height (crop pixels) below which a value region is enlarged before reading. */
const MIN_TEXT_HEIGHT = 36;
/** Size and smoothing of the value region for each digit-only reading (each one more vote). */
const VARIANTS: ReadonlyArray<{ scale: number; median: number }> = [
  { scale: 1, median: 0 },
  { scale: 1, median: 3 }, // rough ink and the form's dots smoothed away
  { scale: 1.5, median: 0 },
];

/** A stamp field whose value is digits: the arrival number, or the arrival date. */
interface FieldLine {
  kind: 'number' | 'date';
  label: string;
  /** Words of the value as first read (may be empty: a label whose value was not read). */
  value: Word[];
  read: string | null;
}

/**
 * The rows of a value region that hold the value: the run of inked pixel rows around `centre`
 * (gaps of a few rows bridged), so the tops and bottoms of the rows above and below of a slanted
 * stamp stay out. The whole region when the centre row holds no ink.
 */
export function inkBand(grey: Buffer, w: number, h: number, centre: number): [number, number] {
  const inked = (y: number): boolean => {
    let n = 0;
    for (let x = 0; x < w; x++) if (grey[y * w + x]! < 128) n++;
    return n > 0;
  };
  const c = Math.max(0, Math.min(h - 1, centre));
  let start = -1;
  for (let d = 0; d <= Math.round(0.15 * h) && start < 0; d++) {
    if (c - d >= 0 && inked(c - d)) start = c - d;
    else if (c + d < h && inked(c + d)) start = c + d;
  }
  if (start < 0) return [0, h];
  const gap = Math.max(2, Math.round(0.03 * h));
  let top = start;
  for (let y = start, blank = 0; y >= 0 && blank <= gap; y--) {
    if (inked(y)) {
      top = y;
      blank = 0;
    } else blank++;
  }
  let bottom = start;
  for (let y = start, blank = 0; y < h && blank <= gap; y++) {
    if (inked(y)) {
      bottom = y;
      blank = 0;
    } else blank++;
  }
  const pad = gap;
  return [Math.max(0, top - pad), Math.min(h, bottom + 1 + pad)];
}

/** "Số: 4617" → number; "ĐẾN 14/03/2024", "Ngày: 14/03/2024", "Ngày:" → date; anything else null. */
export function fieldOf(line: Line): FieldLine | null {
  const [first, ...rest] = line.words;
  if (!first) return null;
  if (first.text === 'Số:') {
    // a label read without its number is left alone: right of it, digits-only reading turns any
    // print under the stamp into a number that looks certain
    // a number OCR split in two ("461 7") is read again whole
    const split = rest.length === 2 && /^\d{1,5}$/u.test(rest[0]!.text) && /^\d{1,3}$/u.test(rest[1]!.text);
    if (!split && (rest.length !== 1 || !/^\d{1,6}$/u.test(rest[0]!.text))) return null;
    return { kind: 'number', label: 'Số:', value: rest, read: rest.map((w) => w.text).join('') };
  }
  if (first.text === 'ĐẾN' || /^Ngày:?$/u.test(first.text)) {
    // a value read badly ("14703/2024", "N04 93.2924") is read again all the same
    const value = rest.length === 1 && DATE.test(rest[0]!.text) ? rest : rest.filter((w) => /\d/u.test(w.text));
    // "ĐẾN" alone is the big word of a stamp whose date has a row of its own ("Ngày:")
    if (value.length === 0 && (rest.length > 0 || first.text === 'ĐẾN')) return null;
    const read = value.length === 1 && DATE.test(value[0]!.text) ? value[0]!.text : null;
    return { kind: 'date', label: first.text === 'ĐẾN' ? 'ĐẾN' : 'Ngày:', value, read };
  }
  // a date whose label was lost or misread ("RÌ z2.11.20213"): a stamp has no other date
  const dated = line.words.filter((w) => LOOSE_DATE.test(w.text));
  if (dated.length === 1 && line.words.length <= 3) return { kind: 'date', label: 'ĐẾN', value: dated, read: null };
  return null;
}

const LOOSE_DATE = /^\D{0,2}\d{1,2}[-/.]\d{1,2}[-/.]\d{2,5}\D{0,2}$/u;
const DATE = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}$/u;

/** Digits of a number reading ("46 17" → "4617"), or null when it is no arrival number. */
export function numberValue(text: string): string | null {
  const digits = text.replace(/[^0-9]/gu, '');
  return /^\d{1,6}$/u.test(digits) ? digits : null;
}

/**
 * The date in a date reading ("14/03/2024." → "14/03/2024"), or null when it is no possible date
 * ("31-02-2024") or falls in a later year than `now`'s.
 */
export function dateValue(text: string, now: Date = new Date()): string | null {
  const m = /(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?!\d)/u.exec(text);
  if (!m) return null;
  const [, d, sep, mo, y] = m as unknown as [string, string, string, string, string];
  const date = fixStampDate(`${d}${sep}${mo}${sep}${y}`);
  const [day, month, year] = date.split(/[-/.]/u).map(Number) as [number, number, number];
  const fullYear = year < 100 ? 2000 + year : year;
  if (day < 1 || month < 1 || month > 12 || day > new Date(Date.UTC(fullYear, month, 0)).getUTCDate()) return null;
  // a document cannot have arrived in a later year than this one
  if (fullYear > now.getUTCFullYear()) return null;
  return date;
}

/**
 * Stamp dates are set in a font whose slashed zero tesseract reads as 9: "94-03-2024" and
 * "04-03-2924" are 04-03-2024. Only impossible days, months and years are corrected.
 */
export function fixStampDate(date: string): string {
  const m = /^(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{2,4})$/u.exec(date);
  if (!m) return date;
  let [, day, , month, , year] = m as unknown as [string, string, string, string, string, string];
  if (Number(day) > 31 && day.startsWith('9')) day = `0${day.slice(1)}`;
  if (Number(month) > 12 && month.startsWith('9')) month = `0${month.slice(1)}`;
  // a year of this century whose 0 was read as 9, 8 or 6 ("2920", "2620")
  if (year.length === 4 && /^2[689]\d\d$/u.test(year)) year = `20${year.slice(2)}`;
  return `${day}${m[2]}${month}${m[4]}${year}`;
}

/**
 * The value most readings agree on: the first reading (whole-stamp pass) and the digit-only
 * readings each count once. A value read at least twice and more often than any other wins, but
 * one other than the first reading only when no digit-only reading has a third value; otherwise the first
 * reading stays (or the most read one when the first had none), uncertain.
 */
export function voteValue(first: string | null, rereads: Array<string | null>): { value: string | null; agreed: boolean } {
  const all = [first, ...rereads].filter((v): v is string => v !== null);
  if (all.length === 0) return { value: null, agreed: false };
  const counts = new Map<string, number>();
  for (const v of all) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [best, votes] = ranked[0]!;
  // overruling the first reading takes two digit-only readings and none reading anything else
  const overrules = first !== null && best !== first;
  const unanimous = rereads.every((v) => v === null || v === best);
  if (votes >= 2 && (overrules ? unanimous : (ranked[1]?.[1] ?? 0) < votes)) return { value: best, agreed: true };
  return { value: first ?? best, agreed: false };
}

/**
 * Reads the arrival number and date of a stamp again, digits only: the value region right of each
 * label, cut from the stamp crop, read as one line with a digit whitelist at a few sizes. The
 * readings vote with the first one (a date read whole the first time stays as read); a value the
 * readings did not confirm as first read keeps a low confidence and is marked `unsure`. `now`
 * bounds the year of a date.
 */
export async function rereadFields(lines: Line[], crop: StampCrop, dpi: number | null, read: ReadField, now: Date = new Date()): Promise<Line[]> {
  const meta = await sharp(crop.png).metadata();
  const cw = meta.width ?? 0;
  const ch = meta.height ?? 0;
  const out: Line[] = [];
  for (const line of lines) {
    const field = fieldOf(line);
    if (!field) {
      out.push(line);
      continue;
    }
    const label = line.words[0]!;
    const toCrop = (x: number, y: number): [number, number] => [(x - crop.box[0]) * crop.scale, (y - crop.box[1]) * crop.scale];
    const sized = field.value[0] ?? label;
    const height = (sized.bbox[3] - sized.bbox[1]) * crop.scale;
    const valueBox: BBox = field.value.length ? union(field.value.map((w) => w.bbox)) : label.bbox;
    const [lx1] = toCrop(label.bbox[2], 0);
    const [, vy0] = toCrop(0, Math.min(valueBox[1], label.bbox[1]));
    const [vx1, vy1] = toCrop(valueBox[2], Math.max(valueBox[3], label.bbox[3]));
    const pad = Math.round(0.2 * height);
    // a value read touching its label ("ĐẾN 1" + "4-03-2024") starts a little left of the label's end
    const [vx0] = toCrop(valueBox[0], 0);
    const left = Math.max(0, Math.round(field.value.length ? Math.min(lx1 + 0.1 * height, vx0 - 0.3 * height) : lx1 + 0.1 * height));
    const right = Math.min(cw, Math.round(field.value.length ? vx1 + 1.5 * height : lx1 + 14 * height));
    // the text row of the crop the value sits in, else the line's own box
    const centre = (vy0 + vy1) / 2;
    const row = crop.rows.find(([a, b]) => centre >= a && centre <= b && b - a < 2.5 * height);
    const top = Math.max(0, Math.round(row ? row[0] : vy0 - pad));
    const bottom = Math.min(ch, Math.round(row ? row[1] : vy1 + pad));
    if (right - left < height || bottom - top < 0.5 * height) {
      out.push(line);
      continue;
    }
    const rereads = await readRegion(crop, [left, top, right, bottom], centre, height, field.kind, dpi, read, now);
    const first = field.read === null ? null : field.kind === 'number' ? numberValue(field.read) : dateValue(field.read, now);
    const voted = voteValue(first, rereads);
    // a date read well the first time stays: the stamp font's slashed 0 and a smudged 9 fool the
    // digit readings as much as the first one; a number they agree on against the first reading is
    // taken (a handwritten digit the whole-stamp pass misread), either way marked unsure
    const overruled = first !== null && voted.value !== first;
    const value = overruled && field.kind === 'date' ? first : voted.value;
    const agreed = voted.agreed && first !== null && !overruled;
    if (!value) {
      out.push(line);
      continue;
    }
    // a value only the digit-only readings found, or one they disagree on, is not sure
    const confidence = agreed ? Math.max(line.confidence, 80) : Math.min(line.confidence, 50);
    const valueBbox: BBox = field.value.length
      ? valueBox
      : [left / crop.scale + crop.box[0], top / crop.scale + crop.box[1], right / crop.scale + crop.box[0], bottom / crop.scale + crop.box[1]];
    const word: Word = { text: value, bbox: valueBbox, confidence };
    const words = [{ ...label, text: field.label }, word];
    out.push({
      ...line,
      text: `${field.label} ${value}`,
      words,
      confidence,
      ...(agreed ? {} : { unsure: true as const }),
      bbox: [Math.min(line.bbox[0], valueBbox[0]), Math.min(line.bbox[1], valueBbox[1]), Math.max(line.bbox[2], valueBbox[2]), Math.max(line.bbox[3], valueBbox[3])],
    });
  }
  const dated = await readMissingDate(out, crop, cw, ch, dpi, read, now);
  return dated ? [...out, dated].sort((a, b) => a.bbox[1] - b.bbox[1]) : out;
}

/**
 * The date of a stamp whose reading has a number but no date: the date sits on the row under the
 * number in every stamp layout ("ĐẾN 04-03-2024" or "Ngày: 14/03/2024"), so that row is read
 * digits only. Only a date two readings agree on is kept, and marked unsure (confidence 50).
 */
async function readMissingDate(lines: Line[], crop: StampCrop, cw: number, ch: number, dpi: number | null, read: ReadField, now: Date): Promise<Line | null> {
  if (lines.some((l) => fieldOf(l)?.kind === 'date')) return null;
  const numberLine = lines.find((l) => fieldOf(l)?.kind === 'number');
  const label = numberLine?.words[0];
  if (!label) return null;
  const height = (label.bbox[3] - label.bbox[1]) * crop.scale;
  const x0 = (label.bbox[0] - crop.box[0]) * crop.scale;
  const y1 = (label.bbox[3] - crop.box[1]) * crop.scale;
  // the crop's next text row, or (rows run together over print) the band a row's height below
  const found = crop.rows.find(([a, b]) => a >= y1 - 0.3 * height && b - a < 2.5 * height);
  const row: [number, number] = found ?? [Math.round(y1 + 0.1 * height), Math.min(ch, Math.round(y1 + 2.6 * height))];
  if (row[1] - row[0] < 0.5 * height) return null;
  const left = Math.max(0, Math.round(x0 - 0.3 * height));
  const right = Math.min(cw, Math.round(x0 + 16 * height));
  if (right - left < 2 * height) return null;
  const rereads = await readRegion(crop, [left, row[0], right, row[1]], found ? (row[0] + row[1]) / 2 : y1 + 1.2 * height, height, 'date', dpi, read, now);
  const voted = voteValue(null, rereads);
  if (!voted.agreed || !voted.value) return null;
  const toPage = (x: number, y: number): [number, number] => [x / crop.scale + crop.box[0], y / crop.scale + crop.box[1]];
  const bbox: BBox = [...toPage(left, row[0]), ...toPage(right, row[1])];
  const words: Word[] = [
    { text: 'Ngày:', bbox, confidence: 50 },
    { text: voted.value, bbox, confidence: 50 },
  ];
  return { text: `Ngày: ${voted.value}`, bbox, confidence: 50, words, unsure: true };
}

/**
 * One value region of the crop (`box` in crop pixels) read digits only in each variant: the
 * readings as number or date values (null where nothing usable was read).
 */
async function readRegion(crop: StampCrop, box: [number, number, number, number], centre: number, height: number, kind: 'number' | 'date', dpi: number | null, read: ReadField, now: Date): Promise<Array<string | null>> {
  const [left, top, right, bottom] = box.map(Math.round) as [number, number, number, number];
  const cut = await sharp(crop.png).extract({ left, top, width: right - left, height: bottom - top }).toColourspace('b-w').raw().toBuffer();
  for (let p = 0; p < cut.length; p++) cut[p] = cut[p]! < 128 ? 0 : 255;
  eraseSpecks(cut, right - left, bottom - top, Math.max(3, Math.round(0.2 * height)));
  const [bandTop, bandBottom] = inkBand(cut, right - left, bottom - top, Math.round(centre - top));
  const region = await sharp(cut, { raw: { width: right - left, height: bottom - top, channels: 1 } })
    .extract({ left: 0, top: bandTop, width: right - left, height: bandBottom - bandTop })
    .png()
    .toBuffer();
  const values: Array<string | null> = [];
  // small print (a 200-dpi grey stamp) is enlarged to a readable height first
  const base = Math.max(1, MIN_TEXT_HEIGHT / height);
  for (const variant of VARIANTS) {
    const scale = base * variant.scale;
    const median = variant.median;
    const margin = Math.round(0.5 * height * scale);
    let image = sharp(region).resize(Math.round((right - left) * scale), Math.round((bandBottom - bandTop) * scale));
    if (median) image = sharp(await image.png().toBuffer()).median(median);
    const png = await image.extend({ top: margin, bottom: margin, left: margin, right: margin, background: '#ffffff' }).png().toBuffer();
    const words = await read(png, (dpi ?? 300) * crop.scale * scale, '7', kind === 'number' ? DIGITS : DATE_CHARS);
    const text = words.lines.map((l) => l.text).join(' ');
    values.push(kind === 'number' ? numberValue(text) : dateValue(text, now));
  }
  return values;
}

/**
 * Erases specks smaller than `size` both ways (the dots of the form's line under a handwritten
 * value: next to a 1 they make it a 4). Strokes of digits are larger.
 */
export function eraseSpecks(grey: Buffer, w: number, h: number, size: number): void {
  for (const c of inkComponents(w, h, (p) => grey[p]! < 128)) {
    if (c.x1 - c.x0 < size && c.y1 - c.y0 < size) for (const p of c.pixels) grey[p] = 255;
  }
}

function union(boxes: BBox[]): BBox {
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
