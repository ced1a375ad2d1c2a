/**
 * How much of a signature block lines of text hold, to compare a region read again with the first
 * reading (src/stages/ocr/signature-block.ts).
 */
import { isJunk, parseAuthority, parseName, parseTitle, readLooseBlock, titleContinuation } from './signer.js';
import { isListedSurname } from './surnames.js';
import { makeLine } from './text.js';

export interface SignatureScore {
  /**
   * 2 for a name (1 when it opens with no listed family name nor Ê Đê "Y"/"H": maybe a cut-off name),
   * 1 each for a title and for authority lines.
   */
  score: number;
  /**
   * Nothing had to be repaired or skipped, the name's family name is listed and an authority or a
   * title was read with it (a block of authority and name, without a title, is clean).
   */
  clean: boolean;
  /** Which parts were read: name, title, authority. */
  parts: [boolean, boolean, boolean];
  /** The name as read, and the index of its line, or null / -1. */
  name: string | null;
  nameAt: number;
  /** Indexes of the lines read as the block (authority, title, name). */
  block: number[];
}

/** A listed family name, or the "Y"/"H" that opens Ê Đê and M'nông names (men's, women's). */
const knownOpening = (word: string): boolean => isListedSurname(word) || /^[YH](?:$|['’])/u.test(word);

export function signatureScore(texts: string[]): SignatureScore {
  const lines = texts.map((t) => makeLine(t, 1, null, 100));
  const b = readLooseBlock(lines, 0, lines.length, new Set(), true);
  if (!b) return { score: 0, clean: false, parts: [false, false, false], name: null, nameAt: -1, block: [] };
  const name = b.signer.name;
  const named = name ? (knownOpening(name.split(' ')[0]!) ? 2 : 1) : 0;
  const parts: SignatureScore['parts'] = [named > 0, !!b.signer.title, b.signer.authority.length > 0];
  const score = named + (parts[1] ? 1 : 0) + (parts[2] ? 1 : 0);
  return {
    score, clean: !b.repaired && !b.partial && named === 2, parts,
    name, nameAt: b.nameLine ? lines.indexOf(b.nameLine) : -1, block: b.used.map((l) => lines.indexOf(l)),
  };
}

/**
 * Lines of a first reading in the signature region that the block's new reading replaces: the
 * block's own lines, any other line read as a part of a block (a second title, a title cut short:
 * "PHÓ GIÁM"), and seal or signature specks (no digits). Any other text is kept.
 */
export function replacedLines(texts: string[]): Set<number> {
  const out = new Set(signatureScore(texts).block);
  texts.forEach((t, i) => {
    if ((isJunk(t) && !/\d/.test(t)) || parseAuthority(t) || parseTitle(t) || titleContinuation(t) || parseName(t)) out.add(i);
  });
  return out;
}
