/**
 * The signature block: authority lines (TM./KT./TL./TUQ./Q. and old T/M, K/T, T/L), the title, the
 * name. Read after the "Nơi nhận" list (printed to its left), else from the end of the main text.
 */
import type { Signer } from '../../../schemas/document.js';
import { foldAccents } from '../../text/fold.js';
import { f, type DocLine } from './text.js';

export interface SignerResult {
  signer: Signer | null;
  lines: DocLine[];
  nameLine: DocLine | null;
  /** Index of the Nơi nhận line, or -1. */
  distributionAt: number;
  /** Index after the signature block. */
  end: number;
}

const AUTH_RE = /^(tm|kt|tl|tuq|q|t\s*\/\s*m|k\s*\/\s*t|t\s*\/\s*l)\s*[.:]\s*\S/;
const AUTH_INLINE = /\s((?:TM|KT|TL|TUQ|T\/M|K\/T|T\/L)\.?\s+[\p{Lu}].*)$/u;

function isCaps(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase();
}

function isName(s: string): boolean {
  const words = s.trim().split(/\s+/);
  if (words.length < 2 || words.length > 6 || isCaps(s) || /\d|[:;,/()]/.test(s)) return false;
  return words.every((w) => /^[\p{Lu}]/u.test(w));
}

function isAppendixStart(l: DocLine): boolean {
  const s = f(l);
  return /^phu luc\b/.test(s) || /^\(?(ban hanh )?kem theo\b/.test(s) || /^\(ban hanh kem theo/.test(s) || l.text.includes('\t');
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
    if (isAppendixStart(l)) return null;
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
    if (authority.length || title.length) return null;
    return null;
  }
  return null;
}

export function extractSigner(lines: DocLine[], from: number, skip: Set<number>): SignerResult {
  const res: SignerResult = { signer: null, lines: [], nameLine: null, distributionAt: -1, end: lines.length };
  const live = (i: number): boolean => !skip.has(i);
  let nn = -1;
  for (let i = from; i < lines.length; i++) if (live(i) && /^noi nhan\b/.test(f(lines[i]!))) { nn = i; break; }
  res.distributionAt = nn;
  const tries: number[] = [];
  if (nn >= 0) {
    let i = nn + 1;
    const inlineAuth: string[] = [];
    while (i < lines.length && (/^[-+•*]/.test(lines[i]!.text.trim()) || !live(i))) {
      const m = AUTH_INLINE.exec(lines[i]!.text);
      if (m) inlineAuth.push(m[1]!);
      i++;
    }
    tries.push(i);
    if (inlineAuth.length) {
      // merged footer: authority lines printed beside the distribution list
      const r = readBlock(lines, i, Math.min(lines.length, i + 6));
      if (r) {
        r.signer.authority = [...inlineAuth.map(normAuthority), ...r.signer.authority];
        return { ...res, signer: r.signer, lines: r.used, nameLine: r.nameLine, end: r.end };
      }
    }
  }
  // fallback: authority lines anywhere after the body start
  for (let i = from; i < lines.length; i++) if (live(i) && AUTH_RE.test(f(lines[i]!)) && isCaps(lines[i]!.text)) tries.push(i);
  for (const t of tries) {
    const r = readBlock(lines, t, Math.min(lines.length, t + 8));
    if (r) return { ...res, signer: r.signer, lines: r.used, nameLine: r.nameLine, end: r.end };
  }
  return res;
}
