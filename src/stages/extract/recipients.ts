/**
 * "Kính gửi:" addressees in canonical form. Names that omit their locality take the document's:
 * "Sở Thông tin và Truyền thông" in a Đắk Lắk letter → "Sở Thông tin và Truyền thông tỉnh Đắk Lắk";
 * "UBND các huyện, thị xã, thành phố" → "Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk";
 * "Các cơ quan, đơn vị thuộc Sở" → "... thuộc <issuer>".
 */
import { foldAccents, normalizeText } from '../../text/fold.js';
import { canonicalBody, canonicalLocality, type BodyContext } from '../normalize/issuers.js';
import { f, type DocLine } from './text.js';

export interface RecipientsResult {
  recipients: string[];
  lines: DocLine[];
  /** Index after the Kính gửi block. */
  end: number;
}

export interface RecipientContext extends BodyContext {
  issuer: string | null;
}

const fold = (s: string): string => foldAccents(s).replace(/\s+/g, ' ').trim();

/** Expands abbreviations that keep their wording ("UBND" → "Ủy ban nhân dân", "TP" → "thành phố"). */
function expand(s: string): string {
  return s
    .replace(/\bUBND\b/g, 'Ủy ban nhân dân')
    .replace(/\bHĐND\b/g, 'Hội đồng nhân dân')
    .replace(/\bTP\b\.?/g, 'thành phố')
    .replace(/\bTW\b/g, 'Trung ương')
    .replace(/U[ỷỶ] ban/g, 'Ủy ban')
    .replace(/UỶ BAN/g, 'ỦY BAN');
}

export function canonicalRecipient(printed: string, ctx: RecipientContext): string {
  let s = normalizeText(printed).replace(/^[-+•*]\s*/, '').replace(/[;,.:]+$/, '').replace(/\s+/g, ' ').trim();
  s = expand(s);
  s = s.charAt(0).toUpperCase() + s.slice(1);
  const fs = fold(s);
  const provinceLoc = ctx.province ? canonicalLocality('tỉnh', ctx.province) : null;
  const ownLoc = ctx.locality ?? provinceLoc;
  // "... thuộc Sở" / "... thuộc UBND thị xã" / "... thuộc Bộ": the issuer itself
  const th = /^(.*\bthuoc) (so|bo|uy ban nhan dan( (tinh|thanh pho|thi xa|huyen|quan))?|ubnd)$/.exec(fs);
  if (th && ctx.issuer) return `${s.slice(0, th[1]!.length)} ${ctx.issuer}`;
  // "Ủy ban nhân dân các huyện, thị xã, thành phố" → "... thuộc tỉnh X"
  if (/^(uy ban nhan dan|hoi dong nhan dan) cac /.test(fs) && !/\b(thuoc|truc thuoc)\b/.test(fs)) {
    return ownLoc ? `${s} thuộc ${ownLoc}` : s;
  }
  const body = canonicalBody(s, { province: ctx.province, locality: ownLoc });
  return body ?? s;
}

export function extractRecipients(lines: DocLine[], from: number, ctx: RecipientContext, skip: Set<number>): RecipientsResult {
  const out: RecipientsResult = { recipients: [], lines: [], end: from };
  const limit = Math.min(lines.length, from + 40);
  let k = from;
  for (; k < limit; k++) if (!skip.has(k) && /^kinh gui\b/.test(f(lines[k]!))) break;
  if (k >= limit) {
    // also look a little above the body start (Kính gửi may sit between header lines)
    for (k = Math.max(0, from - 6); k < from; k++) if (!skip.has(k) && /^kinh gui\b/.test(f(lines[k]!))) break;
    if (k >= from) return out;
  }
  const head = lines[k]!;
  out.lines.push(head);
  const colon = head.text.search(/[:：]/);
  const inline = (colon >= 0 ? head.text.slice(colon + 1) : head.text.replace(/^\S+\s+\S+/, '')).trim();
  const items: string[] = [];
  if (inline) items.push(...inline.split(/;\s*/).filter(Boolean));
  let j = k + 1;
  for (; j < lines.length; j++) {
    if (skip.has(j)) continue;
    const t = lines[j]!.text.trim();
    if (/^[-+•*]\s*\S/.test(t)) {
      items.push(t);
      out.lines.push(lines[j]!);
    } else if (items.length && !/[;.]$/.test(items[items.length - 1]!) && /^[\p{Ll}]/u.test(t) && t.length < 80) {
      items[items.length - 1] += ` ${t}`;
      out.lines.push(lines[j]!);
    } else break;
  }
  out.end = j;
  out.recipients = items.map((i) => canonicalRecipient(i, ctx)).filter((x) => x.length > 1);
  return out;
}
