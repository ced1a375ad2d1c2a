/**
 * Text → fields: `extractDocuments(pages)` segments a file's pages into documents and reads each
 * document's fields with a confidence, evidence and the list of fields that need review.
 */
import type { Citation, DocumentRecord, Evidence, Reference } from '../../../schemas/document.js';
import type { PageText } from '../../../schemas/page.js';
import { localityOfBody, provinceOfBody, receivingOffice, type BodyContext } from '../normalize/issuers.js';
import { provinceOf } from '../normalize/places.js';
import { unitCodeOf, unitCodeVariants } from '../normalize/ref.js';
import { segmentPages } from '../segment.js';
import { extractCitations } from './citations.js';
import { lineConfidence } from './confidence.js';
import { repairSubject } from './subject-repair.js';
import { checkSymbol, extractHeader, typeMismatch, type HeaderResult } from './header.js';
import { extractRecipients, filingUnit } from './recipients.js';
import { editDistance, extractSigner } from './signer.js';
import { findDigitalSignature } from './digital-signature.js';
import type { DigitalSignature } from '../../../schemas/document.js';
import { normalizeText } from '../../text/fold.js';
import { leftPart } from './columns.js';
import { canonicalReceiver, findStamp, guessedReceiver, plausibleArrival, stampDate, type StampResult } from './stamp.js';
import { pageLines, type DocLine } from './text.js';
import { buildVocab, restoreDiacritics } from './vocab.js';
import { cleanSubject } from './subject.js';

export { segmentPages } from '../segment.js';

export interface ExtractOptions {
  /** "Today" for the date-in-the-future check; defaults to the current date. */
  now?: Date;
}

interface Draft {
  pages: number[];
  lines: DocLine[];
  skip: Set<number>;
  stamp: StampResult | null;
  header: HeaderResult;
  localProvince: string | null;
  signature: DigitalSignature | null;
  text: string;
}

function evidence(l: DocLine | null | undefined): Evidence | undefined {
  return l ? { page: l.page, bbox: l.bbox, text: l.raw } : undefined;
}

function draft(group: number[], byPage: Map<number, PageText>): Draft {
  const pages = group.map((n) => byPage.get(n)!).filter(Boolean);
  const lines: DocLine[] = [];
  const firstPageCount: number[] = [];
  for (const p of pages) {
    const ls = pageLines(p);
    firstPageCount.push(ls.length);
    lines.push(...ls);
  }
  const firstLines = lines.slice(0, firstPageCount[0] ?? 0);
  const stamp = findStamp(firstLines);
  const skip = new Set(stamp?.lines ?? []);
  const header = extractHeader(lines, skip);
  const localProvince = provinceOfBody(header.issuer) ?? provinceOfBody(header.parentBody);
  const signature = findDigitalSignature(pages);
  return { pages: group, lines, skip, stamp, header, localProvince, signature, text: pages.map((p) => p.text).join('\n') };
}

/** A letter (công văn): its subject opens with "V/v". */
function isLetter(h: HeaderResult): boolean {
  return h.subjectLines.some((l) => /^\W{0,3}v\s*\/\s*v\b/i.test(l.fold));
}

function mostCommon(xs: Array<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const x of xs) if (x) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** A document record and whether its own ref is confirmed by its Lưu line (its unit code agrees). */
interface Finished {
  doc: DocumentRecord;
  confirmedRef: string | null;
}

