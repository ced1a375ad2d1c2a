/**
 * A subject citing a document ("V/v triển khai thực hiện KH số 143/KH-UBND ngày 25/7/2022 …") that
 * OCR damaged, completed from the same citation parsed in the body: a lost number ("KH số ngày
 * 25/7/2022"), a type name cut at its start ("định số 30/2020/NĐ-CP" for "Nghị định số …").
 */
import { foldAccents } from '../../text/fold.js';
import { typeFromSymbol, typeNameFromWord, TYPE_NAMES } from '../normalize/doc-types.js';
import { parseRef, unitCodeOf, unitCodeVariants } from '../normalize/ref.js';
import { UNIT_CODES } from '../normalize/unit-codes.js';
import type { Citation } from '../../../schemas/document.js';

const pad = (n: string): string => n.padStart(2, '0');

/** "số ngày 25/7/2022": the number between them lost; filled from the one body citation of that date (and type). */
function restoreLostNumber(subject: string, cited: readonly Citation[]): string {
  return subject.replace(/(?:(\p{L}+)\s+)?số\s+(?=ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4})\b)/gu, (m, word: string | undefined, d: string, mo: string, y: string, at: number) => {
    // a draft ("dự thảo Quyết định số … ngày …") has no number yet: the body's is another document's
    if (/\bdu thao(?:\s+\S+){0,3}\s*$/.test(foldAccents(subject.slice(0, at)).toLowerCase())) return m;
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

/**
 * "52/UBND-NG" in the subject beside "52/UBND-NC" in the body: the body's spelling when its unit
 * code is a known one the subject's could be misread from (the citations reconcile their readings
 * the same way), only one body citation has that number and issuer code, and the subject's code is
 * not a code as printed itself or the file prints the other spelling twice and never the subject's; else it is kept, and listed in `disagreements`.
 */
function restoreUnitCode(subject: string, cited: readonly Citation[], file: string, disagreements: string[]): string {
  return subject.replace(/(?<![\p{L}\d/])(\d{1,5})\/([\p{L}\d-]+)-([\p{L}]+)(?![\p{L}\d/-])/gu, (m, n: string, head: string, unit: string) => {
    const same = new Set(cited.map((c) => c.ref).filter((r): r is string => !!r && r !== m && r.startsWith(`${n}/${head}-`) && r.split('-').length === m.split('-').length));
    if (same.size !== 1) return m;
    const ref = [...same][0]!;
    const known = unitCodeOf(ref);
    if (!UNIT_CODES.includes(known) || !unitCodeVariants(unit).includes(known)) return m;
    // the subject's code not one as printed, or outvoted: the body prints the other spelling twice, never this one
    const printed = (r: string): number => file.replace(/\s*\/\s*/g, '/').split(r).length - 1;
    if (!plausibleCode(unit) || (printed(ref) >= 2 && printed(m) === 0)) return ref;
    // "33/UBND-TG" may be a real unlisted code and the body's the misread one: kept as read, flagged
    disagreements.push(m);
    return m;
  });
}

/** A unit code as codes are printed: capitals, at most one small letter among them ("TG", "GDTrH"), not "Nc". */
const plausibleCode = (code: string): boolean => /^\p{Lu}+\p{Ll}?\p{Lu}*$/u.test(code) && code.length >= 2;

/** "Nghị định 30/2020/NĐ-CP" where the document prints "Nghị định số 30/2020/NĐ-CP" elsewhere: "số" lost. */
function restoreSo(subject: string, context: string): string {
  const ctx = foldAccents(context.replace(/\s+/g, ' ')).toLowerCase();
  return subject.replace(/(\p{L}+ \p{L}+) (\d{1,5}\/[\p{L}\d/-]+)/gu, (m, name: string, ref: string) => {
    if (!typeNameFromWord(name)) return m;
    return ctx.includes(foldAccents(`${name} số ${ref}`).toLowerCase()) ? `${name} số ${ref}` : m;
  });
}

/**
 * A subject ending on a type name whose number was on a line OCR lost ("… văn thư theo Nghị định"),
 * completed where the body restates the subject's last words and cites a document of that type
 * right after them ("… về việc triển khai công tác văn thư theo Nghị định . nội Số 30/2020/NĐ-CP").
 */
function restoreCutCitation(subject: string, context: string): string {
  const words = subject.split(' ');
  const name = TYPE_NAMES.find((n) => foldAccents(subject).toLowerCase().endsWith(` ${foldAccents(n).toLowerCase()}`));
  if (!name || words.length < 5) return subject;
  const original = context.replace(/\s+/g, ' ');
  // folding keeps one character per character, so offsets in the folded text hold in the original
  const ctx = foldAccents(original).toLowerCase();
  const map = [...ctx].map((_, i) => i);
  const tail = foldAccents(words.slice(-5).join(' ')).toLowerCase();
  const refs = new Set<string>();
  for (let at = ctx.indexOf(tail); at >= 0; at = ctx.indexOf(tail, at + 1)) {
    const after = ctx.slice(at + tail.length, at + tail.length + 24);
    const m = /^[^\d]{0,12}\bso\s*(\d{1,5}\/\S+)/.exec(after);
    if (!m) continue;
    // the reference as the document's text prints it, its type code naming the same type
    const printed = /\d{1,5}\s*\/\s*[\p{L}\d/-]*[\p{L}\d]/u.exec(original.slice(map[at + tail.length + m.index + m[0].length - m[1]!.length]!));
    const ref = printed ? parseRef(printed[0]) : null;
    if (ref && !ref.repaired && typeFromSymbol(ref.symbol) === name) refs.add(ref.ref);
  }
  return refs.size === 1 ? `${subject} số ${[...refs][0]}` : subject;
}

/**
 * The subject with citations completed from the body's (`context`: the document's other lines);
 * `repaired` when anything changed, `doubtful` when a cited reference reads differently in the body.
 * `file`: the file's text but the subject, whose spellings of a reference are counted.
 */
export function completeSubjectCitations(subject: string, cited: readonly Citation[], context = '', file = context): { text: string; repaired: boolean; doubtful: boolean } {
  const disagreements: string[] = [];
  const text = restoreCutCitation(restoreSo(restoreTypeName(restoreLostNumber(restoreUnitCode(subject, cited, file, disagreements), cited), cited), context), context);
  return { text, repaired: text !== subject, doubtful: disagreements.length > 0 };
}
