/**
 * OCR clean-up of a subject line ("V/v …" or the title's subject): words split by a stray space
 * ("Q uyết định" → "Quyết định", joined only when the document spells the word whole elsewhere),
 * dots and dashes read between words ("của.UBND.huyện", "của-BTC"), lone punctuation specks
 * ("công tác, - văn thư") and junk at the end ("2021-2022—--", "ngày 15/3/2021.của-B@T+-").
 * `repaired` tells the caller to lower the subject's confidence.
 */
import type { Vocab } from './vocab.js';
import { foldAccents, foldAligned } from '../../text/fold.js';
import { parseRef, undoubledCode } from '../normalize/ref.js';

const WORD = /\p{L}+/gu;
const lowerFold = (w: string): string => foldAccents(w.toLowerCase());

/** Word pairs printed in the document's other lines: folded pair → spellings seen (lower case), with counts. */
function pairsOf(context: readonly string[]): Map<string, Map<string, number>> {
  const pairs = new Map<string, Map<string, number>>();
  for (const line of context) {
    const words = [...line.matchAll(WORD)];
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i]!, words[i + 1]!];
      if (!/^\s+$/u.test(line.slice(a.index + a[0].length, b.index))) continue;
      const key = `${lowerFold(a[0])} ${lowerFold(b[0])}`;
      const forms = pairs.get(key) ?? new Map<string, number>();
      const form = `${a[0].toLowerCase()} ${b[0].toLowerCase()}`;
      forms.set(form, (forms.get(form) ?? 0) + 1);
      pairs.set(key, forms);
    }
  }
  return pairs;
}

/** `model`'s letters with the case of `printed`, letter by letter (same length). */
function withCaseOf(printed: string, model: string): string {
  let out = '';
  for (let i = 0; i < model.length; i++) {
    const c = printed[i] ?? '';
    out += c !== c.toLowerCase() ? model[i]!.toUpperCase() : model[i]!;
  }
  return out;
}

/**
 * Marks misread in the subject ("Chuyến đối số", "tăng cưởng") restored from the same two words
 * printed elsewhere in the document, one spelling clearly the most frequent ("chuyển đổi" at least
 * twice, twice as often as any other): only marks change, never letters, and never from a list of
 * expected phrases ("Nam học" stays unless the document prints "năm học").
 */
function restoreFromDocument(t: string, context: readonly string[]): string {
  if (!context.length) return t;
  const pairs = pairsOf(context);
  const words = [...t.matchAll(WORD)].map((m) => ({ at: m.index, text: m[0] }));
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i]!, words[i + 1]!];
    if (!/^\s+$/u.test(t.slice(a.at + a.text.length, b.at))) continue;
    const forms = [...(pairs.get(`${lowerFold(a.text)} ${lowerFold(b.text)}`) ?? [])].sort((x, y) => y[1] - x[1]);
    const own = `${a.text.toLowerCase()} ${b.text.toLowerCase()}`;
    const [best, second] = forms;
    if (!best || best[0] === own || best[1] < 2 || (second && best[1] < 2 * second[1])) continue;
    const [fa, fb] = best[0].split(' ') as [string, string];
    if (fa.length !== a.text.length || fb.length !== b.text.length) continue;
    a.text = withCaseOf(a.text, fa);
    b.text = withCaseOf(b.text, fb);
  }
  let out = '';
  let last = 0;
  for (const w of words) {
    out += t.slice(last, w.at) + w.text;
    last = w.at + w.text.length;
  }
  return out + t.slice(last);
}

/**
 * Fixed terms of administrative writing whose unmarked spelling has no other reading: their marks
 * are restored when OCR misread them ("Chuyến đối số"), even where the document repeats the misreading.
 * Words with another reading ("năm học" / "nam học") are not listed.
 */
const LEXICON = [
  'chuyển đổi số', 'công tác văn thư', 'thông tin đối ngoại', 'triển khai thực hiện', 'triển khai công tác',
  'trên địa bàn', 'Thủ tướng Chính phủ', 'Ủy ban nhân dân', 'Hội đồng nhân dân', 'dự toán ngân sách',
  'cải cách hành chính', 'Nghị định', 'Quyết định', 'Công văn', 'Kế hoạch', 'Chương trình',
];

function restoreLexicon(t: string): string {
  let out = t;
  for (const p of LEXICON) {
    const fp = foldAligned(p).toLowerCase();
    const re = new RegExp(`(?<![a-z])${fp.replace(/ /g, '\\s')}(?![a-z])`, 'g');
    for (const m of foldAligned(out).toLowerCase().matchAll(re)) {
      const orig = out.slice(m.index, m.index + p.length);
      if (orig.toLowerCase() === p.toLowerCase()) continue;
      out = out.slice(0, m.index) + withCaseOf(orig, p.toLowerCase()) + out.slice(m.index + p.length);
    }
  }
  return out;
}

