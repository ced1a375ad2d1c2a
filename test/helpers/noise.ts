/**
 * Deterministic (seeded) OCR-noise generator for extraction tests: drops diacritics on some
 * characters, swaps look-alikes (Đ→Ð, /→⁄, O→0 / l→1 / S→5 inside words, 0→O / 1→l in numbers),
 * spaces the number line ("Số: 10023 /UBND-KGVX"), reads TỈNH as TÍNH, and merges the two header
 * columns line by line as a layout-blind OCR does.
 *
 * Layout noise seen in real tesseract output of the corpus (`ocrLayoutNoise`): speck lines from
 * seals and signatures inside the signature block ("z", "ˆ", "<", "=", "5"), references broken at
 * their hyphen across lines ("số 51/TTr-" / "BTTTT ngày …"), the stamp's office line appended after
 * the page body, "tháng" read as "thúng", stray dots at line ends, trailing dots on authority lines
 * ("KT. GIÁM ĐỐC.") and a space inside a word ("N ghị định").
 */
import type { PageText } from '../../schemas/page.js';

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface NoiseOptions {
  seed: number;
  /** 0 = none, 1 = light, 2 = heavy. */
  level?: number;
  /** Merge the header columns (default: on a random half of header pages). */
  mergeColumns?: boolean;
  /** Merge the footer columns (Nơi nhận | signature); default off. */
  mergeFooter?: boolean;
}

