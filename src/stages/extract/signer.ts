import { distance } from 'fastest-levenshtein';
/**
 * The signature block: authority lines (TM./KT./TL./TUQ./Q. and old T/M, K/T, T/L), the title, the
 * name. Read after the "Nơi nhận" list (printed to its left), else from the end of the main text.
 */
import type { Signer } from '../../../schemas/document.js';
import { foldAccents } from '../../text/fold.js';
import { f, type DocLine } from './text.js';
import { repairSurname } from './surnames.js';

export { repairSurname, type SurnameRepair } from './surnames.js';

export interface SignerResult {
  signer: Signer | null;
  lines: DocLine[];
  nameLine: DocLine | null;
  /** Index of the Nơi nhận line, or -1. */
  distributionAt: number;
  /** Index after the signature block. */
  end: number;
  /** Letters were repaired or junk lines skipped inside the block. */
  repaired: boolean;
  /** Part of the block (authority/title, or the name) was not found. */
  partial: boolean;
}

/**
 * "Nơi nhận:" at a line start, possibly after a speck OCR read in the margin ("min  Nơi nhận:") or
 * with the first entry read between its words ("Nơi -Nhưtrên; nhận: -": a dash opens it). Words
 * between "Nơi" and "nhận" make another heading ("Nơi tiếp nhận:", "Nơi đăng ký và nhận:"), and so do
 * a number before it or words after it ("3. Nơi nhận hồ sơ:").
 */
export const DISTRIBUTION_RE = /^[^a-z0-9]*n[o0]i\s*nhan\b(?!\s+[a-z]+(?:\s+[a-z]+)?\s*:)|^[^a-z]*[a-z]{1,3}[^a-z]+n[o0]i\s*nhan\s*:|^[^a-z]*n[o0]i\s*[-+•*][^:]{0,20}\bnhan\s*:/;

const AUTH_RE = /^((tm|kt|tl|tuq|q)\s*[.:]|t\s*\/\s*m\.?|k\s*\/\s*t\.?|t\s*\/\s*l\.?)\s*\S/;
const AUTH_INLINE = /\s((?:TM|KT|TL|TUQ|Q|T\/M|K\/T|T\/L)\.\s*[\p{Lu}].*|(?:T\/M|K\/T|T\/L)\s+[\p{Lu}].*)$/u;

function isCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

function isName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length < 2 || words.length > 6 || isCaps(s) || /\d|[:;,/()]/.test(s)) return false;
  return words.every((w) => /^[\p{Lu}]/u.test(w));
}

/**
 * The right-column part of a merged footer line ("- Như trên;   KT. CHỦ TỊCH" → "KT. CHỦ TỊCH"):
 * an authority line, a line in capitals, or a personal name after the distribution entry.
 */
function rightTail(l: DocLine): DocLine | null {
  const m = AUTH_INLINE.exec(l.text);
  let tail: string | null = m ? m[1]! : null;
  if (!tail) {
    const t = /(?:[;:.)]|\s{2,})\s+([\p{Lu}][^;:]*)$/u.exec(l.text);
    const cand = t?.[1]?.trim();
    if (cand && ((isCaps(cand) && cand.length >= 4 && !/^(VT|UBND|HĐND|CT|PCT)\b/u.test(cand)) || isName(cand))) tail = cand;
  }
  if (!tail) return null;
  return { ...l, raw: tail, text: tail, fold: foldAccents(tail), repaired: l.repaired };
}