function finish(d: Draft, fileProvince: string | null, now: Date, others: readonly Draft[]): Finished {
  const h = d.header;
  const confidence: Record<string, number> = {};
  const ev: Record<string, Evidence> = {};
  const review = new Set<string>();
  const put = (field: string, value: unknown, lines: Array<DocLine | null | undefined>, required: boolean, base = 0.95): void => {
    const present = value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
    if (present) confidence[field] = lineConfidence(lines, base);
    else {
      confidence[field] = required ? 0 : 0.7;
      if (required) review.add(field);
    }
    const e = evidence(lines.find((l) => !!l));
    if (present && e) ev[field] = e;
  };

  const province = d.localProvince ?? fileProvince ?? (h.place ? provinceOf(h.place) : null);
  const issuerLocality = localityOfBody(h.issuer) ?? localityOfBody(h.parentBody);
  const ctx: BodyContext = { province: d.localProvince ?? (h.place && h.issuer?.startsWith('Sở') ? provinceOf(h.place) : null), locality: issuerLocality };

  // arrival: receiver completed with the document's (or the file's) province
  let arrival: DocumentRecord['arrival'] = null;
  if (d.stamp) {
    const receiver = d.stamp.receiverLine ? canonicalReceiver(leftPart(d.stamp.receiverLine), { province }) : null;
    const date = stampDate(d.stamp, h.issuedDate);
    arrival = { receiver, number: d.stamp.arrival.number, date };
    if (!arrival.receiver && !arrival.number && !arrival.date) arrival = null;
  }
  const s = d.stamp;
  const arrivalDoubt =
    !!s &&
    (s.weak ||
      (s.arrival.date !== (arrival?.date ?? null) && !!arrival?.date) ||
      // a date outside issue..issue + 90 days, kept as read or repaired
      (!!arrival?.date && !!h.issuedDate && !plausibleArrival(arrival.date, h.issuedDate)) ||
      // a field the stamp's OCR was unsure of, or an office named from a line that lost its start
      // (pages stored before Line.unsure: a stamp field's confidence of 50 or less says the same)
      [s.numberLine, s.dateLine].some((l) => !!l?.unsure || (!!l?.stamp && l.confidence <= 50)) ||
      (!!s.receiverLine && guessedReceiver(leftPart(s.receiverLine), { province })));

  const rec = extractRecipients(d.lines, h.bodyStart, { ...ctx, issuer: h.issuer, letter: isLetter(h) }, d.skip);
  const bodyFrom = Math.max(h.bodyStart, rec.lines.length ? rec.end : h.bodyStart);
  const sig = extractSigner(d.lines, bodyFrom, d.skip);
  const bodyEnd = sig.distributionAt >= 0 ? sig.distributionAt : d.lines.length;
  const recLines = new Set(rec.lines);
  const body = d.lines.filter((l, i) => i >= bodyFrom && i < bodyEnd && !d.skip.has(i) && !recLines.has(l));
  const appendix = sig.distributionAt >= 0 ? d.lines.slice(sig.end) : [];
  const cites = extractCitations([...body, ...appendix], { province: province ?? null, locality: issuerLocality }, h.ref?.ref ?? null, h.subjectLines);

  const vocab = buildVocab(d.lines);
  const fix = (s: string | null | undefined): string | null => (s ? restoreDiacritics(s, vocab) : null);
  const strip = <T extends Citation>(c: T & { line: unknown; repaired: unknown; relation?: unknown }): Citation => ({
    type: c.type, ref: c.ref, title: fix(c.title), date: c.date, issuer: c.issuer,
  });
  const subjectLines = new Set(h.subjectLines);
  const context = d.lines.filter((l) => !subjectLines.has(l)).map((l) => l.text);
  const cleaned = h.subject ? cleanSubject(h.subject, vocab, context) : null;
  const fileLines = [...context, ...others.filter((o) => o !== d).flatMap((o) => o.lines.map((l) => l.text))];
  const repaired = cleaned ? repairSubject(cleaned.text, [...cites.legalBases, ...cites.references], context, fileLines) : null;
  const subject = fix(repaired?.text ?? null);
  const legalBases: Citation[] = cites.legalBases.map(strip);
  const references: Reference[] = cites.references.map((c) => ({ ...strip(c), relation: c.relation }));

  // the symbol's drafting unit against the "Lưu: VT, <unit>" line of the distribution list
  const filed = filingUnit(d.lines.slice(0, sig.end), sig.distributionAt >= 0 ? sig.distributionAt : bodyFrom);
  const symbolCheck = h.ref ? checkSymbol(h.ref, filed?.unit ?? null, h.issuer) : null;
  const ref = symbolCheck?.ref ?? null;
  const refBase = ref?.repaired ? 0.8 : 0.95;
  put('ref', ref?.ref ?? null, [h.numberLine], true, refBase);
  put('number', ref?.number ?? null, [h.numberLine], true, refBase);
  put('symbol', ref?.symbol ?? null, [h.numberLine], true, refBase);
  // the printed reference needed more than spacing and case to parse (a lost slash, letters swapped)
  if (ref?.repaired && !symbolCheck?.repaired) {
    review.add('ref');
    review.add('symbol');
  }
  // the number's digits as printed are not all there ("79O" read for "790")
  if (ref && h.numberLine && !h.numberLine.raw.replace(/\s+/g, '').includes(ref.number)) {
    review.add('ref');
    review.add('number');
  }
  // A drafting-unit code of one letter ("UBND-F") is nearly always a longer code cut short (a seal or a
  // stamp over it): without a Lưu line naming it, it is no more than a guess.
  const cutUnit = !!ref && /-\p{Lu}$/u.test(ref.symbol) && !(filed && ref.symbol.endsWith(`-${filed.unit}`));
  if ((symbolCheck && (symbolCheck.repaired || symbolCheck.conflict)) || cutUnit) {
    for (const k of ['ref', 'symbol']) {
      confidence[k] = Math.min(confidence[k] ?? 0, 0.6);
      review.add(k);
    }
  }
  put('issuer', h.issuer, h.issuerLines, true, 0.9);
  put('parentBody', h.parentBody, h.issuerLines, false, 0.9);
  put('issuedDate', h.issuedDate, [h.dateLine], true);
  put('place', h.place, [h.dateLine], true, 0.9);
  put('type', h.type, [h.typeLine ?? h.numberLine], true, h.typeFromTitle ? 0.95 : 0.85);
  put('subject', subject, h.subjectLines, true, subject !== h.subject ? 0.75 : 0.85);
  if (cleaned?.repaired || repaired?.repaired) review.add('subject');
  // a subject ending on a word that needs a continuation ("... ngày 05/07/2022 của"): a line was lost
  if (subject && /(?:^|\s)(của|về|theo|và|số|ngày|tại|cho|với|thực hiện|triển khai)$/iu.test(subject)) {
    confidence.subject = Math.min(confidence.subject ?? 0, 0.5);
    review.add('subject');
  }
  put('urgency', h.urgency, [h.urgencyLine], false);
  put('secrecy', h.secrecy, [h.secrecyLine], false);
  put('recipients', rec.recipients, rec.lines, false, rec.repaired ? 0.6 : 0.85);
  if (rec.repaired && rec.recipients.length) review.add('recipients');
  put('signer', sig.signer, sig.lines, true, 0.85);
  put('legalBases', legalBases, cites.legalBases.map((c) => c.line), false, 0.8);
  put('references', references, cites.references.map((c) => c.line), false, 0.8);
  put('arrival', arrival, d.stamp ? [d.stamp.numberLine, d.stamp.dateLine, d.stamp.receiverLine] : [], false, 0.85);
  if (sig.signer && (sig.repaired || sig.partial || !sig.signer.name)) {
    confidence.signer = Math.round((confidence.signer ?? 0) * (sig.partial ? 0.5 : 0.75) * 1000) / 1000;
    review.add('signer');
  }
  // an arrival number equal to the document's own number is its number line read as the stamp's
  const ownNumber = !!arrival?.number && arrival.number === ref?.number;
  if (arrival && (!arrival.number || !arrival.date || !arrival.receiver || arrivalDoubt || ownNumber)) {
    confidence.arrival = Math.min(confidence.arrival ?? 0, 0.5);
    review.add('arrival');
  }

  // cross-checks
  const today = now.toISOString().slice(0, 10);
  const lower = (field: string, factor = 0.5): void => {
    confidence[field] = Math.round((confidence[field] ?? 0) * factor * 1000) / 1000;
    review.add(field);
  };
  if (h.issuedDate && h.issuedDate > today) lower('issuedDate');
  if (arrival?.date && arrival.date > today) lower('arrival');
  if (arrival?.date && h.issuedDate && arrival.date < h.issuedDate) {
    lower('arrival');
    lower('issuedDate');
  }
  if (typeMismatch(h)) lower('type');
  // the issuing bodies were rebuilt from words read across two lines
  if (h.bodiesRearranged) {
    if (h.parentBody) lower('parentBody', 0.8);
    if (h.issuer) lower('issuer', 0.8);
  }
  // a digital signature's time before the printed issue date: one of the two is misread
  const signedOn = d.signature?.signedAt?.slice(0, 10);
  if (d.signature) ev.digitalSignature = d.signature.evidence;
  if (signedOn && h.issuedDate && signedOn < h.issuedDate) lower('issuedDate', 0.7);
  if (h.dateRepaired && h.issuedDate) lower('issuedDate', 0.8);
  if (h.issuedDate && [...legalBases, ...references].some((c) => c.date && c.date > h.issuedDate!)) {
    lower(legalBases.some((c) => c.date && c.date > h.issuedDate!) ? 'legalBases' : 'references', 0.7);
  }
  for (const c of [...cites.legalBases, ...cites.references]) if (c.repaired) review.add(c.relation === 'basis' ? 'legalBases' : 'references');

  // a unit code that is a look-alike of a known one ("NG") confirms nothing: both lines may share the misreading
  const confirmedRef = ref && filed && !symbolCheck?.conflict && ref.symbol.endsWith(`-${filed.unit}`) && unitCodeVariants(filed.unit).length === 0 ? ref.ref : null;
  const doc: DocumentRecord = {
    pages: d.pages,
    type: h.type,
    ref: ref?.ref ?? null,
    number: ref?.number ?? null,
    symbol: ref?.symbol ?? null,
    issuedDate: h.issuedDate,
    place: h.place,
    issuer: h.issuer,
    parentBody: h.parentBody,
    subject,
    recipients: rec.recipients,
    signer: sig.signer,
    urgency: h.urgency,
    secrecy: h.secrecy,
    legalBases,
    references,
    arrival,
    digitalSignature: d.signature,
    confidence,
    evidence: ev,
    needsReview: [...review],
    text: d.text,
  };
  return { doc, confirmedRef };
}

