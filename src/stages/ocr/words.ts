import type { BBox, Line } from '../../../schemas/page.js';

/** One recognised word set, before layout. */
export interface OcrWords {
  lines: Line[];
  /** Mean word confidence weighted by characters (0–100); 0 when nothing was read. */
  confidence: number;
  chars: number;
}

/** Lines read from a crop, moved back to page coordinates (the crop was scaled by `scale`). */
export function placeLines(words: OcrWords, dx: number, dy: number, scale: number): Line[] {
  const move = (b: BBox): BBox => [b[0] / scale + dx, b[1] / scale + dy, b[2] / scale + dx, b[3] / scale + dy];
  return words.lines.map((l) => ({ ...l, bbox: move(l.bbox), words: l.words.map((w) => ({ ...w, bbox: move(w.bbox) })) }));
}

/** Character-weighted mean confidence times log(characters), as `score`, over lines. */
export function quality(lines: Line[]): number {
  let sum = 0;
  let chars = 0;
  for (const l of lines) {
    for (const w of l.words) {
      const n = w.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
      sum += w.confidence * n;
      chars += n;
    }
  }
  return chars ? (sum / chars) * Math.log10(10 + chars) : 0;
}

