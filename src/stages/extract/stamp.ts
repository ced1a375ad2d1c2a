/**
 * The arrival stamp (dấu ĐẾN): receiving office, arrival number, arrival date. Its lines are
 * recognised by their own vocabulary (ĐẾN, Số: N without symbol, Ngày:, Chuyển:, Số và ký hiệu HS,
 * Giờ:) and removed from the lines the header extractor sees, so the stamp's "Số" never becomes
 * the document's number.
 */
import type { Arrival } from '../../../schemas/document.js';
import { canonicalBody, type BodyContext } from '../normalize/issuers.js';
import { distance } from 'fastest-levenshtein';
import { CENTRAL_CITIES, DISTRICT_PROVINCE, PROVINCES, canonicalDistrict, canonicalProvince, placeKey } from '../normalize/places.js';
import { dateAt, parseDate } from './dates.js';
import { leftPart } from './columns.js';
import { foldAligned, type DocLine } from './text.js';
import { normalizeText } from '../../text/fold.js';
import { fuzzyDepartment } from './stamp-office.js';

/** Folded left part of a line (a merged right header column cut off), leading specks dropped. */
function lf(l: DocLine): string {
  return foldAligned(leftPart(l)).replace(/\s+/g, ' ').trim().replace(/^[^a-z0-9]+/, '');
}

/**
 * The stamp's number line, tolerant of a misread "Số" ("su 2213", "s6 .3528....", "sa. 6156...")
 * and of the recipients line merged after it ("số: 3940 Kính gửi: ..."). `strict` when "Số" was
 * read as such.
 */
export function stampNumber(s: string): { number: string; strict: boolean } | null {
  const m = /^(so|s[0-9]|sa|se|su)\s*[:.,;]?\s*[.…·,]*\s*(\d{2,6})(?=[.…·,|\s]*(?:$|kinh gui))/.exec(s);
  if (!m) return null;
  return { number: m[2]!, strict: m[1] === 'so' };
}

/** "ĐẾN" printed in capitals at the start of a line (never the word "đến" of running text). */
const DEN_RAW = /^[^\p{L}\d]*(?:CV\s*)?[ĐDÐ][ẾEÉÊỀ]N\b/u;
const DEN_MISREAD = /^[^\p{L}\d]*[ĐÐ][ẾEÉÊỀ]\p{L}{0,2}\s*[:.]?\s*\d{1,2}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{2,4}\b/u;
const DATE_AHEAD = /^[^0-9]{0,8}\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}/;

export interface StampResult {
  arrival: Arrival;
  /** Indices (into the given lines) that belong to the stamp. */
  lines: number[];
  receiverLine: DocLine | null;
  numberLine: DocLine | null;
  dateLine: DocLine | null;
  /** Read from weak evidence: a misread "Số", or only the office line. */
  weak: boolean;
  /** The date text when it did not parse as a date (for a repair once the issue date is known). */
  dateText: string | null;
}

type Kind = 'den' | 'number' | 'weaknumber' | 'bare' | 'emptyso' | 'date' | 'datealone' | 'route' | 'file' | 'time';

/** Kinds that never make a stamp on their own. */
const WEAK: ReadonlySet<Kind | null> = new Set<Kind | null>(['route', 'weaknumber', 'bare', 'emptyso', 'datealone']);

