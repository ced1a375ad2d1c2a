/**
 * OCR clean-up of a subject line ("V/v …" or the title's subject): words split by a stray space
 * ("N ghị định" → "Nghị định", joined only when the document spells the word whole elsewhere),
 * dots and dashes read between words ("của.UBND.tỉnh", "của-BNV"), lone punctuation specks
 * ("công tác, - văn thư") and junk at the end ("2022-2023—--", "ngày 05/07/2022.của-B@J2Đ+-").
 * `repaired` tells the caller to lower the subject's confidence.
 */
import type { Vocab } from './vocab.js';
import { foldAccents } from '../../text/fold.js';
import { undoubledCode } from '../normalize/ref.js';

/** A token that is OCR junk rather than a word, number or reference. */
const JUNK_TOKEN = /[@+=“”"«»—_~^<>|{}\\]|^[-–.,;:'`*]+$/u;

export function cleanSubject(s: string, vocab: Vocab): { text: string; repaired: boolean } {
  let t = s.replace(/\s+/g, ' ').trim();
  // a symbol broken at its hyphen over two subject lines: "1486/QĐ- TTg" → "1486/QĐ-TTg"
  t = t.replace(/(\d\s?\/\s?[\p{L}\d/]*-)\s+(?=[\p{Lu}\d])/gu, '$1');
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
  return { text: t, repaired: t !== s.replace(/\s+/g, ' ').trim().replace(/[.;:]$/, '') };
}