/** Segments the pages of one file into documents and extracts each document's fields. */
export function extractDocuments(pages: PageText[], options: ExtractOptions = {}): DocumentRecord[] {
  const now = options.now ?? new Date();
  const byPage = new Map(pages.map((p) => [p.page, p]));
  const drafts = segmentPages(pages).map((g) => draft(g, byPage));
  const fileProvince = mostCommon(drafts.map((d) => d.localProvince));
  return receiversOfAttachedCopies(harmonizeRefs(drafts.map((d) => finish(d, fileProvince, now, drafts))));
}

/**
 * An attached copy carries the arrival stamp of the office that received it and now forwards it: the
 * issuer of an earlier document in the file that implements it (through its office, for a people's
 * committee). Where the copy's stamp was found but its office line not read, the receiver is taken
 * from there, flagged for review.
 */
function receiversOfAttachedCopies(docs: DocumentRecord[]): DocumentRecord[] {
  docs.forEach((d, i) => {
    if (!d.arrival || d.arrival.receiver || !d.ref) return;
    const forwarder = docs.slice(0, i).reverse().find((p) => p.references.some((r) => r.relation === 'implements' && r.ref === d.ref));
    if (!forwarder?.issuer) return;
    d.arrival = { ...d.arrival, receiver: receivingOffice(forwarder.issuer) };
    d.confidence.arrival = Math.min(d.confidence.arrival ?? 0, 0.5);
    if (!d.needsReview?.includes('arrival')) d.needsReview = [...(d.needsReview ?? []), 'arrival'];
  });
  return docs;
}

