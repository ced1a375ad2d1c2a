import sharp from 'sharp';
import { foldAccents } from '../../text/fold.js';
import type { BBox, Line, Word } from '../../../schemas/page.js';
import { greyStampCrop, stampFrames, type StampCrop } from './preprocess.js';
import { placeLines, quality } from './words.js';
import { fixStampDate, rereadFields, type ReadField } from './stamp-fields.js';

export { fixStampDate };

/** One tesseract pass over a PNG at a resolution with a page segmentation mode (and a character whitelist). */
export type ReadWords = ReadField;

/**
 * Reads one candidate stamp region with PSM 6 and PSM 11, keeps the better reading, adds the
 * other's arrival number or "ĐẾN" line when the better one missed it, and returns nothing when
 * the region does not read like an arrival stamp (a seal, a signature). Further crops of the same
 * region (other thresholds) only add votes for the stamp's fields ("Số: N", "ĐẾN date", "Ngày:").
 */
export async function readStamp(crops: StampCrop | StampCrop[], dpi: number | null, read: ReadWords, mark = STAMP_MARK): Promise<Line[]> {
  const [first, ...others] = Array.isArray(crops) ? crops : [crops];
  if (!first) return [];
  const readings = (await readCrop(first, dpi, read, others.length ? ['6'] : ['6', '11'], true)).sort((a, b) => quality(b) - quality(a));
  for (const crop of others) readings.push(...(await readCrop(crop, dpi, read, ['11'], false)));
  const merged = mergeStampReadings(readings);
  if (!merged.some((l) => mark.test(l.text))) return [];
  const checked = await rereadFields(merged.map(fieldOnly), first, dpi, read);
  return checked.map((l) => ({ ...l, kind: 'stamp' as const }));
}

/**
 * Whole-crop readings (PSM 6, PSM 11) and, `byRow`, PSM 7 row by row (the handwritten number beside
 * its small label is often only read so).
 */
async function readCrop(crop: StampCrop, dpi: number | null, read: ReadWords, psms: string[], byRow: boolean): Promise<Line[][]> {
  const d = (dpi ?? 300) * crop.scale;
  const readings: Line[][] = [];
  for (const psm of psms) {
    const words = await read(crop.png, d, psm);
    const placed = placeLines(words, crop.box[0], crop.box[1], crop.scale);
    readings.push(stampRows(placed.flatMap((l) => l.words)));
  }
  if (!byRow) return readings;
  const meta = await sharp(crop.png).metadata();
  const rowWords: Word[] = [];
  for (const [top, bottom] of crop.rows) {
    const row = await sharp(crop.png).extract({ left: 0, top, width: meta.width!, height: bottom - top }).png().toBuffer();
    const words = await read(row, d, '7');
    rowWords.push(...placeLines(words, crop.box[0], crop.box[1] + top / crop.scale, crop.scale).flatMap((l) => l.words));
  }
  readings.push(stampRows(rowWords));
  return readings;
}

/**
 * Arrival stamps of a greyscale page (or of a colour page whose coloured ink held none): framed
 * regions of stamp size, each read with the print around its grey ink left out and as it is.
 */
export async function readGreyStamps(png: Buffer, dpi: number | null, read: ReadWords): Promise<Line[][]> {
  const found: Line[][] = [];
  for (const box of await stampFrames(png, dpi ?? 300)) {
    const plain = await greyStampCrop(png, box, dpi ?? 300, false);
    const dropped = await greyStampCrop(png, box, dpi ?? 300, true);
    // The print is still in a bilevel crop: a "Số: N" of the text is no stamp, a "ĐẾN", date or label must be read.
    const lines = await readStamp(dropped ? [dropped, plain] : [plain], dpi, read, GREY_STAMP_MARK);
    // With the print still there (bilevel), a lone number is as likely the text's ("47/2019/QH14") as
    // the stamp's, and other rows are mostly print: only the fields and a capitals office line stay.
    const kept = (dropped ? lines : lines.filter((l) => !labelAdded(l) && (stampField(l) || capitals(l.text)))).map(fieldOnly);
    if (kept.length) found.push(kept);
  }
  return found;
}

/** A field line cut after its value ("Số: 60 Kính gửi: UBND" → "Số: 60"): the rest is print read through the stamp. */
export function fieldOnly(line: Line): Line {
  // a number OCR split in two ("Số: 457 3") is one field
  const m = /^(?:Số: ?\d{1,6}(?: \d{1,3}(?=\s|$))?|(?:ĐẾN|Ngày:?) ?\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?=\s|$)/u.exec(line.text);
  if (!m) return line;
  const words = line.words.slice(0, m[0].split(/\s+/u).length);
  return { ...line, text: m[0], words };
}