function isAppendixStart(lines: DocLine[], i: number): boolean {
  const s = f(lines[i]!);
  return /^phu luc\b/.test(s) || /^\(?(ban hanh )?kem theo\b/.test(s) || /^\(ban hanh kem theo/.test(s) || tableRow(lines, i);
}

/** Tab-separated cells holding words, or 0 for a distribution entry with the signature column beside it. */
function wordCells(text: string | undefined): number {
  if (text === undefined || /^\s*[-+•*]/.test(text)) return 0;
  return text.split('\t').filter((c) => /\p{L}{3,}/u.test(c)).length;
}

/**
 * A table row (an appendix), not a signature line or list entry: three or more cells holding words,
 * or two beside another such line. A name or title split by one tab ("Nguyễn\tVăn Lượng",
 * "PHÓ\tCHỦ TỊCH") is not one.
 */
function tableRow(lines: DocLine[], i: number): boolean {
  const text = lines[i]!.text;
  const n = wordCells(text);
  if (n >= 3) return true;
  if (n !== 2 || (wordCells(lines[i - 1]?.text) < 2 && wordCells(lines[i + 1]?.text) < 2)) return false;
  const joined = wordsOfCells(text);
  return !parseName(joined) && !parseTitle(joined) && !parseAuthority(joined);
}

/** The cell of a tab-separated line holding most letters ("ˆ\tNguyễn Văn Lượng\tÑ" → "Nguyễn Văn Lượng"). */
function mainCell(text: string): string {
  if (!text.includes('\t')) return text;
  const letters = (c: string): number => c.replace(/[^\p{L}]/gu, '').length;
  return text.split('\t').reduce((a, b) => (letters(b) > letters(a) ? b : a));
}

/** The cells of a tab-separated line that hold words, rejoined ("Nguyễn\tVăn Lượng\tÑ" → "Nguyễn Văn Lượng"). */
function wordsOfCells(text: string): string {
  return text.split('\t').filter((c) => /\p{L}{2,}/u.test(c)).join(' ');
}

/** Words of signing titles and authorities, to restore diacritics lost by OCR ("CHỦ TICH" → "CHỦ TỊCH"). */
const TITLE_WORDS = [
  'CHỦ', 'TỊCH', 'PHÓ', 'GIÁM', 'ĐỐC', 'THỦ', 'TƯỚNG', 'BỘ', 'TRƯỞNG', 'THỨ', 'CHÁNH', 'VĂN', 'PHÒNG', 'ỦY',
  'BAN', 'NHÂN', 'DÂN', 'HỘI', 'ĐỒNG', 'VỤ', 'CỤC', 'TỔNG', 'GIÁO', 'DỤC', 'TRUNG', 'HỌC', 'CHÍNH', 'PHỦ',
  'THƯỜNG', 'TRỰC', 'BÍ', 'THƯ', 'KẾ', 'TOÁN', 'TRƯỞNG', 'QUYỀN', 'ĐẠI', 'DIỆN', 'TỈNH', 'HUYỆN', 'XÃ',
];
const titleWordByFold = new Map<string, string>();
for (const w of TITLE_WORDS) {
  const k = foldAccents(w);
  titleWordByFold.set(k, titleWordByFold.has(k) && titleWordByFold.get(k) !== w ? '' : w);
}

/** Restores known title words in a caps line; unknown words are kept as read. */
export function repairTitleWords(s: string): string {
  return s.replace(/[\p{L}]+/gu, (w) => {
    if (w !== w.toUpperCase()) return w;
    const hit = titleWordByFold.get(foldAccents(w));
    return hit ? hit : w;
  });
}

/** Known bodies after an authority prefix and known signing titles, for tolerant matching. */
const CANON_TITLES = [
  'CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'THỦ TƯỚNG', 'PHÓ THỦ TƯỚNG', 'BỘ TRƯỞNG', 'THỨ TRƯỞNG',
  'CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG', 'ỦY BAN NHÂN DÂN', 'HỘI ĐỒNG NHÂN DÂN', 'CHÍNH PHỦ', 'CỤC TRƯỞNG',
  'PHÓ CỤC TRƯỞNG', 'VỤ TRƯỞNG', 'PHÓ VỤ TRƯỞNG', 'TỔNG GIÁM ĐỐC', 'TRƯỞNG PHÒNG', 'PHÓ TRƯỞNG PHÒNG', 'TRƯỞNG BAN',
  'PHÓ TRƯỞNG BAN', 'BÍ THƯ', 'PHÓ BÍ THƯ', 'KẾ TOÁN TRƯỞNG', 'CHÁNH THANH TRA', 'PHÓ CHÁNH THANH TRA',
];
const compact = (s: string): string => foldAccents(s).replace(/[^a-z]/g, '');
const canonByKey = new Map(CANON_TITLES.map((t) => [compact(t), t]));

/** Levenshtein distance, capped at `cap + 1` (callers only ask whether it is small). */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  return Math.min(distance(a, b), cap + 1);
}

/**
 * A caps title or authority body matched against the known ones on folded letters only, so lost
 * spaces ("CHỦTỊCH"), lost or wrong diacritics ("PHO CHÚ TỊCH") and one or two misread letters
 * ("GIÁẢM ĐÓC", "HÓ THỦ ƯỚNG") are repaired. `repaired` is set when letters (not only marks or
 * spaces) had to change.
 */
export function canonicalTitle(s: string): { text: string; repaired: boolean } | null {
  const key = compact(s);
  if (key.length < 3) return null;
  const exact = canonByKey.get(key);
  if (exact) return { text: exact, repaired: false };
  let best: string | null = null;
  let bestD = 99;
  let tie = false;
  for (const [k, t] of canonByKey) {
    const cap = k.length >= 10 ? 2 : k.length >= 6 ? 1 : 0;
    const d = editDistance(key, k, cap);
    if (d > cap) continue;
    if (d < bestD) [best, bestD, tie] = [t, d, false];
    else if (d === bestD && t !== best) tie = true;
  }
  return best && !tie ? { text: best, repaired: true } : null;
}

/** The deputy's title for a "KT." authority: KT. GIÁM ĐỐC → PHÓ GIÁM ĐỐC, KT. BỘ TRƯỞNG → THỨ TRƯỞNG. */
function deputyTitle(head: string): string {
  return head === 'BỘ TRƯỞNG' ? 'THỨ TRƯỞNG' : `PHÓ ${head}`;
}

/** The head's title for a "TM." authority signed without a deputy: TM. ỦY BAN NHÂN DÂN → CHỦ TỊCH. */
const HEAD_OF: Readonly<Record<string, string>> = {
  'ỦY BAN NHÂN DÂN': 'CHỦ TỊCH', 'HỘI ĐỒNG NHÂN DÂN': 'CHỦ TỊCH', 'CHÍNH PHỦ': 'THỦ TƯỚNG',
};

/**
 * The title the authority lines imply (Decree 30: "KT." is signed by a deputy, a lone "TM." by the
 * head), used when the title line was lost or misread; `repaired` whenever it changes what was read.
 */
export function impliedTitle(authority: string[], title: string | null): { title: string | null; repaired: boolean } {
  const last = authority[authority.length - 1];
  let implied: string | null = null;
  if (last?.startsWith('KT. ')) implied = deputyTitle(last.slice(4));
  else if (authority.length === 1 && last?.startsWith('TM. ')) implied = HEAD_OF[last.slice(4)] ?? null;
  // only a known title is implied ("KT. BỘ TRƯỞNG, CHỦ NHIỆM" is signed by "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM")
  if (implied && !CANON_TITLES.includes(implied)) implied = null;
  if (!implied || title === implied) return { title, repaired: false };
  if (!title) return { title: implied, repaired: true };
  const read = canonicalTitle(title);
  // a known title read cleanly is kept, unless it is the implied one with "PHÓ" lost
  if (read && !read.repaired) return read.text === implied.replace(/^PHÓ /, '') ? { title: implied, repaired: true } : { title, repaired: false };
  // a garbled reading ("PHG TỊCH") close to the implied title; a longer title ("... THƯỜNG TRỰC") is kept
  const [a, b] = [compact(title), compact(implied)];
  return editDistance(a, b, 9) <= Math.floor(b.length / 2) ? { title: implied, repaired: true } : { title, repaired: false };
}

function normAuthority(s: string): string {
  s = repairTitleWords(s);
  return s.replace(/\s+/g, ' ').replace(/^([A-ZĐ/]+)\s*\.\s*/u, '$1. ').replace(/^(T\/M|K\/T|T\/L)\.?\s*/u, '$1 ').trim();
}

function readBlock(lines: DocLine[], from: number, to: number): { signer: Signer; used: DocLine[]; nameLine: DocLine; end: number } | null {
  const authority: string[] = [];
  const title: string[] = [];
  const used: DocLine[] = [];
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    const t = l.text.trim();
    if (!t) continue;
    if (isAppendixStart(lines, i)) return null;
    if (AUTH_RE.test(f(l)) && isCaps(t)) {
      if (title.length) return null; // authority after a title: not one block
      authority.push(normAuthority(t));
      used.push(l);
      continue;
    }
    if (isCaps(t) && t.length <= 70) {
      title.push(repairTitleWords(t.replace(/\s+/g, ' ')));
      used.push(l);
      continue;
    }
    if (isName(t) && (title.length || authority.length)) {
      used.push(l);
      const name = t.replace(/\s+/g, ' ');
      return { signer: { name, authority, title: title.join(' ') || null }, used, nameLine: l, end: i + 1 };
    }
    return null;
  }
  return null;
}

