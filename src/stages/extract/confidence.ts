/** Confidence of a value read from some lines: OCR confidence, repairs, failed checks. */
import type { DocLine } from './text.js';

export function lineConfidence(lines: Array<DocLine | null | undefined>, base = 0.95): number {
  const ls = lines.filter((l): l is DocLine => !!l);
  if (ls.length === 0) return base * 0.8;
  const ocr = Math.min(...ls.map((l) => Math.max(0, Math.min(100, l.confidence)))) / 100;
  let c = base * (0.4 + 0.6 * ocr);
  if (ls.some((l) => l.repaired)) c *= 0.85;
  return Math.round(Math.max(0, Math.min(1, c)) * 1000) / 1000;
}