/** Mostly capitals, as a stamp's office line is printed. */
function capitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 6 && [...letters].filter((c) => c !== c.toLowerCase()).length >= 0.8 * letters.length;
}

/** "Số: N" whose label was not read but added to a lone number by `cleanStampLine`. */
export function labelAdded(line: Line): boolean {
  const [label, number] = line.words;
  return !!label && !!number && label.text === 'Số:' && label.bbox.every((v, i) => v === number.bbox[i]);
}

/** A line that only an arrival stamp has: "ĐẾN", "Số: 10781", "Ngày: 12/03/2021", "Chuyển:", a date. */
const STAMP_MARK = /^ĐẾN\b|^Số: ?\d|^Ngày:|^Chuyển|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/u;
const GREY_STAMP_MARK = /^ĐẾN\b|^Ngày:|^Chuyển|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b/u;

/** Words of a stamp reading dealt into rows (PSM 11 reads every word on its own), left to right. */
function stampRows(words: Word[]): Line[] {
  const sorted = [...words].sort((a, b) => a.bbox[1] + a.bbox[3] - (b.bbox[1] + b.bbox[3]));
  const rows: Word[][] = [];
  for (const w of sorted) {
    const row = rows[rows.length - 1];
    const centre = (w.bbox[1] + w.bbox[3]) / 2;
    if (row) {
      const top = Math.min(...row.map((r) => r.bbox[1]));
      const bottom = Math.max(...row.map((r) => r.bbox[3]));
      if (centre > top && centre < bottom) {
        row.push(w);
        continue;
      }
    }
    rows.push([w]);
  }
  return rows.map((row) => cleanStampLine(row.sort((a, b) => a.bbox[0] - b.bbox[0]))).filter((l): l is Line => l !== null);
}

/**
 * One row of a stamp reading, cleaned: the frame ("|", "‹") and the dotted lines of the form dropped,
 * the printed labels restored ("sẽ: 10781" → "Số: 10781", "ĐEN" → "ĐẾN", "o9-11-2018" → "09-11-2018");
 * null for a row that is mostly noise.
 */
export function cleanStampLine(row: Word[]): Line | null {
  const words: Word[] = [];
  for (const w of row) {
    let text = w.text.replace(/[.…]{2,}/gu, ' ').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}:]+$/gu, '').trim();
    if (/^[\doOlI]{1,2}[-/.][\doOlI]{1,2}[-/.][\doOlI]{2,4}$/u.test(text)) text = fixStampDate(text.replace(/[oO]/gu, '0').replace(/[lI]/gu, '1'));
    if (/^[|lI1]*[ĐD][ẾEÉÊỂỀ]N$/iu.test(text)) text = 'ĐẾN';
    if (/^Chuy[ểêếeề]n$/iu.test(text)) text = 'Chuyển:';
    if (!text || !/[\p{L}\p{N}]/u.test(text)) continue;
    for (const part of text.split(/\s+/u)) words.push({ ...w, text: part });
  }
  // The stamp's frame read as a letter at either end of a row.
  while (words.length > 1 && /^[|lI1[\]]$/u.test(words[0]!.text)) words.shift();
  while (words.length > 1 && /^[|lI[\]]$/u.test(words[words.length - 1]!.text)) words.pop();
  if (words.length === 0) return null;
  // A speck between "ĐẾN" and its date ("ĐẾN 2 14-05-2021").
  if (words.length === 3 && words[0]!.text === 'ĐẾN' && words[1]!.text.length === 1 && /^\d{1,2}[-/.]\d/u.test(words[2]!.text)) words.splice(1, 1);
  // The printed "Số:" label in front of the handwritten arrival number, misread in many ways.
  const label = words[0]!;
  const next = words[1];
  if (/^[|lI1]?[sS][\p{L}\d]{0,2}[:'.]?$/u.test(label.text) && next && /^\d{2,}$/u.test(next.text.replace(/[.,:]+$/u, ''))) {
    words[0] = { ...label, text: 'Số:' };
    words[1] = { ...next, text: next.text.replace(/[.,:]+$/u, '') };
  } else if (words.length === 1 && /^\d{2,6}$/u.test(label.text)) {
    // A bare number in a stamp is the arrival number whose small printed label was not read.
    words.unshift({ ...label, text: 'Số:' });
  }
  const confidence = words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
  const text = words.map((w) => w.text).join(' ');
  if (confidence < 45 || !/[\p{L}\p{N}]{2}/u.test(text)) return null;
  const bbox: BBox = [Math.min(...words.map((w) => w.bbox[0])), Math.min(...words.map((w) => w.bbox[1])), Math.max(...words.map((w) => w.bbox[2])), Math.max(...words.map((w) => w.bbox[3]))];
  return { text, bbox, confidence, words };
}