function stripMarks(ch: string): string {
  return ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** Noise for one line. */
export function noiseLine(line: string, r: Rng, level = 1): string {
  if (level <= 0) return line;
  const pDia = 0.02 * level;
  const pWordDigit = 0.015 * level;
  const pNumLetter = 0.04 * level;
  let s = line.normalize('NFC');
  if (r() < 0.5 * level) s = s.replace(/TỈNH/g, 'TÍNH');
  if (r() < 0.5) s = s.replace(/^(Số:\s*\d+)\//, '$1 /');
  const out: string[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    let c = chars[i]!;
    const prev = chars[i - 1] ?? ' ';
    const next = chars[i + 1] ?? ' ';
    const inWord = /\p{L}/u.test(prev) && /\p{L}/u.test(next);
    const inNum = /\d/.test(prev) || /\d/.test(next);
    if (c === 'Đ' && r() < 0.3 * level) c = 'Ð';
    else if (c === '/' && r() < 0.2 * level) c = '⁄';
    else if (inWord && c === 'O' && r() < pWordDigit * 5) c = '0';
    else if (inWord && c === 'l' && r() < pWordDigit * 5) c = '1';
    else if (inWord && c === 'S' && r() < pWordDigit * 5) c = '5';
    else if (/\d/.test(c) && inNum && c === '0' && r() < pNumLetter) c = 'O';
    else if (/\d/.test(c) && inNum && c === '1' && r() < pNumLetter) c = 'l';
    else if (/[\p{L}]/u.test(c) && r() < pDia) c = stripMarks(c);
    out.push(c);
  }
  return out.join('');
}

const MOTTO = /^C[ỘO]NG H[ÒOÀ]+A/i;
const PLACE_DATE = /,\s*ng[àa]y\s+\d/;

/**
 * Merges the left header column (issuing body, Số, V/v) with the right one (motto, place-date)
 * line by line, as OCR without column detection reads them. Lines are returned unchanged when the
 * page has no header.
 */
export function mergeHeaderColumns(lines: string[]): string[] {
  const m = lines.findIndex((l) => MOTTO.test(l.trim()));
  if (m <= 0) return lines;
  const d = lines.findIndex((l, i) => i > m && PLACE_DATE.test(l));
  if (d < 0 || d - m > 3) return lines;
  const left = lines.slice(0, m);
  const right = lines.slice(m, d + 1);
  const merged: string[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    merged.push([left[i], right[i]].filter((x) => x !== undefined).join('   '));
  }
  return [...merged, ...lines.slice(d + 1)];
}

/**
 * Merges the footer columns: the "Nơi nhận" list (left) with the signature block (right: authority
 * lines, title, name), line by line. Lines are returned unchanged when there is no such footer.
 */
export function mergeFooterColumns(lines: string[]): string[] {
  const n = lines.findIndex((l) => /^N[ơo]i nh[ậa]n/i.test(l.trim()));
  if (n < 0) return lines;
  let e = n + 1;
  while (e < lines.length && /^[-+]/.test(lines[e]!.trim())) e++;
  let s = e;
  while (s < lines.length && s - e < 6 && !/\t/.test(lines[s]!) && !/^(PHỤ LỤC|\()/u.test(lines[s]!)) {
    const t = lines[s]!.trim();
    const caps = t === t.toUpperCase();
    s++;
    if (!caps) break; // the name ends the block
  }
  const left = lines.slice(n, e);
  const right = lines.slice(e, s);
  if (right.length === 0) return lines;
  const merged: string[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    merged.push([left[i], right[i]].filter((x) => x !== undefined).join('   '));
  }
  return [...lines.slice(0, n), ...merged, ...lines.slice(s)];
}

/** Noised copies of pages (line boxes are kept per line; merged lines take the left box). */
export function noisePages(pages: PageText[], opts: NoiseOptions): PageText[] {
  const r = rng(opts.seed);
  const level = opts.level ?? 1;
  return pages.map((p) => {
    let lines = p.text.split('\n');
    const merge = opts.mergeColumns ?? r() < 0.5;
    if (merge) lines = mergeHeaderColumns(lines);
    if (opts.mergeFooter) lines = mergeFooterColumns(lines);
    lines = lines.map((l) => noiseLine(l, r, level));
    const conf = level > 0 ? 80 - 15 * level : 96;
    return {
      ...p,
      lines: lines.map((text, i) => ({ text, bbox: [200, 200 + i * 60, 2200, 250 + i * 60] as [number, number, number, number], confidence: conf, words: [] })),
      text: lines.join('\n'),
    };
  });
}

export interface LayoutNoiseOptions {
  seed: number;
  /** Speck lines inside the signature block (default on). */
  junkLines?: boolean;
  /** Break references at their hyphen across two lines (default on). */
  hyphenBreaks?: boolean;
  /** Move the stamp's office line (the first line matching `stampOffice`) to the end of its page. */
  stampOffice?: RegExp;
  /** Read "tháng" as "thúng" in the place-date line (default on). */
  misreadMonth?: boolean;
  /** A stray dot at the end of some body lines (default on). */
  strayDots?: boolean;
  /** A trailing dot on authority lines ("KT. GIÁM ĐỐC.", default on). */
  authorityDots?: boolean;
  /** A space after the first letter of a capitalised word in the V/v lines ("N ghị định", default on). */
  spaceInWord?: boolean;
}

const SPECKS = ['z', 'ˆ', '<', '=', '5', '~', '|', 'x'];

/** Speck lines inserted between the lines of a signature block (after the "Nơi nhận" list). */
export function insertJunkLines(lines: string[], r: Rng): string[] {
  const out: string[] = [];
  const nn = lines.findIndex((l) => /^N[ơo]i nh[ậa]n/i.test(l.trim()));
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const t = l.trim();
    if (nn >= 0 && i > nn && !/^[-+]/.test(t) && /^(TM|KT|TL|TUQ|Q)\.|^[\p{Lu}\s]+$/u.test(t)) inBlock = true;
    if (inBlock && t && !/^[-+]/.test(t) && !/\t/.test(l)) {
      out.push(l);
      const isNameLine = t !== t.toUpperCase();
      if (!isNameLine) out.push(SPECKS[Math.floor(r() * SPECKS.length)]!);
      if (isNameLine) inBlock = false;
      continue;
    }
    out.push(l);
  }
  return out;
}

/** Breaks "số N/ABC-DEF …" after the hyphen, moving the rest of the line to a new line. */
export function breakAtHyphen(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const m = /^(.*(?:số|Số)\s+\d{1,5}\/[\p{L}]+-)([\p{Lu}][\p{L}]*\b.*)$/u.exec(l);
    if (m && !/^Số:/.test(l.trim()) && m[1]!.length > 20) out.push(m[1]!, m[2]!);
    else out.push(l);
  }
  return out;
}

/** Moves the first line matching `office` to the end of the page (the stamp read after the body). */
export function stampOfficeToEnd(lines: string[], office: RegExp): string[] {
  const i = lines.findIndex((l) => office.test(l.trim()));
  if (i < 0) return lines;
  return [...lines.slice(0, i), ...lines.slice(i + 1), lines[i]!];
}

/** Layout noise of real OCR output (see the module comment), per page, deterministic for a seed. */
export function ocrLayoutNoise(pages: PageText[], opts: LayoutNoiseOptions): PageText[] {
  const r = rng(opts.seed);
  return pages.map((p) => {
    let lines = p.text.split('\n');
    if (opts.stampOffice) lines = stampOfficeToEnd(lines, opts.stampOffice);
    if (opts.junkLines ?? true) lines = insertJunkLines(lines, r);
    if (opts.hyphenBreaks ?? true) lines = breakAtHyphen(lines);
    lines = lines.map((l) => {
      let s = l;
      if ((opts.misreadMonth ?? true) && /,\s*ngày \d/.test(s)) s = s.replace('tháng', 'thúng');
      if ((opts.authorityDots ?? true) && /^(KT|TL|TM)\. [\p{Lu}\s]+$/u.test(s.trim())) s = `${s}.`;
      if ((opts.spaceInWord ?? true) && /^V\/v /.test(s)) s = s.replace(/(?<=\s)(\p{Lu})(\p{Ll}{2,})/u, '$1 $2');
      if ((opts.strayDots ?? true) && s.length > 60 && /\p{Ll}$/u.test(s) && r() < 0.3) s = `${s}.`;
      return s;
    });
    return {
      ...p,
      lines: lines.map((text, i) => ({ text, bbox: [200, 200 + i * 60, 2200, 250 + i * 60] as [number, number, number, number], confidence: 70, words: [] })),
      text: lines.join('\n'),
    };
  });
}
