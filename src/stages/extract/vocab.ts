/**
 * Diacritics lost by OCR in one place are usually printed correctly elsewhere in the same document.
 * A document's own word list (folded spelling → spellings seen, with counts) restores them in short
 * fields such as the subject: a word is replaced by a spelling with the same folded form only when
 * that spelling is clearly more frequent in the document.
 */
import { foldAccents } from '../../text/fold.js';
import type { DocLine } from './text.js';

export type Vocab = Map<string, Map<string, number>>;

const WORD = /[\p{L}]+/gu;

export function buildVocab(lines: DocLine[]): Vocab {
  const v: Vocab = new Map();
  for (const l of lines) {
    for (const m of l.text.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      const k = foldAccents(w);
      const forms = v.get(k) ?? new Map<string, number>();
      forms.set(w, (forms.get(w) ?? 0) + 1);
      v.set(k, forms);
    }
  }
  return v;
}

function withCase(model: string, w: string): string {
  if (model.length > 1 && model === model.toUpperCase()) return w.toUpperCase();
  if (/^\p{Lu}/u.test(model)) return w.charAt(0).toUpperCase() + w.slice(1);
  return w;
}

/** True when `word` is `form` with some diacritics dropped (never a different accent). */
export function isStripped(word: string, form: string): boolean {
  const a = [...word.normalize('NFD')];
  const b = [...form.normalize('NFD')];
  let i = 0;
  for (const ch of b) {
    const cur = a[i];
    if (cur !== undefined && (cur === ch || (ch === 'đ' && cur === 'd'))) i++;
    else if (!/[\u0300-\u036f]/.test(ch) && ch !== 'đ') return false;
    else if (ch === 'đ') return false;
  }
  return i === a.length;
}

/** Restores diacritics of words in `s` from the document's vocabulary. */
export function restoreDiacritics(s: string, vocab: Vocab): string {
  return s.replace(WORD, (word) => {
    const lower = word.toLowerCase();
    const forms = vocab.get(foldAccents(lower));
    if (!forms) return word;
    const own = forms.get(lower) ?? 0;
    const cands = [...forms].filter(([form]) => form !== lower && isStripped(lower, form));
    // ambiguous ("so" → "số" or "sở"): leave the word as read
    if (cands.length !== 1) return word;
    const [best, n] = cands[0]!;
    if (n < 2 || n <= own) return word;
    return withCase(word, best);
  });
}