function kindOf(l: DocLine): Kind | null {
  const s = lf(l);
  if (/^(cv\s*)?den\b/.test(s) && DEN_RAW.test(leftPart(l)) && (s.length < 40 || DATE_AHEAD.test(s.replace(/^(cv\s*)?den\b/, '')))) return 'den';
  // "ĐEhi: 02-12-2021": the capital Đ/D and E of a misread "ĐẾN" right before the date
  if (DEN_MISREAD.test(leftPart(l)) && s.length < 30) return 'den';
  if (/^so\s*:?\s*\d{1,6}( \d{1,3})?\s*$/.test(s)) return 'number';
  const n = stampNumber(s);
  if (n) return n.strict ? 'number' : 'weaknumber';
  if (/^\d{2,6}$/.test(s.replace(/[\s.…|]+$/, ''))) return 'bare';
  if (/^\S{0,6}\s*\d{1,2}-\d{1,2}-\d{2,4}$/.test(s)) return 'datealone';
  if (/^so\s*[:.]?\s*$/.test(s)) return 'emptyso';
  if (/^ngay\s*:\s*/.test(s) && s.length < 30) return 'date';
  if (/^chuyen\s*:/.test(s)) return 'route';
  if (/^so va ky hieu (hs|ho so)/.test(s)) return 'file';
  if (/^gio\s*:/.test(s) && s.length < 20) return 'time';
  return null;
}