/** Junk around a caps line or name: seal and signature specks, quote marks, dots, dashes. */
function trimJunk(s: string): string {
  return s.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L})]+$/u, '').replace(/\s+/g, ' ').trim();
}

/** A caps line behind a speck of one or two letters ("l ˆ .PHÓ GIÁM ĐỐC" → "PHÓ GIÁM ĐỐC"). */
function trimCapsJunk(s: string): string {
  const t = trimJunk(s);
  const m = /\p{Lu}{2}/u.exec(t);
  if (!m || m.index === 0) return t;
  // an authority prefix is not a speck: "Q. GIÁM ĐỐC", "T/L CHỦ TỊCH"
  if (AUTH_LOOSE.test(foldAccents(t)) || AUTH_TIGHT.test(foldAccents(t))) return t;
  return t.slice(0, m.index).replace(/[^\p{L}]/gu, '').length <= 2 ? t.slice(m.index) : t;
}

const AUTH_LOOSE = /^(tm|kt|k[i1l]|tl|tuq|q|t\s*\/\s*m|k\s*\/\s*t|t\s*\/\s*l)\s*[.:,-]\s*(.+)$/;
const AUTH_TIGHT = /^(tm|kt|k[1l]|tl|tuq|t\s*\/\s*m|k\s*\/\s*t|t\s*\/\s*l)\s+(.+)$/;
const PREFIX: Readonly<Record<string, string>> = { tm: 'TM.', kt: 'KT.', ki: 'KT.', k1: 'KT.', kl: 'KT.', tl: 'TL.', tuq: 'TUQ.', q: 'Q.', 't/m': 'T/M', 'k/t': 'K/T', 't/l': 'T/L' };