/** Same number, same first symbol part, symbols at most two letters apart: one reference read twice. */
function variants(a: string, b: string): boolean {
  const [na, sa] = [a.slice(0, a.indexOf('/')), a.slice(a.indexOf('/') + 1)];
  const [nb, sb] = [b.slice(0, b.indexOf('/')), b.slice(b.indexOf('/') + 1)];
  if (na !== nb || !sa || !sb || sa === sb) return false;
  if (sa.split('-')[0] !== sb.split('-')[0]) return false;
  return editDistance(sa, sb, 2) <= 2;
}

/** The subject with each whole mention of the reference `read` spelled `agreed` instead. */
function citedAs(subject: string, read: string, agreed: string): string {
  const mention = new RegExp(`(?<![\\p{L}\\d/])${read.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d/-])`, 'gu');
  return subject.replace(mention, agreed);
}

/**
 * A file often prints the same reference several times (a letter citing the document attached
 * behind it, the attached document's own number line). Where OCR read one occurrence differently
 * ("45/BGDĐT-GDTIH" beside "45/BGDĐT-GDTrH" ×3), the spelling most occurrences agree on wins,
 * unless a document's own number line, confirmed by its Lưu line, spells it: that spelling wins.
 * Changed values (and a subject citing them) are flagged. Ties are left as read.
 */
