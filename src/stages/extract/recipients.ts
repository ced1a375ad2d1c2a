/**
 * "Kính gửi:" addressees in canonical form. Names that omit their locality take the document's:
 * "Sở Thông tin và Truyền thông" in a Đắk Lắk letter → "Sở Thông tin và Truyền thông tỉnh Đắk Lắk";
 * "UBND các huyện, thị xã, thành phố" → "Ủy ban nhân dân các huyện, thị xã, thành phố thuộc tỉnh Đắk Lắk";
 * "Các cơ quan, đơn vị thuộc Sở" → "... thuộc <issuer>".
 */
import { foldAccents, normalizeText } from '../../text/fold.js';
import { distance } from 'fastest-levenshtein';
import { canonicalBody, canonicalLocality, DEPARTMENTS, type BodyContext } from '../normalize/issuers.js';
import {
  addresseeTail, BODY_START, completeCollective, fragmentEntry, isSpeck, isStampDebris, listWithoutLabel, nextEntryAt, withoutRepeats,
} from './recipient-fragments.js';
import { foldAligned, type DocLine } from './text.js';

export interface RecipientsResult {
  recipients: string[];
  lines: DocLine[];
  /** Index after the Kính gửi block. */
  end: number;
  /** Letters of an entry were changed (a near phrase or department name) or an entry was taken from a stamp line. */
  repaired: boolean;
}