interface Part { text: string; repaired: boolean }

/** An authority line read tolerantly ("=KT-CHỦ TỊCH", "KT.GIÁM ĐỐC.", "KI.CHU TỊCH", "K1. CHỦ TỊCH"), or null. */
export function parseAuthority(raw: string): Part | null {
  const t = trimCapsJunk(raw);
  if (!isCaps(t)) return null;
  const fo = foldAccents(t);
  const m = AUTH_LOOSE.exec(fo) ?? AUTH_TIGHT.exec(fo);
  if (!m) return null;
  const prefix = PREFIX[m[1]!.replace(/\s+/g, '')]!;
  const body = t.slice(t.length - m[2]!.length).trim();
  const canon = canonicalTitle(body);
  let repaired = /^k[i1l]$/.test(m[1]!) || !!canon?.repaired;
  let text: string;
  if (canon) text = canon.text;
  else {
    text = repairTitleWords(trimJunk(body));
    if (text.length < 4) return null;
    repaired = true;
  }
  return { text: normAuthority(`${prefix} ${text}`), repaired };
}

/** Head words of a signing title (folded). */
const TITLE_HEAD = /\b(chu tich|giam doc|tuong|truong|chanh van phong|chanh thanh tra|bi thu|chanh an|vien truong)\b/;

/**
 * A word read twice where seal strokes cross it ("GIÁM ĐỐC ĐỐC" → "GIÁM ĐỐC"), only when the title
 * without it is a known one: "TRƯỞNG BAN BAN DÂN TỘC" is a real title.
 */
