/**
 * The visible box of a digital signature, as signing software prints it on a PDF page:
 *   "Người ký: Sở Nội vụ / Email: ... / Cơ quan: Tỉnh Bình Định / Thời gian ký: 17.04.2020 08:30:15 +07:00"
 *   "Digitally signed by Nguyen Van A / Date: 2018.11.15 10:20:00 +07'00'"
 * Labels are matched on folded text, values are kept as printed (NFC).
 */
import type { DigitalSignature } from '../../../schemas/document.js';
import type { BBox, PageText } from '../../../schemas/page.js';
import { foldAccents, normalizeText, squash } from '../../text/fold.js';

type Field = 'signer' | 'organization' | 'email' | 'signedAt';

/** Folded label → field. Longer labels first, so "ky boi" wins over a bare "ky". */
const LABELS: Array<[RegExp, Field]> = [
  [/^\W*(?:(?:digitally )?signed by\s*:?|(?:signer|nguoi ky|ky boi|duoc ky boi)\s*:)\s*/, 'signer'],
  [/^\W*(?:co quan|to chuc|don vi|organi[sz]ation)\s*:\s*/, 'organization'],
  [/^\W*e-?mail\s*:\s*/, 'email'],
  [/^\W*(?:thoi gian ky|ngay ky|ky ngay|signing time|date|time)\s*:\s*/, 'signedAt'],
];

/** "17.04.2020 08:30:15 +07:00", "2018.11.15 10:20:00 +07'00'", "17/04/2020 08:30" → ISO 8601. */
export function parseSigningTime(text: string): string | null {
  const t = text.replace(/'/g, ':').replace(/:$/, '');
  const dmy = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})/.exec(t);
  const ymd = /(\d{4})[./-](\d{1,2})[./-](\d{1,2})/.exec(t);
  const [y, m, d] = ymd ? [ymd[1]!, ymd[2]!, ymd[3]!] : dmy ? [dmy[3]!, dmy[2]!, dmy[1]!] : [];
  if (!y || !m || !d || Number(m) < 1 || Number(m) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const clock = /(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(t.slice((ymd ?? dmy)!.index + (ymd ?? dmy)![0].length));
  if (!clock) return date;
  const time = `${clock[1]!.padStart(2, '0')}:${clock[2]}:${clock[3] ?? '00'}`;
  const zone = /([+-])(\d{2}):?(\d{2})\s*:?$/.exec(t.trim()) ?? /\b(Z)\b/.exec(t);
  const offset = !zone ? '' : zone[1] === 'Z' ? 'Z' : `${zone[1]}${zone[2]}:${zone[3]}`;
  return `${date}T${time}${offset}`;
}

function fieldOf(line: string): { field: Field; value: string } | null {
  const folded = foldAccents(line);
  for (const [label, field] of LABELS) {
    const m = label.exec(folded);
    // Folding keeps lengths for NFC Vietnamese text, so the label's length cuts the original too.
    if (m) return { field, value: squash(line.slice(m[0].length)) };
  }
  return null;
}

/** A line of one page: from the PDF's embedded text layer, or as OCR read it (box unknown: null). */
export interface BoxLine {
  text: string;
  bbox: BBox | null;
}

/**
 * Reads a signature box from the lines of one page; null when they hold none. A box needs two of its
 * fields, one of them the signer or the time: a lone "Cơ quan: ..." is ordinary running text.
 */
export function readSignatureBox(lines: BoxLine[], page: number): DigitalSignature | null {
  const found: Partial<Record<Field, string>> = {};
  const used: BoxLine[] = [];
  for (const line of lines) {
    const text = normalizeText(line.text);
    const hit = fieldOf(text);
    if (!hit || !hit.value || found[hit.field]) continue;
    found[hit.field] = hit.value;
    used.push(line);
  }
  if ((!found.signer && !found.signedAt) || used.length < 2) return null;
  const boxes = used.flatMap((l) => (l.bbox ? [l.bbox] : []));
  const box: BBox | null = boxes.length
    ? [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]
    : null;
  return {
    signer: found.signer ?? null,
    organization: found.organization ?? null,
    email: found.email ?? null,
    signedAt: found.signedAt ? parseSigningTime(found.signedAt) : null,
    evidence: { page, bbox: box, text: used.map((l) => normalizeText(l.text)).join('\n') },
  };
}

/**
 * The first signature box on the given pages: from a page's embedded text layer (a signed PDF), else
 * as OCR read it from the page image (a printed copy of a signed document).
 */
export function findDigitalSignature(pages: PageText[]): DigitalSignature | null {
  for (const page of pages) {
    const box = readSignatureBox(page.embeddedText ?? [], page.page) ?? readSignatureBox(page.lines, page.page);
    if (box) return box;
  }
  return null;
}