/** A body name printed as a stamp's office line: caps, names a known body. */
function looksLikeOffice(l: DocLine): boolean {
  const s = lf(l);
  // a number or a reference makes it a citation ("số 1829/QĐ-TTg của TTCP"); a lone digit is a speck
  // (the number of a quận or phường closing the line is a name: "UBND QUẬN 10")
  if (/^so\s*:/.test(s) || s.length > 80 || /\d{2}|\d\s*\//.test(s.replace(/\s(quan|phuong)\s\d{1,2}$/, ''))) return false;
  const letters = leftPart(l).replace(/[^\p{L}]/gu, '');
  const upper = [...letters].filter((c) => c !== c.toLowerCase()).length;
  // mostly capitals: a stamp's office line, where OCR may lower a word ("sở NỘI vỤ" on a short line)
  const short = s.split(' ').length <= 4 && !/[;,.]$/.test(s);
  if (letters.length < 4 || upper < (short ? 0.5 : 0.6) * letters.length) return false;
  return /^(van phong|vp|so|ubnd|uend|uy ban|bo|hdnd|phong|cuc|ban)\b/.test(s) || /^\S{1,3} (hdnd va ubnd)\b/.test(s);
}

/** An office line of the stamp's own crop whose start was lost: capitals naming part of a department. */
function partOfOffice(l: DocLine): boolean {
  const text = leftPart(l);
  const letters = text.replace(/[^\p{L}]/gu, '');
  const upper = [...letters].filter((c) => c !== c.toLowerCase()).length;
  return !!l.stamp && letters.length >= 8 && upper >= 0.6 * letters.length && !/\d{2}/.test(text) && fuzzyDepartment(text) !== null;
}

/** Stamp receiver in canonical form; a bare UBND stands for its office. */
export function canonicalReceiver(printed: string, ctx?: BodyContext): string | null {
  printed = cleanOfficeLine(printed, ctx);
  if (!printed) return null;
  const body = canonicalBody(printed, ctx);
  if (!body) {
    // the start of a department's name lost ("VÀ TRUYỀN THÔNG TỈNH ...")
    const near = fuzzyDepartment(printed);
    return near ? canonicalBody(cleanOfficeLine(`Sở ${near.department} ${near.locality}`, ctx), ctx) : null;
  }
  // "HĐND VÀ UBND <locality>": the office of both, its "VP" lost; without a locality it is unknown
  const pf = foldAligned(normalizeText(printed)).toLowerCase();
  if (/(^|\s)(hdnd va ubnd|hoi dong nhan dan va uy ban nhan dan)\b/.test(pf)) {
    const own = canonicalBody(/^(vp|van phong)\b/.test(pf) ? printed : `VP ${printed}`);
    return own && !/Ủy ban nhân dân$/.test(own) ? own : null;
  }
  // "UBND <words that are no locality>": the locality was misread; the document's province is no answer
  if (/^(vp |van phong )?(ubnd|uy ban nhan dan)\b/.test(pf) && /Ủy ban nhân dân$/.test(canonicalBody(printed) ?? '') && /\p{L}{2}/u.test(pf.replace(/^(vp |van phong )?(ubnd|uy ban nhan dan)\b/, ''))) return null;
  const m = /^Ủy ban nhân dân (.+)$/.exec(body);
  if (!m) return body;
  const loc = m[1]!;
  // a commune's committee receives itself
  if (/^(xã|phường|thị trấn) /.test(loc)) return body;
  const provincial = /^tỉnh /.test(loc) || CENTRAL_CITIES.some((c) => loc.endsWith(c));
  return provincial ? `Văn phòng Ủy ban nhân dân ${loc}` : `Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${loc}`;
}

/**
 * The receiver an office line names only by a guess: its start was lost and the department was
 * matched on the words that remain (`fuzzyDepartment`).
 */
export function guessedReceiver(printed: string, ctx?: BodyContext): boolean {
  const cleaned = cleanOfficeLine(printed, ctx);
  return !!cleaned && !canonicalBody(cleaned, ctx) && canonicalReceiver(printed, ctx) !== null;
}

const LEVEL = /\b(tinh|thanh pho|tp|huyen|thi xa|quan)\s+(.+)$/;
const HEAD = /\b(vp|van phong|so|ubnd|uend|uy ban|hdnd)\b/;

/**
 * An office line as read from a stamp, repaired: noise before the body's head word dropped ("VŨ HĐND
 * VÀ UBND …" keeps "HĐND VÀ UBND …"), "UEND" for "UBND", a misread locality name replaced by the one
 * known place of the document's province it is close to ("PLEHSO" → Pleiku), and a locality that
 * names no place at all ("TÍNH Đ AK") dropped so the document's province applies. A district-level
 * locality that matches nothing known and is too short to be a name makes the line unusable ("").
 */
export function cleanOfficeLine(printed: string, ctx?: BodyContext): string {
  let text = normalizeText(printed)
    .replace(/(?<!\p{L})[UƯ][BEƠ]ND(?!\p{L})/gu, 'UBND')
    .replace(/(?<!\p{L})[UƯ]\p{Lu}?[BEƠ]\p{Lu}?ND(?!\p{L})/gu, (w) => (w.length === 5 ? 'UBND' : w)) // a speck read inside it: "UỐBND"
    .replace(/[:|]/g, ' ')
    // a speck after the name: a lone mark, or a lone digit except the number of a quận or phường ("QUẬN 3")
    .replace(/\s[^\p{L}\p{N}\s]$/u, '')
    .replace(/\s\d$/u, (speck, at: number, all: string) => (/(?:^|\s)(quận|phường|quan|phuong)$/iu.test(all.slice(0, at)) ? speck : ''))
    .replace(/\s+/g, ' ')
    .trim();
  let f = foldAligned(text).toLowerCase();
  const head = /\b(hdnd va ubnd|hoi dong nhan dan va uy ban nhan dan)\b/.exec(f) ?? HEAD.exec(f);
  if (head && head.index > 0 && !/^(vp|van phong)\s/.test(f) && head.index <= 4) {
    text = text.slice(head.index);
    f = f.slice(head.index);
  }
  const level = LEVEL.exec(f);
  if (!level) return text;
  const name = text.slice(level.index + level[0].length - level[2]!.length);
  const provincial = level[1] === 'tinh';
  if (provincial ? canonicalProvince(name) : canonicalDistrict(name) ?? (level[1] !== 'huyen' && canonicalProvince(name))) return text;
  const near = nearPlace(name, provincial, ctx?.province ?? null);
  if (near) return `${text.slice(0, level.index + level[0].length - level[2]!.length)}${near}`;
  if (provincial) return text.slice(0, level.index).trim();
  // a numbered quận or phường ("QUẬN 10") is a name
  if (/^(quan|phuong)$/.test(level[1]!) && /^\d{1,2}$/.test(name.trim())) return text;
  return name.replace(/[^\p{L}]/gu, '').length < 4 ? '' : text;
}

/** The one known place (a province, or a town of `province`) a misread name is close to, if any. */
function nearPlace(name: string, provincial: boolean, province: string | null): string | null {
  const key = placeKey(name);
  if (key.length < 4) return null;
  const candidates = provincial ? PROVINCES : Object.keys(DISTRICT_PROVINCE).filter((d) => DISTRICT_PROVINCE[d] === province);
  const scored = candidates.map((c) => ({ c, d: distance(placeKey(c), key) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  if (!best || best.d > Math.floor(key.length / 2) || (scored[1] && scored[1].d === best.d)) return null;
  return best.c;
}

/**
 * Finds the arrival stamp among the lines (normally those of the document's first page). The
 * stamp's own reading (lines OCR read from the stamp's crop) and the page pass's reading of it are
 * looked at apart; each field comes from the stamp's reading when it has it.
 */
export function findStamp(lines: DocLine[], ctx?: BodyContext): StampResult | null {
  const fromPage = findCluster(lines, (i) => !lines[i]!.stamp, false, ctx);
  if (!lines.some((l) => l.stamp)) return fromPage;
  const fromCrop = findCluster(lines, (i) => !!lines[i]!.stamp, true, ctx);
  if (!fromCrop) return fromPage;
  return fromPage ? mergeStamps(fromCrop, fromPage) : fromCrop;
}

/**
 * The stamp's fields from its own crop where it has them, else from the page pass. Two readings
 * that disagree on the receiver, the number or the date make the result weak (to be reviewed).
 */
export function mergeStamps(crop: StampResult, page: StampResult): StampResult {
  const a = crop.arrival;
  const b = page.arrival;
  const receiverOf = (r: StampResult): string | null => (r.receiverLine ? canonicalReceiver(leftPart(r.receiverLine)) : null);
  const guessed = (r: StampResult): boolean => !!r.receiverLine && guessedReceiver(leftPart(r.receiverLine));
  const [ra, rb] = [receiverOf(crop), receiverOf(page)];
  // the crop's office line unless it is missing, or a guess from a lost start where the page pass read one whole
  const receiverFrom = ra && !(guessed(crop) && rb && !guessed(page)) ? crop : rb ? page : crop;
  // one name with its locality, the other without it, is one office read twice
  const receiversDiffer = !!ra && !!rb && !ra.startsWith(rb) && !rb.startsWith(ra);
  // the crop's number unless it is unsure (its digit readings disagreed) and the page pass read another
  const unsure = (!!crop.numberLine?.unsure || (crop.numberLine?.confidence ?? 0) <= 50) && (page.numberLine?.confidence ?? 0) > (crop.numberLine?.confidence ?? 0);
  const numberFrom = a.number && !(b.number && b.number !== a.number && unsure) ? crop : page;
  const dateFrom = a.date || (!b.date && crop.dateText) ? crop : page;
  const disagree = receiversDiffer || (!!a.number && !!b.number && a.number !== b.number) || (!!a.date && !!b.date && a.date !== b.date);
  const date = dateFrom.arrival.date;
  return {
    arrival: { receiver: receiverFrom.arrival.receiver, number: numberFrom.arrival.number, date },
    lines: [...new Set([...crop.lines, ...page.lines])].sort((x, y) => x - y),
    receiverLine: receiverFrom.receiverLine,
    numberLine: numberFrom.numberLine,
    dateLine: dateFrom.dateLine,
    weak: disagree || (numberFrom.arrival.number ? numberFrom.weak : crop.weak && page.weak),
    dateText: date ? null : (crop.dateText ?? page.dateText),
  };
}

/**
 * The stamp among the lines `allowed` takes: a cluster of stamp lines with enough evidence. Lines of
 * the stamp's own crop (`ownCrop`) are a stamp already: one field is enough, and the office line
 * is looked for among them only.
 */
function findCluster(lines: DocLine[], allowed: (i: number) => boolean, ownCrop: boolean, ctx?: BodyContext): StampResult | null {
  const kinds = lines.map((l, i) => (allowed(i) ? kindOf(l) : null));
  const anchors = kinds.flatMap((k, i) => (k ? [i] : []));
  const trailing = (): StampResult | null => (ownCrop ? null : trailingOffice(lines.map((l, i) => (allowed(i) ? l : { ...l, text: '' }))));
  if (anchors.length === 0) return trailing();
  // cluster: anchors within 3 lines of each other, starting with a "den"/"number"/"date" anchor
  let best: number[] = [];
  let cur: number[] = [];
  const score = (c: number[]): number => c.filter((i) => !WEAK.has(kinds[i]!)).length * 10 + c.length;
  for (const i of anchors) {
    if (cur.length && i - cur[cur.length - 1]! > 3) {
      if (score(cur) > score(best)) best = cur;
      cur = [];
    }
    cur.push(i);
  }
  if (score(cur) > score(best)) best = cur;
  const hasDen = best.some((i) => kinds[i] === 'den');
  const solid = best.filter((i) => !WEAK.has(kinds[i]!));
  // a misread "Số: N" right under an office line is a stamp too ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" … "s6 .3528....")
  // … and so is a bare number right under one ("SỞ GIÁO DỤC VÀ ĐÀO TẠO" / "3528"), and a misread "Số: N"
  // next to a dashed date on a line of its own ("sẽ 6156" / "LYOCN 02-12-2021")
  // (the right header column may come between them: up to four lines, all below the document's own number)
  const ownNumber = lines.findIndex((l) => /^so\s*[:.]?\s*\S*\d+\s*\/\s*\S/.test(lf(l)));
  const officeAbove = best.some((i) =>
    [1, 2, 3, 4].some((k) => !!lines[i - k] && looksLikeOffice(lines[i - k]!) && (kinds[i] === 'weaknumber' || (kinds[i] === 'bare' && (k <= 2 || (ownNumber >= 0 && i - k > ownNumber))))),
  );
  const numberAndDate = best.some((i) => kinds[i] === 'weaknumber') && best.some((i) => kinds[i] === 'datealone');
  // lines of the stamp's own crop are a stamp already (they held a stamp's label or date): any field will do
  const strong = hasDen || solid.length >= 2 || (solid.length === 1 && best.length >= 2) || officeAbove || numberAndDate || ownCrop;
  if (!strong) return trailing();

  const used = new Set(best);
  let receiverLine: DocLine | null = null;
  const first = best[0]!;
  const last = best[best.length - 1]!;
  // the office line sits above the stamp's fields (OCR may put a few body lines between), never
  // in the document's own header (before its "Số: N/SYMBOL" line)
  const numberAt = lines.findIndex((l) => /^so\s*[:.]?\s*\S*\d+\s*\/\s*\S/.test(lf(l)));
  const near = [first - 1, first - 2, first - 3, first - 4, first - 5, first - 6, last + 1, last + 2];
  const pick = (ok: (j: number) => boolean): void => {
    for (const j of near) {
      const l = lines[j];
      if (!receiverLine && l && allowed(j) && ok(j) && !used.has(j) && (looksLikeOffice(l) || (ownCrop && partOfOffice(l)))) {
        receiverLine = l;
        used.add(j);
      }
    }
  };
  // below the document's number line: the stamp's office, not a header line
  pick((j) => numberAt >= 0 && j > numberAt);
  // an office line OCR appended after the body beats a line inside the header zone, which may be
  // the document's own issuing body when the stamp sits among the header lines
  if (!receiverLine) {
    const t = trailing();
    if (t) {
      receiverLine = t.receiverLine;
      for (const i of t.lines) used.add(i);
    }
  }
  pick((j) => j === first - 1 || j === first - 2);
  let numberLine: DocLine | null = null;
  let dateLine: DocLine | null = null;
  let number: string | null = null;
  let date: string | null = null;
  let weak = false;
  let dateText: string | null = null;
  for (const i of best) {
    const l = lines[i]!;
    const s = lf(l);
    const k = kinds[i];
    if (!number) {
      const m = /(?:^|\b)so\s*:?\s*(\d{1,6}(?: \d{1,3}(?=\s*$))?)\b/.exec(s);
      if (m && m[1]!.length > 7) m[1] = m[1]!.slice(0, m[1]!.indexOf(' '));
      if (m) m[1] = m[1]!.replace(' ', '');
      const w = k === 'weaknumber' ? stampNumber(s) : k === 'bare' ? { number: s.replace(/[^0-9]/g, '') } : null;
      if (m && (k === 'number' || k === 'den')) {
        number = m[1]!;
        numberLine = l;
      } else if (w) {
        number = w.number;
        numberLine = l;
        weak = true;
      }
    }
    if (!date && (k === 'den' || k === 'date' || k === 'datealone')) {
      const rest = s.replace(/^(cv\s*)?d\S{0,3}\s*:?/, '').replace(/^ngay\s*:?/, '').replace(/^\S{0,6}\s+(?=\d)/, '');
      const d = dateAt(rest) ?? (parseDate(rest) ? { iso: parseDate(rest)! } : null);
      if (d) {
        date = d.iso;
        dateLine = l;
      } else if (/\d/.test(rest)) {
        dateText = rest;
        dateLine = l;
      }
    }
  }
  const receiver = receiverLine ? canonicalReceiver(leftPart(receiverLine), ctx) : null;
  return {
    arrival: { receiver, number, date },
    lines: [...used].sort((a, b) => a - b),
    receiverLine,
    numberLine,
    dateLine,
    weak,
    dateText: date ? null : dateText,
  };
}

/**
 * A stamp whose fields OCR lost except its office line, which a layout-blind OCR appends after
 * the page body ("VĂN PHÒNG UBND TÍNH ĐẮK LẮK" as one of the last lines of the page). Read as a
 * receiver only, marked weak.
 */
function trailingOffice(lines: DocLine[]): StampResult | null {
  const tail: number[] = [];
  for (let i = lines.length - 1; i >= 0 && tail.length < 3; i--) {
    if (lines[i]!.text.replace(/[^\p{L}]/gu, '').length > 4) tail.push(i);
  }
  for (const i of tail) {
    const l = lines[i]!;
    if (!looksLikeOffice(l) || i < 8) continue;
    const receiver = canonicalReceiver(leftPart(l));
    // a bare "Ủy ban nhân dân" or a signing title ("TM. ỦY BAN NHÂN DÂN" with its prefix lost) is no stamp
    if (!receiver || /^(Văn phòng )?(Ủy ban nhân dân|Hội đồng nhân dân)$/.test(receiver)) continue;
    if (/\b(truong|chu tich|giam doc)\b/.test(lf(l))) continue;
    return { arrival: { receiver, number: null, date: null }, lines: [i], receiverLine: l, numberLine: null, dateLine: null, weak: true, dateText: null };
  }
  return null;
}

/**
 * The arrival date of a stamp checked against the document's issue date: a date read as such that
 * falls before the issue date or more than 90 days after it may be misread, and is repaired like an
 * unreadable one (`repairStampDate`), or kept as read when no single repair fits. A late date read
 * whole (`lateButWhole`) is kept. An unreadable date is repaired the same way. Any date outside the
 * window, kept or repaired, is for the caller to flag (`plausibleArrival`).
 */
export function stampDate(stamp: Pick<StampResult, 'arrival' | 'dateText'> & { dateLine?: DocLine | null }, issued: string | null): string | null {
  const read = stamp.arrival.date;
  if (!read) return stamp.dateText ? repairStampDate(stamp.dateText, issued) : null;
  if (!issued || plausibleArrival(read, issued)) return read;
  if (lateButWhole(read, issued, stamp.dateLine?.raw ?? '')) return read;
  const [y, m, d] = read.split('-');
  return repairStampDate(`${d}-${m}-${y}`, issued) ?? read;
}

/**
 * A date after the issue date printed in full (day, month and a four-digit year) whose year is the
 * issue year or the next: a document that arrived late, not a misreading. A year misread through a
 * look-alike digit (0 read as 6, 8 or 9) lands years away.
 */
function lateButWhole(date: string, issued: string, text: string): boolean {
  const year = date.slice(0, 4);
  if (date <= issued || Number(year) > Number(issued.slice(0, 4)) + 1) return false;
  return new RegExp(`(?<!\\d)\\d{1,2}\\s?[-/.]\\s?\\d{1,2}\\s?[-/.]\\s?${year}(?!\\d)`).test(text);
}

/** A date between the issue date and 90 days after it. */
export function plausibleArrival(date: string, issued: string): boolean {
  const t = Date.parse(date);
  const lo = Date.parse(issued);
  return t >= lo && t <= lo + 90 * 86400000;
}

/**
 * A stamp date OCR misread ("92-12-2621", "21-12-2921": a handwritten or dotted 0 read as 9, 6 or 8;
 * "30704/2020": the first separator read as 7 or 1), repaired only when exactly one reading falls
 * between the issue date and 90 days after it. Each of day, month and year may differ in one digit;
 * a known confusion costs half a change, any other digit a whole one, at most two changes in all;
 * the cheapest reading wins when every other costs a whole change more, else it is left unread (null).
 */
export function repairStampDate(text: string, issued: string | null): string | null {
  if (!issued) return null;
  const m = /(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4}|\d{2})/.exec(text) ?? /(\d{2})[71](\d{2})\s?[/.-]\s?(\d{4}|\d{2})\b/.exec(text);
  if (!m) return null;
  const lo = Date.parse(issued);
  const costs = new Map<string, number>();
  for (const [y, cy] of variants(m[3]!)) {
    const yy = y.length === 2 ? 2000 + Number(y) : Number(y);
    for (const [mo, cm] of variants(m[2]!.padStart(2, '0'))) {
      for (const [d, cd] of variants(m[1]!.padStart(2, '0'))) {
        const cost = cy + cm + cd;
        if (cost > 2) continue;
        const t = Date.UTC(yy, Number(mo) - 1, Number(d));
        const dt = new Date(t);
        if (dt.getUTCDate() !== Number(d) || dt.getUTCMonth() !== Number(mo) - 1) continue;
        const key = dt.toISOString().slice(0, 10);
        if (t >= lo && t <= lo + 90 * 86400000) costs.set(key, Math.min(cost, costs.get(key) ?? 9));
      }
    }
  }
  // the cheapest reading must be clearly cheaper than any other (by a whole change)
  const ranked = [...costs].sort((a, b) => a[1] - b[1]);
  const [best, next] = ranked;
  return best && (!next || next[1] - best[1] >= 1) ? best[0] : null;
}

/** Digits OCR reads for another in stamp dates: read → meant. */
const CONFUSED: Readonly<Record<string, string>> = { '9': '0', '6': '0', '8': '0', '7': '1' };

/** A number as read and each reading with one digit changed, with the cost of the change. */
function variants(s: string): Array<[string, number]> {
  const out = new Map<string, number>([[s, 0]]);
  for (let i = 0; i < s.length; i++) {
    for (const d of '0123456789') {
      if (d === s[i]) continue;
      const v = s.slice(0, i) + d + s.slice(i + 1);
      out.set(v, Math.min(out.get(v) ?? 9, CONFUSED[s[i]!] === d ? 0.5 : 1));
    }
  }
  return [...out];
}