const DOUBLED = /(?<=^|\s)(\p{L}+)(?:\s+\1)+(?=\s|$)/u;
function dropDoubledWords(s: string): string {
  const t = s.replace(new RegExp(DOUBLED.source, 'gu'), '$1');
  return t !== s && canonicalTitle(t) ? t : s;
}

/** A title line ("PHÓ CHỦ TỊCH", "VỤ TRƯỞNG VỤ GIÁO DỤC TRUNG"), or null. */
export function parseTitle(raw: string): Part | null {
  const read = trimCapsJunk(raw);
  if (!isCaps(read) || read.length > 70 || /\d/.test(read)) return null;
  const t = dropDoubledWords(read);
  // a doubled word kept ("TRƯỞNG BAN BAN DÂN TỘC" may be real) still leaves the title to be checked
  const doubled = DOUBLED.test(read);
  const canon = canonicalTitle(t);
  if (canon) return { text: canon.text, repaired: canon.repaired || doubled };
  const fixed = repairTitleWords(t);
  if (TITLE_HEAD.test(foldAccents(fixed)) && fixed.split(' ').every((w) => w.length >= 2)) return { text: fixed, repaired: doubled };
  return null;
}

const COLLECTIVES: ReadonlyArray<readonly [string, string]> = [['uy ban nhan dan', 'TM. ỦY BAN NHÂN DÂN'], ['hoi dong nhan dan', 'TM. HỘI ĐỒNG NHÂN DÂN']];

/**
 * The tail of "TM. ỦY BAN NHÂN DÂN" (or HỘI ĐỒNG) read alone ("NÑ NHÂN DÂN") in a signature block: a
 * collective body there is always signed for ("TM."), flagged as repaired. The line must be the
 * body's last words (whole, or with one letter misread when it keeps at least "BAN"/"ĐỒNG"), after
 * at most three letters of specks: "TÒA ÁN NHÂN DÂN", "VIỆN KIỂM SÁT NHÂN DÂN" are other bodies.
 */
function collectiveFragment(lines: DocLine[], i: number): Part | null {
  const t = trimJunk(lines[i]!.text);
  if (!isCaps(t) || t.length > 24) return null;
  const key = compact(t);
  for (const [body, authority] of COLLECTIVES) {
    const words = body.split(' ');
    for (let w = 0; w <= words.length - 2; w++) {
      const tail = words.slice(w).join('');
      for (let junk = 0; junk <= 3 && junk < key.length; junk++) {
        const rest = key.slice(junk);
        const allowed = junk === 0 && tail.length >= 10 ? 1 : 0;
        if (editDistance(rest, tail, 1) <= allowed) return { text: authority, repaired: true };
      }
    }
  }
  return null;
}

/** A caps line made only of title words: the continuation of a two-line title ("HỌC"). */
export function titleContinuation(raw: string): string | null {
  const t = trimJunk(raw);
  if (!isCaps(t)) return null;
  const words = t.split(' ');
  return words.every((w) => titleWordByFold.get(foldAccents(w))) ? repairTitleWords(t) : null;
}

/**
 * A personal name line, trimmed of specks ("> Hoàng Bá Tuệ", "Vũ Bá Thông -"), or null;
 * `repaired` when its family name was repaired or is doubtful.
 */
export function parseName(raw: string): Part | null {
  if (raw.includes('\t')) return nameOf(wordsOfCells(raw)) ?? nameOf(mainCell(raw));
  return nameOf(raw);
}

