/**
 * A subject citing a document ("V/v triển khai thực hiện KH số 143/KH-UBND ngày 25/7/2022 …") that
 * OCR damaged, completed from the same citation parsed in the body: a lost number ("KH số ngày
 * 25/7/2022"), a type name cut at its start ("định số 30/2020/NĐ-CP" for "Nghị định số …").
 */
import { foldAccents } from '../../text/fold.js';
import { typeFromSymbol, typeNameFromWord, TYPE_NAMES } from '../normalize/doc-types.js';
import type { Citation } from '../../../schemas/document.js';

const pad = (n: string): string => n.padStart(2, '0');

/** "số ngày 25/7/2022": the number between them lost; filled from the one body citation of that date (and type). */
function restoreLostNumber(subject: string, cited: readonly Citation[]): string {
  return subject.replace(/(?:(\p{L}+)\s+)?số\s+(?=ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\b)/gu, (m, word: string | undefined, d: string, mo: string, y: string) => {
    const date = `${y}-${pad(mo)}-${pad(d)}`;
    const named = word ? typeNameFromWord(word) : null;
    const refs = new Set(cited.filter((c) => c.ref && c.date === date && (!named || c.type === named)).map((c) => c.ref!));
    return refs.size === 1 ? `${m}${[...refs][0]} ` : m;
  });
}

/**
 * "định số 30/2020/NĐ-CP": the words of the symbol's type name that OCR lost before "số", restored
 * when the body cites that document by that name.
 */
function restoreTypeName(subject: string, cited: readonly Citation[]): string {
  return subject.replace(/(^|\s)([\p{L} ]{1,20}?)\s+số\s+(\d{1,5}\/[\p{L}\d/-]+)/gu, (m, lead: string, words: string, ref: string) => {
    const name = typeFromSymbol(ref.slice(ref.indexOf('/') + 1));
    if (!name || name === 'Công văn' || !TYPE_NAMES.includes(name)) return m;
    // the body cites it by that name
    if (!cited.some((c) => c.ref === ref && c.type === name)) return m;
    const have = foldAccents(words).toLowerCase().split(' ');
    const want = foldAccents(name).toLowerCase().split(' ');
    // the last words printed are a proper tail of the type name: "định" of "Nghị định"
    for (let k = want.length - 1; k >= 1; k--) {
      const tail = want.slice(want.length - k);
      if (have.slice(-k).join(' ') !== tail.join(' ') || have.length > k && have[have.length - k - 1] === want[want.length - k - 1]) continue;
      const kept = words.split(' ').slice(0, -k).join(' ');
      return `${lead}${kept ? `${kept} ` : ''}${name} số ${ref}`;
    }
    return m;
  });
}

/** The subject with citations completed from the body's; `repaired` when anything changed. */
export function completeSubjectCitations(subject: string, cited: readonly Citation[]): { text: string; repaired: boolean } {
  const text = restoreTypeName(restoreLostNumber(subject, cited), cited);
  return { text, repaired: text !== subject };
}