function harmonizeRefs(finished: Finished[]): DocumentRecord[] {
  const docs = finished.map((f) => f.doc);
  // confirmed refs with their documents' issue dates
  const confirmed = new Map(finished.filter((f) => f.confirmedRef).map((f) => [f.confirmedRef!, f.doc.issuedDate]));
  const counts = new Map<string, number>();
  const add = (r: string | null): void => {
    if (r && r.includes('/')) counts.set(r, (counts.get(r) ?? 0) + 1);
  };
  for (const d of docs) {
    add(d.ref);
    for (const c of [...d.legalBases, ...d.references]) add(c.ref);
  }
  // votes: how often each spelling is printed in the file's text (at least once when read)
  const text = normalizeText(docs.map((d) => d.text).join('\n')).replace(/\s*\/\s*/g, '/');
  for (const k of counts.keys()) counts.set(k, Math.max(1, text.split(k).length - 1));
  const best = (r: string, date: string | null = null): string | null => {
    if (confirmed.has(r)) return null;
    // a document's own number line that its Lưu line confirms outweighs any count of other readings
    // of it: a unit code that could be misread from the confirmed one, the same date if any
    const sure = [...confirmed].filter(([k, issued]) => variants(r, k) && unitCodeVariants(unitCodeOf(r)).includes(unitCodeOf(k)) && (!date || !issued || date === issued));
    if (sure.length) return sure.length === 1 ? sure[0]![0] : null;
    const own = counts.get(r) ?? 0;
    const alts = [...counts].filter(([k]) => variants(r, k)).sort((a, b) => b[1] - a[1]);
    const top = alts[0];
    if (!top || top[1] < 2 || top[1] <= own || (alts[1] && alts[1][1] === top[1])) return null;
    return top[0];
  };
  for (const d of docs) {
    const review = new Set(d.needsReview);
    if (d.ref) {
      const b = best(d.ref);
      if (b) {
        d.ref = b;
        d.symbol = b.slice(b.indexOf('/') + 1);
        for (const k of ['ref', 'symbol']) {
          d.confidence[k] = Math.min(d.confidence[k] ?? 0, 0.6);
          review.add(k);
        }
      }
    }
    for (const [field, list] of [['legalBases', d.legalBases], ['references', d.references]] as const) {
      for (const c of list) {
        const b = c.ref ? best(c.ref, c.date) : null;
        if (b) {
          const subject = d.subject ? citedAs(d.subject, c.ref!, b) : null;
          if (subject && subject !== d.subject) {
            d.subject = subject;
            review.add('subject');
            d.confidence.subject = Math.min(d.confidence.subject ?? 0, 0.6);
          }
          c.ref = b;
          review.add(field);
          d.confidence[field] = Math.min(d.confidence[field] ?? 0, 0.6);
        }
      }
    }
    d.needsReview = [...review];
  }
  return docs;
}