function nameOf(raw: string): Part | null {
  const s = repairSurname(trimJunk(raw));
  const t = s.name;
  if (!isName(t)) return null;
  const words = t.split(' ');
  // an apostrophe may open a capital ("H'Hen", "M'Lô")
  if (!words.every((w) => /^\p{Lu}\p{Ll}*(?:['’]\p{Lu}?\p{Ll}+)*$/u.test(w))) return null;
  if (words.filter((w) => w.length >= 2).length < 2) return null;
  return { text: t, repaired: s.repaired || s.doubtful };
}

/** Specks from seals and signatures: lines with at most 4 letters, or no word of 3+ letters. */
export function isJunk(raw: string): boolean {
  const letters = raw.replace(/[^\p{L}]/gu, '');
  if (letters.length <= 4) return true;
  return !/\p{L}{3,}/u.test(raw);
}

export interface Block { signer: Signer; used: DocLine[]; nameLine: DocLine | null; end: number; repaired: boolean; partial: boolean }

/**
 * Reads a signature block tolerant of OCR: junk lines between its parts are skipped, authority and
 * title lines are matched on folded letters. With `nameOnly` a lone personal name (the authority
 * and title lost by OCR) is accepted, flagged `partial`.
 */
export function readLooseBlock(lines: DocLine[], from: number, to: number, skip: Set<number>, nameOnly: boolean): Block | null {
  const authority: string[] = [];
  const title: string[] = [];
  const used: DocLine[] = [];
  let repaired = false;
  let skipped = 0;
  let lastTitle = false;
  const started = (): boolean => authority.length + title.length > 0;
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (skip.has(i) || !l.text.trim()) continue;
    if (isAppendixStart(lines, i)) break;
    const a = parseAuthority(l.text) ?? collectiveFragment(lines, i);
    if (a) {
      if (title.length) { authority.length = 0; title.length = 0; used.length = 0; }
      authority.push(a.text);
      used.push(l);
      repaired ||= a.repaired;
      lastTitle = false;
      continue;
    }
    const cont = lastTitle ? titleContinuation(l.text) : null;
    if (cont && !canonicalTitle(l.text)) {
      const joined = `${title[title.length - 1]} ${cont}`;
      title[title.length - 1] = dropDoubledWords(joined);
      repaired ||= title[title.length - 1] !== joined;
      used.push(l);
      continue;
    }
    const t = parseTitle(l.text);
    if (t) {
      if (title.length) { repaired = true; continue; } // a second title: keep the first
      title.push(t.text);
      used.push(l);
      repaired ||= t.repaired;
      lastTitle = true;
      continue;
    }
    lastTitle = false;
    const name = parseName(l.text);
    if (name && (started() || nameOnly)) {
      used.push(l);
      return {
        signer: { name: name.text, authority, title: title.join(' ') || null }, used, nameLine: l, end: i + 1,
        repaired: repaired || name.repaired, partial: !started(),
      };
    }
    if (isJunk(l.text)) { skipped++; continue; }
    if (!started()) {
      if (nameOnly) { skipped++; if (skipped > 6) return null; continue; }
      return null;
    }
    skipped++;
    if (skipped > 8) break;
  }
  if (!started()) return null;
  return { signer: { name: null, authority, title: title.join(' ') || null }, used, nameLine: null, end: to, repaired: true, partial: true };
}

/**
 * A name read alone after the list, its authority or title lines read among the list entries
 * (OCR reading order interleaves the two footer columns): lone lines of the list that parse as an
 * authority or a known title complete the block, flagged as repaired.
 */
function withListTitle(r: Block, lines: DocLine[], nn: number, le: number, skip: Set<number>): Block {
  if (!r.partial || !r.signer.name) return r;
  const authority: string[] = [];
  let title: string | null = null;
  const used: DocLine[] = [];
  for (let i = nn + 1; i < le; i++) {
    const l = lines[i]!;
    if (skip.has(i) || /^[-+•*]/.test(l.text.trim())) continue;
    const a = parseAuthority(l.text);
    const t = a ? null : parseTitle(l.text);
    if (a && !title) authority.push(a.text);
    else if (t && !title && canonicalTitle(l.text)) title = t.text;
    else continue;
    used.push(l);
  }
  if (!used.length) return r;
  return { ...r, signer: { ...r.signer, authority, title }, used: [...used, ...r.used], repaired: true, partial: false };
}

/** End of the "Nơi nhận" list: after its "Lưu" line when there is one, else after the last "-"/"+" entry. */
function listEnd(lines: DocLine[], nn: number, skip: Set<number>): number {
  let lastEntry = nn;
  for (let i = nn + 1; i < Math.min(lines.length, nn + 24); i++) {
    if (skip.has(i)) continue;
    const l = lines[i]!;
    if (isAppendixStart(lines, i)) break;
    const s = f(l);
    if (/^[-+•*.„,]*\s*luu\b/.test(s) || /^[-+•*]?\s*luu\s*[:.]/.test(s)) return i + 1;
    if (/^[-+•*]/.test(l.text.trim())) lastEntry = i;
    else if (/[;:]\s*$/.test(l.text) && !isCaps(trimJunk(l.text))) lastEntry = i;
  }
  return lastEntry + 1;
}

export function extractSigner(lines: DocLine[], from: number, skip: Set<number>): SignerResult {
  const res: SignerResult = { signer: null, lines: [], nameLine: null, distributionAt: -1, end: lines.length, repaired: false, partial: false };
  const live = (i: number): boolean => !skip.has(i);
  let nn = -1;
  for (let i = from; i < lines.length; i++) if (live(i) && DISTRIBUTION_RE.test(f(lines[i]!))) { nn = i; break; }
  res.distributionAt = nn;
  const done = (r: Block, end: number): SignerResult => {
    const t = impliedTitle(r.signer.authority, r.signer.title);
    return {
      ...res, signer: { ...r.signer, title: t.title }, lines: r.used, nameLine: r.nameLine, end,
      repaired: r.repaired || t.repaired, partial: r.partial,
    };
  };
  if (nn >= 0) {
    let i = nn + 1;
    // merged footer: the signature block printed beside the distribution list, line by line
    const tails: DocLine[] = [];
    const headTail = rightTail(lines[nn]!);
    if (headTail) tails.push(headTail);
    while (i < lines.length && (/^[-+•*]/.test(lines[i]!.text.trim()) || !live(i))) {
      const t = live(i) ? rightTail(lines[i]!) : null;
      if (t) tails.push(t);
      i++;
    }
    if (tails.length) {
      const merged = [...tails, ...lines.slice(i, Math.min(lines.length, i + 6))];
      const r = readBlock(merged, 0, merged.length);
      if (r && r.signer.authority.length + (r.signer.title ? 1 : 0) > 0) {
        return done({ ...r, repaired: false, partial: false }, Math.max(i, lines.indexOf(r.nameLine) + 1));
      }
    }
    const le = listEnd(lines, nn, skip);
    const r = readLooseBlock(lines, le, Math.min(lines.length, le + 16), skip, true);
    if (r && !r.partial) return done(r, r.end);
    // the block may also be read before or inside the list (OCR reading order)
    const tries: number[] = [];
    for (let k = from; k < lines.length; k++) if (live(k) && parseAuthority(lines[k]!.text)) tries.push(k);
    for (const t of tries) {
      const b = readLooseBlock(lines, t, Math.min(lines.length, t + 12), skip, false);
      if (b && b.signer.name) return done(b, Math.max(le, b.end));
    }
    if (r) return done(withListTitle(r, lines, nn, le, skip), Math.max(le, r.end));
    return { ...res, end: le };
  }
  // no distribution list: authority lines anywhere after the body start
  for (let i = from; i < lines.length; i++) {
    if (!live(i) || !(AUTH_RE.test(f(lines[i]!)) || parseAuthority(lines[i]!.text))) continue;
    const r = readBlock(lines, i, Math.min(lines.length, i + 8));
    if (r) return done({ ...r, repaired: false, partial: false }, r.end);
    const b = readLooseBlock(lines, i, Math.min(lines.length, i + 12), skip, false);
    if (b && b.signer.name) return done(b, b.end);
  }
  // nor any authority: the last known title followed by a name ("CHỦ TỊCH" … "Nguyễn Văn Lượng")
  for (let i = lines.length - 1; i >= from; i--) {
    if (!live(i) || !canonicalTitle(trimJunk(lines[i]!.text)) || !parseTitle(lines[i]!.text)) continue;
    const b = readLooseBlock(lines, i, Math.min(lines.length, i + 8), skip, false);
    if (b && b.signer.name) return done({ ...b, repaired: true }, b.end);
  }
  return res;
}

