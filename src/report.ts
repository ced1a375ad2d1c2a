import type { Citation, DocumentRecord, FileResult } from '../schemas/document.js';

function formatDate(iso: string | null | undefined): string {
  if (!iso) return '?';
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

function describeCitation(citation: Citation): string {
  const name = citation.ref ? `${citation.type ?? 'Văn bản'} ${citation.ref}` : (citation.title ?? citation.type ?? '?');
  const details = [citation.date ? formatDate(citation.date) : null, citation.issuer].filter(Boolean).join(', ');
  return details ? `${name} (${details})` : name;
}

function describeDocument(doc: DocumentRecord, index: number): string[] {
  const lines: string[] = [];
  const title = `${doc.type ?? 'Văn bản'} ${doc.ref ?? '(no number)'}`;
  lines.push(`  [${index + 1}] ${title}   pages ${doc.pages.join(',')}`);
  const field = (label: string, value: string | null | undefined): void => {
    if (value) lines.push(`      ${label.padEnd(12)} ${value}`);
  };
  field('issued', [doc.place, formatDate(doc.issuedDate)].filter(Boolean).join(', '));
  field('issuer', doc.parentBody ? `${doc.issuer} (${doc.parentBody})` : doc.issuer);
  field('subject', doc.subject);
  field('to', doc.recipients.join('; '));
  if (doc.signer) field('signed', [doc.signer.authority.join(' / '), doc.signer.title, doc.signer.name].filter(Boolean).join(' — '));
  field('urgency', doc.urgency);
  field('secrecy', doc.secrecy);
  if (doc.digitalSignature) {
    const sig = doc.digitalSignature;
    field('e-signed', [sig.signer, sig.organization, sig.signedAt].filter(Boolean).join(', '));
  }
  if (doc.arrival) {
    field('arrival', `received by ${doc.arrival.receiver ?? '?'} as no. ${doc.arrival.number ?? '?'} on ${formatDate(doc.arrival.date)}`);
  }
  if (doc.legalBases.length > 0) {
    lines.push(`      legal bases (${doc.legalBases.length}):`);
    for (const basis of doc.legalBases) lines.push(`        · ${describeCitation(basis)}`);
  }
  for (const reference of doc.references) lines.push(`      —${reference.relation}→ ${describeCitation(reference)}`);
  if (doc.needsReview && doc.needsReview.length > 0) field('review', doc.needsReview.join(', '));
  return lines;
}

/** One file's outcome for people reading a terminal. */
export function describeResult(result: FileResult): string {
  const head = `${result.file}  ${result.status}${result.pages ? `, ${result.pages} page(s)` : ''}, ${result.documents.length} document(s)`;
  const lines = [head];
  if (result.error) lines.push(`  error ${result.error.code}: ${result.error.message}`);
  result.documents.forEach((doc, index) => lines.push(...describeDocument(doc, index)));
  return lines.join('\n');
}
