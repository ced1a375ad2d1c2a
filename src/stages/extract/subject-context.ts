/**
 * Subjects are often restated in the body ("… về việc triển khai công tác thông tin đối ngoại, …").
 * A word or two of the subject that OCR garbled ("công tác tbông tin đối ngoại", "15/QĐ-TTg của
 * T-TCP") is replaced by what the document prints between the same neighbouring words elsewhere,
 * when every such place agrees and the two readings look alike.
 */
import { distance } from 'fastest-levenshtein';
import { foldAccents } from '../../text/fold.js';

interface Token {
  text: string;
  /** Lower case, marks kept, punctuation dropped: compared exactly to tell a misread word. */
  exact: string;
  /** Folded: compared to match the neighbouring words, whose marks OCR may have lost. */
  loose: string;
}

function tokens(s: string): Token[] {
  return s.split(/\s+/).filter(Boolean).map((text) => {
    const exact = text.toLowerCase().replace(/[^\p{L}\d/]/gu, '');
    return { text, exact, loose: foldAccents(exact) };
  }).filter((t) => t.exact);
}

const MAX_RUN = 2;
const MAX_SPAN = 3;
const ANCHOR = 3;

/** The words printed between `left` and `right` at every place of `context` they both occur, if all agree. */
function between(context: Token[], left: string[], right: string[], atEnd: boolean): Token[] | null {
  let found: Token[] | null = null;
  for (let p = left.length; p < context.length; p++) {
    if (!left.every((w, i) => context[p - left.length + i]!.loose === w)) continue;
    const spans = atEnd ? [1] : Array.from({ length: MAX_SPAN }, (_, i) => i + 1);
    for (const m of spans) {
      if (p + m + right.length > context.length) break;
      if (!right.every((w, i) => context[p + m + i]!.loose === w)) continue;
      const span = context.slice(p, p + m);
      if (found && found.map((t) => t.loose).join(' ') !== span.map((t) => t.loose).join(' ')) return null;
      found = span;
      break;
    }
  }
  return found;
}

/**
 * The words between the subject's neighbours of a garbled run, the widest neighbourhood first: at
 * least three neighbouring words, at least one on each side (two before at the subject's end).
 */
function anchoredSpan(context: Token[], before: string[], after: string[]): Token[] | null {
  const atEnd = after.length === 0;
  for (let l = Math.min(ANCHOR, before.length); l >= 0; l--) {
    for (let r = Math.min(ANCHOR, after.length); r >= 0; r--) {
      const enough = atEnd ? l >= 2 : l >= 1 && r >= 1 && l + r >= 3;
      if (!enough) continue;
      const span = between(context, before.slice(before.length - l), after.slice(0, r), atEnd);
      if (span) return span;
    }
  }
  return null;
}

/**
 * A token another reading never replaces, one reading being as good as the other: one with a digit
 * ("2", "15/CT-TTg"), a Roman numeral ("II"), an abbreviation in capitals ("BHYT", "TTg", "BNV").
 */
function asPrinted(w: string): boolean {
  const bare = w.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '');
  // two capitals or more, at most one small letter among them ("TTg", "BGDĐT", "GDTrH")
  const abbreviation = /^[\p{Lu}\d&]+\p{Ll}?[\p{Lu}\d&]*$/u.test(bare) && (bare.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
  return /\d/.test(bare) || /^[IVXLC]+$/.test(bare) || abbreviation;
}

/** The subject with garbled words restored from the document's other lines (`context`). */
export function restoreFromContext(subject: string, context: string): { text: string; repaired: boolean } {
  const ctx = tokens(context);
  const known = new Set(ctx.map((t) => t.exact));
  const words = subject.split(' ');
  const exactOf = (w: string): string => w.toLowerCase().replace(/[^\p{L}\d/]/gu, '');
  const suspicious = words.map((w) => !!exactOf(w) && !known.has(exactOf(w)) && !asPrinted(w));
  const out: string[] = [];
  let repaired = false;
  for (let i = 0; i < words.length; i++) {
    if (!suspicious[i]) {
      out.push(words[i]!);
      continue;
    }
    let j = i;
    while (j < words.length && suspicious[j]) j++;
    const run = words.slice(i, j);
    const left = words.slice(0, i).filter((w) => exactOf(w)).map((w) => foldAccents(exactOf(w)));
    const right = words.slice(j).filter((w) => exactOf(w)).map((w) => foldAccents(exactOf(w)));
    const span = run.length <= MAX_RUN ? anchoredSpan(ctx, left, right) : null;
    const read = foldAccents(run.join(' ').toLowerCase());
    const printed = span?.map((t) => t.text).join(' ').replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '') ?? '';
    const folded = foldAccents(printed.toLowerCase());
    // marks alone differ: left to the document's vocabulary, which weighs how often each spelling is printed
    const sameCount = !!span && span.length === run.length;
    const alike = sameCount && !!printed && folded !== read && distance(read, folded) <= Math.max(2, 0.6 * read.length);
    if (alike) {
      out.push(printed);
      repaired = true;
    } else out.push(...run);
    i = j - 1;
  }
  return { text: out.join(' '), repaired };
}

/** An issuer named by its abbreviation after "của" ("BGDĐT", "UBND tỉnh"). */
const ISSUER_ABBREVIATION = /^[A-ZĐ][A-ZĐ&]{1,9}$/u;
/** The level word after "UBND" ("UBND tỉnh"). */
const LEVEL = /^(tỉnh|huyện|quận|xã|phường)$/u;

/**
 * A subject cut after "của" ("… ngày 05/07/2022 của"): the issuer's abbreviation the file prints
 * after the same last three words ("15/3/2021 của BTC, Sở …"), when every such place agrees.
 */
export function restoreDanglingIssuer(subject: string, context: string): { text: string; repaired: boolean } {
  const words = subject.split(' ');
  if (words.length < 3 || foldAccents(words[words.length - 1]!).toLowerCase() !== 'cua') return { text: subject, repaired: false };
  const left = words.slice(-3).map((w) => foldAccents(w.toLowerCase().replace(/[^\p{L}\d/]/gu, '')));
  const ctx = tokens(context);
  const found = new Set<string>();
  for (let p = left.length; p < ctx.length; p++) {
    if (!left.every((w, i) => ctx[p - left.length + i]!.loose === w)) continue;
    const abbreviation = ctx[p]!.text.replace(/[,.;:]+$/, '');
    if (!ISSUER_ABBREVIATION.test(abbreviation)) return { text: subject, repaired: false };
    const next = abbreviation === ctx[p]!.text ? ctx[p + 1] : undefined;
    found.add(next && LEVEL.test(next.exact) ? `${abbreviation} ${next.exact}` : abbreviation);
  }
  return found.size === 1 ? { text: `${subject} ${[...found][0]}`, repaired: true } : { text: subject, repaired: false };
}