export interface RecipientContext extends BodyContext {
  issuer: string | null;
  /** A letter (V/v subject): its Kính gửi list may be there with the label itself lost. */
  letter?: boolean;
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

/** Standard collective phrases, restored when OCR lost their diacritics. */
const PHRASES = [
  'các huyện, thị xã, thành phố', 'các xã, phường, thị trấn', 'các xã, thị trấn', 'các cơ quan, đơn vị',
  'các sở, ban, ngành', 'các tỉnh, thành phố trực thuộc Trung ương', 'Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ',
  'Ủy ban nhân dân', 'Hội đồng nhân dân', 'thuộc', 'Các cơ quan, đơn vị thuộc',
];

/**
 * Long phrases with one letter misread, lost or added ("các tơ quan, đơn vị", "UBND tác huyện, thị
 * xã", "các huyn, thị xã"), restored.
 */
function restoreNearPhrases(s: string): string {
  let out = s;
  for (const p of PHRASES.filter((x) => x.length >= 15)) {
    const fp = foldAligned(p).toLowerCase();
    const fs = foldAligned(out).toLowerCase();
    if (fs.includes(fp)) continue;
    let done = false;
    for (let at = 0; at < fs.length && !done; at++) {
      for (const len of [fp.length, fp.length - 1, fp.length + 1]) {
        if (at + len > fs.length) continue;
        const before = fs[at - 1];
        const after = fs[at + len];
        if ((before !== undefined && /[a-z]/.test(before)) || (after !== undefined && /[a-z]/.test(after))) continue;
        if (distance(fs.slice(at, at + len), fp) !== 1) continue;
        const orig = out.slice(at, at + len);
        const rep = /^[\p{Lu}]/u.test(orig) ? p.charAt(0).toUpperCase() + p.slice(1) : p.charAt(0).toLowerCase() + p.slice(1);
        out = out.slice(0, at) + rep + out.slice(at + len);
        done = true;
        break;
      }
    }
  }
  return out;
}

/** "Sở" + a department name with one or two letters misread ("Sở Thổ g tin và Truyền thông"). */
function nearDepartment(s: string): string | null {
  const m = /^s[oơởốỏ]\s+(.+)$/iu.exec(s);
  if (!m) return null;
  const key = foldAccents(m[1]!).replace(/[^a-z]/g, '');
  const hits = DEPARTMENTS.filter((d) => {
    const k = foldAccents(d).replace(/[^a-z]/g, '');
    return k.length >= 8 && distance(k, key) <= (k.length >= 16 ? 2 : 1);
  });
  return hits.length === 1 ? `Sở ${hits[0]}` : null;
}

/** Standard phrases restored: marks on exact folded matches, and near ones (`repaired`). */
function restorePhrases(s: string): { text: string; repaired: boolean } {
  const near = restoreNearPhrases(s);
  let out = near;
  for (const p of PHRASES) {
    const fp = foldAligned(p).toLowerCase();
    const fs = foldAligned(out).toLowerCase();
    let at = fs.indexOf(fp);
    while (at >= 0) {
      const before = fs[at - 1];
      const after = fs[at + fp.length];
      if ((before === undefined || !/[a-z]/.test(before)) && (after === undefined || !/[a-z]/.test(after))) {
        const orig = out.slice(at, at + p.length);
        const rep = /^[\p{Lu}]/u.test(orig) ? p.charAt(0).toUpperCase() + p.slice(1) : p.charAt(0).toLowerCase() + p.slice(1);
        out = out.slice(0, at) + rep + out.slice(at + p.length);
      }
      at = fs.indexOf(fp, at + 1);
    }
  }
  return { text: out, repaired: near !== s };
}

/** A recipient in canonical form (see `recipientOf`). */
export function canonicalRecipient(printed: string, ctx: RecipientContext): string {
  return recipientOf(printed, ctx).text;
}

/** A recipient in canonical form; `repaired` when letters had to change (a near phrase or department). */
export function recipientOf(printed: string, ctx: RecipientContext): { text: string; repaired: boolean } {
  let s = normalizeText(printed).replace(/^[-+•*.,„\s]+/, '').replace(/[;,.:]+$/, '').replace(/\s+/g, ' ').trim();
  s = s.replace(/^U\S?ND\b/u, 'UBND'); // "UộND", "UEND": B misread
  const phrased = restorePhrases(expand(s));
  const repaired = phrased.repaired;
  s = phrased.text;
  s = s.charAt(0).toUpperCase() + s.slice(1);
  const fs = fold(s);
  const provinceLoc = ctx.province ? canonicalLocality('tỉnh', ctx.province) : null;
  const ownLoc = ctx.locality ?? provinceLoc;
  // "... thuộc Sở" / "... thuộc UBND thị xã" / "... thuộc Bộ": the issuer itself
  const th = /^(.*\bthuoc) (so|bo|uy ban nhan dan( (tinh|thanh pho|thi xa|huyen|quan))?|ubnd)$/.exec(fs);
  // only the issuer's own kind of body: "thuộc UBND thị xã" in a Sở's letter names another body
  const sameKind = (kind: string): boolean => fold(ctx.issuer ?? '').toLowerCase().startsWith(kind === 'ubnd' ? 'uy ban nhan dan' : kind.split(' ').slice(0, 3).join(' '));
  if (th && ctx.issuer && sameKind(th[2]!)) return { text: `${s.slice(0, th[1]!.length)} ${ctx.issuer}`, repaired };
  // "Ủy ban nhân dân các huyện, thị xã, thành phố" → "... thuộc tỉnh X"
  if (/^(uy ban nhan dan|hoi dong nhan dan) cac /.test(fs) && !/\b(thuoc|truc thuoc)\b/.test(fs)) {
    return { text: ownLoc ? `${s} thuộc ${ownLoc}` : s, repaired };
  }
  const bctx = { province: ctx.province, locality: ownLoc };
  const body = canonicalBody(s, bctx);
  if (body) return { text: body, repaired };
  const dept = nearDepartment(s);
  const near = dept ? canonicalBody(dept, bctx) : null;
  return near ? { text: near, repaired: true } : { text: s, repaired };
}

/**
 * Where "Kính gửi" starts in a line: at its start, or after stamp text merged before it
 * ("Số: 12 Kính gửi: - Sở …"), read tolerantly ("Kinh gửi:", "Kinh gui"). -1 when absent.
 */
export function kinhGuiAt(l: DocLine): number {
  const s = l.fold;
  // "Kính" lost at the line start: "gửi: - Sở Y tế;"
  if (/^(?:[ks]?inh\s*)?gu[iy]\s*:/.test(s)) return 0;
  const m = /(?:^|[^a-z])([ks]inh\s*gu[iy]|kinh\s*g[a-z]i)\s*[:;.]?/.exec(s);
  if (!m) return -1;
  const at = m.index + m[0].indexOf(m[1]!);
  // away from the line start only with a colon after it (never "… kính gửi Sở …" in running text)
  if (at > 0 && !/[:;]/.test(s.slice(at, at + m[1]!.length + 3))) return -1;
  if (at > 0 && at > 24) return -1;
  return at;
}

/** A list entry at the end of a line the arrival stamp shares ("ĐẾN 21-12-2021 Các cơ quan, đơn vị thuộc Sở."). */
function entryAfterStamp(text: string): string | null {
  const m = /(?:^|\s)((?:-\s*)?(?:Các|UBND|Ủy ban|Uỷ ban|Sở|Bộ|Văn phòng|Ban|Cục)\s[^;]*[;.])\s*$/u.exec(text);
  if (!m || m.index === 0) return null;
  return /\d/.test(text.slice(0, m.index)) ? m[1]! : null;
}

/** The line is the tail of a standard addressee, its first words lost ("các huyện, thị xã, thành phố."). */
function lostStart(t: string): boolean {
  const whole = addresseeTail(t);
  return !!whole && !fold(t).replace(/[^a-z0-9]+/g, ' ').trim().startsWith(fold(whole).replace(/[^a-z0-9]+/g, ' ').trim());
}

/** A letter's Kính gửi list without its label (see `listWithoutLabel`): always flagged as repaired. */
function unlabelled(lines: DocLine[], from: number, ctx: RecipientContext, skip: Set<number>): RecipientsResult {
  const found = listWithoutLabel(lines, from, skip);
  const recipients = found.items.map((i) => recipientOf(i, ctx).text).filter((x) => x.length > 1);
  return { recipients, lines: found.lines, end: found.end, repaired: true };
}

export function extractRecipients(lines: DocLine[], from: number, ctx: RecipientContext, skip: Set<number>): RecipientsResult {
  const out: RecipientsResult = { recipients: [], lines: [], end: from, repaired: false };
  const limit = Math.min(lines.length, from + 40);
  let k = from;
  for (; k < limit; k++) if (kinhGuiAt(lines[k]!) >= (skip.has(k) ? 1 : 0)) break;
  if (k >= limit) {
    // also look a little above the body start (Kính gửi may sit between header lines)
    for (k = Math.max(0, from - 6); k < from; k++) if (kinhGuiAt(lines[k]!) >= (skip.has(k) ? 1 : 0)) break;
    if (k >= from) return ctx.letter ? unlabelled(lines, from, ctx, skip) : out;
  }
  const head = lines[k]!;
  out.lines.push(head);
  const at = kinhGuiAt(head);
  const headText = head.text.slice(at);
  const colon = headText.search(/[:：;]/);
  const inline = (colon >= 0 && colon < 12 ? headText.slice(colon + 1) : headText.replace(/^\S+\s+\S+/, '')).trim();
  const items: string[] = [];
  if (inline) items.push(...inline.split(/(?<=;)\s*/).filter((x) => x.replace(/[;\s]/g, '')));
  let j = k + 1;
  let debris = 0;
  for (; j < lines.length; j++) {
    const open = items.length > 0 && /[;:,]$/.test(items[items.length - 1]!);
    if (skip.has(j)) {
      // an entry printed right of the arrival stamp, read into the stamp's line
      const undoubled = open ? withoutRepeats(lines[j]!.text) : '';
      const merged = open ? entryAfterStamp(lines[j]!.text) ?? (addresseeTail(undoubled) ? fragmentEntry(undoubled) : null) : null;
      if (merged) {
        items.push(merged);
        out.lines.push(lines[j]!);
        out.repaired = true;
      }
      continue;
    }
    const t = lines[j]!.text.trim();
    if (open && isStampDebris(t) && debris < 2) {
      debris++;
      continue;
    }
    const ft = fold(t).replace(/^[^a-z]+/, '');
    if (/^[-+•*]\s*\S/.test(t)) {
      items.push(t);
      out.lines.push(lines[j]!);
    } else if (items.length && /[;:,]$/.test(items[items.length - 1]!) && BODY_START.test(ft) && t.length < 80 && !/\d{3,}/.test(t)) {
      // an entry whose dash OCR lost, after an entry ended by ";" (or ":" misread); "các huyện, …" lost its "UBND"
      const lost = lostStart(t);
      items.push(lost ? fragmentEntry(t) : t);
      out.repaired ||= lost;
      out.lines.push(lines[j]!);
    } else if (isSpeck(t) && items.length) {
      continue;
    } else if (items.length && !/[;.:]$/.test(items[items.length - 1]!) && /^[\p{Ll}]/u.test(t) && t.length < 80) {
      items[items.length - 1] += `\n${t}`;
      out.lines.push(lines[j]!);
    } else if (open && t.length < 80 && addresseeTail(t)) {
      items.push(fragmentEntry(t));
      out.lines.push(lines[j]!);
      out.repaired = true;
    } else if (open && debris < 2 && t.length <= 12 && !/:\s*$/.test(t) && nextEntryAt(lines, j + 1, skip) >= 0) {
      // a word or two of a stamp or the body read between entries ("Sc"): a guess that the list goes on
      debris++;
      out.repaired = true;
      continue;
    } else break;
  }
  out.end = j;
  const elsewhere = fold(lines.slice(j).map((l) => l.text).join(' ')).toLowerCase().replace(/[^a-z, ]+/g, ' ').replace(/ +/g, ' ');
  for (let i = 0; i < items.length; i++) {
    const whole = completeCollective(items[i]!, elsewhere);
    if (whole) {
      items[i] = whole;
      out.repaired = true;
    }
  }
  const read = items.map((i) => recipientOf(i, ctx)).filter((x) => x.text.length > 1);
  out.recipients = read.map((x) => x.text);
  out.repaired ||= read.some((x) => x.repaired);
  return out;
}

/**
 * The drafting unit named by the distribution list's last entry ("- Lưu: VT, KGVX (VĐ-5b).",
 * "+Lưu:VT,NC(HKT)", "- Lưu VỊ, VP MG(14b)"): the first code after the archive's "VT", or null.
 */
export function filingUnit(lines: DocLine[], from: number): { unit: string; line: DocLine } | null {
  for (let i = lines.length - 1; i >= from; i--) {
    const l = lines[i]!;
    const m = /^[-+•*.„,\s]*luu\s*[:.]?\s*(.*)$/.exec(l.fold);
    if (!m) continue;
    const rest = l.text.slice(l.fold.length - m[1]!.length);
    const tokens = rest.split(/[\s,;.:()]+/).filter(Boolean);
    if (!tokens.length) continue;
    // "VT" (văn thư), read "VI", "VỊ", "VĨ" by OCR, comes first; where a stamp or seal took it, the unit does
    const vt = /^v[tiy]$/.test(foldAccents(tokens[0]!).toLowerCase());
    const unit = vt ? tokens[1] : tokens[0];
    const code = !!unit && /^[A-ZĐ][A-Za-zĐđ]{1,9}$/u.test(unit) && /[A-ZĐ]$/u.test(unit);
    if (code && (vt || /^[A-ZĐ]{2,}/u.test(unit!))) return { unit: unit!, line: l };
    if (!vt) continue;
    return null;
  }
  return null;
}
