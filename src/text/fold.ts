/**
 * The one place that decides how Vietnamese text is normalized and folded.
 * Extraction, the store's search index and the search query all go through here.
 */

/** NFC, with OCR look-alikes mapped to the intended characters. */
export function normalizeText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\u00D0/g, '\u0110') // Ð (Icelandic eth) → Đ
    .replace(/\u00F0/g, '\u0111') // ð → đ
    .replace(/[\u2044\u2215\uFF0F]/g, '/') // fraction slash, division slash, fullwidth solidus
    .replace(/[\u2010\u2011\u2012\u2013\u2212]/g, '-') // hyphen and dash variants used in symbols
    .replace(/[\u00A0\u2007\u202F]/g, ' ');
}

/** Lower-case, accent-free, đ→d: "Đắk Lắk" → "dak lak". */
export function foldAccents(input: string): string {
  return normalizeText(input)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toLowerCase();
}

/** Folded, with punctuation other than / and - turned into spaces and runs of spaces collapsed. */
export function foldForSearch(input: string): string {
  return foldAccents(input)
    .replace(/[^\p{L}\p{N}/-]+/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}

/** Whitespace collapsed to single spaces. */
export function squash(input: string): string {
  return input.replace(/\s+/g, ' ').trim();
}

/** Folds each character on its own, so the result has the same length as the input. */
export function foldAligned(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = foldAccents(ch);
    out += f.length === 1 ? f : ch.length === 1 ? (f[0] ?? ch) : ch;
  }
  return out;
}
