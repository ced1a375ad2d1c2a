import { z } from 'zod';

/** [x0, y0, x1, y1] in page pixels (PDF text layer: points scaled to the same 300-dpi grid). */
export const BBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type BBox = z.infer<typeof BBox>;

export const Word = z.object({ text: z.string(), bbox: BBox, confidence: z.number() });
export type Word = z.infer<typeof Word>;

export const Line = z.object({
  text: z.string(),
  bbox: BBox,
  /** Mean word confidence, 0–100 as tesseract reports it (text layer: 100). */
  confidence: z.number(),
  words: z.array(Word),
  /** Where the line comes from when it is not the document's own print: 'stamp' = the arrival stamp. */
  kind: z.enum(['stamp']).optional(),
  /**
   * A stamp field (arrival number or date) whose readings disagreed, or whose value the first
   * reading did not hold (overruled, or found by the digit-only readings alone): to be reviewed.
   */
  unsure: z.literal(true).optional(),
});
export type Line = z.infer<typeof Line>;

/**
 * A block of consecutive lines in reading order: a header or footer column, a title, a paragraph, a
 * stamp. `lines` is the [start, end) range of its lines in PageText.lines.
 */
export const Block = z.object({
  bbox: BBox,
  lines: z.tuple([z.number().int().nonnegative(), z.number().int().positive()]),
  kind: z.enum(['stamp']).optional(),
});
export type Block = z.infer<typeof Block>;

/** One page as the stages after OCR see it: lines in reading order, columns kept apart. */
export const PageText = z.object({
  /** 1-based page number within the file. */
  page: z.number().int().positive(),
  width: z.number(),
  height: z.number(),
  source: z.enum(['text-layer', 'ocr']),
  /** Clockwise rotation that was undone before reading, in degrees. */
  rotation: z.number().default(0),
  /** Clockwise skew of the text lines (degrees, within a few) that was straightened before reading; absent = 0. */
  skew: z.number().optional(),
  lines: z.array(Line),
  /** `lines` grouped into blocks, in the same reading order (absent on pages stored by older versions). */
  blocks: z.array(Block).optional(),
  /** The page text, one line per row, in reading order (left header column before right). */
  text: z.string(),
  /**
   * A scanned PDF page's own text layer when it was too thin to trust and the page was OCR'd (the
   * box of a digital signature): kept as evidence, never mixed into `lines`.
   */
  embeddedText: z.array(Line).optional(),
});
export type PageText = z.infer<typeof PageText>;