/** A token that is OCR junk rather than a word, number or reference. */
const JUNK_TOKEN = /[@+=“”"«»—_~^<>|{}\\]|^[-–.,;:'`*]+$/u;

/**
 * `context`: the document's other lines (not the subject's), whose spellings restore misread marks.
 */
export function cleanSubject(s: string, vocab: Vocab, context: readonly string[] = []): { text: string; repaired: boolean } {
  let t = s.replace(/\s+/g, ' ').trim();
  // a symbol broken at its hyphen over two subject lines: "1486/QĐ- TTg" → "1486/QĐ-TTg"
  t = t.replace(/(\d\s?\/\s?[\p{L}\d/]*-)\s+(?=[\p{Lu}\d])/gu, '$1');
  // a hyphen read as a dot or a space between two codes: "1486/QĐ.TTg", "1486/QĐ TTg" → "1486/QĐ-TTg"
  t = t.replace(/(?<![\p{L}\d/])(\d{1,5})\/(\p{Lu}\p{L}*)[. ](\p{Lu}\p{L}*)(?![\p{L}\d/-])/gu, (m, n: string, a: string, b: string) => {
    const r = parseRef(`${n}/${a}-${b}`);
    return r && !r.repaired ? r.ref : m;
  });
  // references read with look-alike letters: "52/UBND-NG" → "52/UBND-NC", "15/OĐ-TTg" → "15/QĐ-TTg"
  t = t.replace(/(?<![\p{L}\d/])\d{1,5}\/[\p{L}\d][\p{L}\d/-]*[\p{L}\d]/gu, (m) => {
    const r = parseRef(m);
    return r && r.repaired && /[-/]/.test(r.symbol) && r.number === m.slice(0, m.indexOf('/')) ? r.ref : m;
  });
  // a type code with a letter read twice, before "số": "QĐĐ số 1829/QĐ-TTg" → "QĐ số …"
  t = t.replace(/(?<![\p{L}])(\p{Lu}{2,5})(?= s[oố](?:\s|$))/gu, (w) => undoubledCode(w) ?? w);
  // a dot or dash between two words where a space was printed (never inside symbols: "UBND-KT")
  t = t.replace(/(\p{Ll}{2,})-(?=\p{L})/gu, '$1 ').replace(/([\p{L}\d]{2,})\.(?=\p{L})/gu, '$1 ');
  // a split word: a letter, a space, the rest of a word the document prints whole elsewhere
  t = t.replace(/(?<![\p{L}\d])(\p{L}) (\p{L}{2,})(?![\p{L}])/gu, (m, a: string, b: string) => {
    const joined = (a + b).toLowerCase();
    const forms = vocab.get(foldAccents(joined));
    const whole = forms?.get(joined) ?? 0;
    const frag = vocab.get(foldAccents(b.toLowerCase()))?.get(b.toLowerCase()) ?? 0;
    // the fragment is seen only here, the whole word more often
    return whole >= 2 && frag <= 1 ? a + b : m;
  });
  // lone punctuation specks between words (a dash between numbers is kept: "2018 - 2020")
  t = t.replace(/(?<=[^\d\s]) [-–—“”"'`~^*_|]+(?= [^\d\s])/gu, '');
  // a run of words in capitals after the subject: a stamp or heading read into it
  const words = t.split(' ');
  // a caps word with Vietnamese marks ("THÔNG", "TRUYỀN"), unlike an acronym ("TTCP", "UBND")
  const capsWord = (w: string): boolean => /^\p{Lu}+$/u.test(w) && foldAccents(w) !== w.toLowerCase() && w.length >= 3;
  for (let i = 1; i + 2 < words.length; i++) {
    const run = words.slice(i, i + 3);
    if (run.every((w) => /^\p{Lu}+$/u.test(w)) && run.filter(capsWord).length >= 2) {
      words.length = i;
      break;
    }
  }
  // junk tokens and single capitals at the end, then trailing punctuation
  const trail = (w: string): string => w.replace(/[-–—.,;:“”"'`~^*_|]+$/u, '');
  while (words.length > 1 && (JUNK_TOKEN.test(trail(words[words.length - 1]!)) || !trail(words[words.length - 1]!) || /^\p{Lu}$/u.test(words[words.length - 1]!))) words.pop();
  t = words.join(' ');
  t = t.replace(/[\s\-–—.,;:“”"'`~^*_|]+$/u, '').trim();
  t = restoreLexicon(restoreFromDocument(t, context));
  return { text: t, repaired: t !== s.replace(/\s+/g, ' ').trim().replace(/[.;:]$/, '') };
}