/**
 * An arrival number written in black or grey pen has no colour, so the ink crop shows only the
 * printed "Số:" label: the page pass read the number as a line of its own. A bare number just right of
 * the label (same row, inside the stamp) completes the stamp line ("Số: 2169") and leaves the page
 * lines. `stamp` is updated in place; the page lines without that number are returned.
 */
export function takeHandwrittenNumber(page: Line[], stamp: Line[]): Line[] {
  const index = stamp.findIndex((l) => l.text === 'Số:');
  if (index < 0) return page;
  const label = stamp[index]!;
  const height = label.bbox[3] - label.bbox[1];
  const centre = (label.bbox[1] + label.bbox[3]) / 2;
  const found = page.findIndex((l) => {
    if (!/^\d{1,6}$/u.test(l.text)) return false;
    const c = (l.bbox[1] + l.bbox[3]) / 2;
    return Math.abs(c - centre) < 1.5 * height && l.bbox[0] > label.bbox[0] && l.bbox[0] - label.bbox[2] < 12 * height;
  });
  if (found < 0) return page;
  const number = page[found]!;
  stamp[index] = {
    ...label,
    text: `Số: ${number.text}`,
    bbox: [label.bbox[0], Math.min(label.bbox[1], number.bbox[1]), number.bbox[2], Math.max(label.bbox[3], number.bbox[3])],
    words: [...label.words, ...number.words],
  };
  return page.filter((_, i) => i !== found);
}

/** The printed label a stamp line starts with ("Số:", "ĐẾN", "Ngày:", "Chuyển:"), if any. */
function stampField(line: Line): string | null {
  const label = /^(Số:|ĐẾN|Ngày|Chuyển)/u.exec(line.text)?.[1];
  // "ĐẾN" alone (a stamp where the date is on its own "Ngày:" line) is another field than "ĐẾN 09-11-2018".
  return label === 'ĐẾN' && /^ĐẾN$/u.test(line.text) ? 'ĐẾN-alone' : (label ?? null);
}

/**
 * One stamp reading from several (best first): the best reading's lines, where each labelled field
 * ("Số: 10781", "ĐẾN 09-11-2018", ...) takes the text most readings agree on (then the most
 * confident), and a field the best reading missed is taken from the others.
 */
export function mergeStampReadings(readings: Line[][]): Line[] {
  const candidates = new Map<string, Line[]>();
  for (const reading of readings) {
    for (const line of reading) {
      const field = stampField(line);
      if (field) candidates.set(field, [...(candidates.get(field) ?? []), line]);
    }
  }
  const pick = (field: string): Line => {
    const lines = candidates.get(field)!;
    const votes = (l: Line) => lines.filter((o) => o.text === l.text).length;
    return [...lines].sort((a, b) => votes(b) - votes(a) || b.confidence - a.confidence)[0]!;
  };
  const out: Line[] = [];
  const done = new Set<string>();
  for (const line of readings[0] ?? []) {
    const field = stampField(line);
    if (!field) out.push(line);
    else if (!done.has(field)) {
      out.push(pick(field));
      done.add(field);
    }
  }
  for (const field of candidates.keys()) if (!done.has(field)) out.push(pick(field));
  return out.sort((a, b) => a.bbox[1] - b.bbox[1]);
}

/**
 * Decree 30/2020 puts the arrival stamp on a document's first page, beside its header. A page whose
 * upper half shows no header (motto, number line, V/v, Kính gửi, a document title) and no stamp word is a continuation
 * or appendix page: its coloured ink is a seal or a signature, and the stamp search is skipped. A page
 * read too poorly to tell is searched.
 */
export function mayHoldArrivalStamp(lines: Line[], height: number): boolean {
  if (lines.length < MIN_LINES_TO_JUDGE) return true;
  return lines.some((l) => l.bbox[1] < 0.5 * height && (HEADER_MARK.test(foldAccents(l.text).toLowerCase()) || STAMP_WORD.test(l.text)));
}

const MIN_LINES_TO_JUDGE = 5;
const HEADER_MARK = new RegExp(
  [
    'cong h[oa]+ xa', 'doc lap', 'hanh phuc', 'dang cong san', // mottos of state and Party documents
    '^\\W*s[o0]\\s*[:.]', '^\\W*s[o0]\\s*\\d+\\s*[-/]', // number line, "Số: 12/…", "Số 123-TB/TU"
    'v\\s*\\/\\s*v\\b', 'kinh gui',
    // a first page's title
    '^\\W*(quyet dinh|nghi quyet|chi thi|ke hoach|bao cao|to trinh|thong bao|giay moi|phieu chuyen|cong van|huong dan|chuong trinh|thong tu|nghi dinh)\\b',
  ].join('|'),
  'u',
);
const STAMP_WORD = /(?<!\p{L})Đ[ẾE]N(?!\p{L})/u;
