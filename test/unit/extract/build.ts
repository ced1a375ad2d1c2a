/**
 * Test helper: PageText objects from plain document texts (the corpus truth `text`), with
 * arrival-stamp lines inserted at a chosen position on the first page, and multi-page
 * documents split into pages by line count.
 */
import type { PageText } from '../../../schemas/page.js';

export interface TruthDoc {
  pages: number[];
  text: string;
  arrival: null | { stampText?: string[] };
}

export interface BuildOptions {
  /** Where the stamp lines go on the first page: a line index (clamped). Default 1. */
  stampAt?: number;
  /** OCR line confidence to report (0–100). */
  confidence?: number;
  /** Transforms each page's lines (noise). */
  transform?: (lines: string[], page: number) => string[];
}

export function page(n: number, lines: string[], confidence = 96): PageText {
  return {
    page: n,
    width: 2480,
    height: 3508,
    source: 'ocr',
    rotation: 0,
    lines: lines.map((text, i) => ({
      text,
      bbox: [200, 200 + i * 60, 2200, 250 + i * 60] as [number, number, number, number],
      confidence,
      words: [],
    })),
    text: lines.join('\n'),
  };
}

/** Splits one document's text over its pages; stamp lines go on its first page. */
export function docPages(doc: TruthDoc, opts: BuildOptions = {}): PageText[] {
  const lines = doc.text.split('\n');
  const n = doc.pages.length;
  const per = Math.ceil(lines.length / n);
  const out: PageText[] = [];
  for (let k = 0; k < n; k++) {
    let chunk = lines.slice(k * per, (k + 1) * per);
    if (k === 0 && doc.arrival?.stampText?.length) {
      const at = Math.max(0, Math.min(chunk.length, opts.stampAt ?? 1));
      chunk = [...chunk.slice(0, at), ...doc.arrival.stampText, ...chunk.slice(at)];
    }
    if (opts.transform) chunk = opts.transform(chunk, doc.pages[k]!);
    out.push(page(doc.pages[k]!, chunk, opts.confidence));
  }
  return out;
}

/** All pages of a file from its documents, in page order. */
export function filePages(docs: TruthDoc[], opts: BuildOptions = {}): PageText[] {
  return docs.flatMap((d) => docPages(d, opts)).sort((a, b) => a.page - b.page);
}
