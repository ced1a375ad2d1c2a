import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFName, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';

const require = createRequire(import.meta.url);
const liberationSans = path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf');

/** Advance of every glyph of the invisible font, in 1/1000 em; text is stretched to its box with Tz. */
export const GLYPH_ADVANCE = 500;
/** Ascent and descent in 1/1000 em: a line's box spans exactly one em. */
export const ASCENT = 800;
export const DESCENT = -200;

let glyphlessTtf: Promise<Uint8Array> | null = null;

/**
 * A TrueType font with one glyph and no outline (the space of Liberation Sans, shipped inside
 * pdfjs-dist). Glyph shapes do not matter for text that is never painted; what matters is that every
 * character is encodable, which no font we can ship offline guarantees for Vietnamese.
 */
function glyphlessFontFile(): Promise<Uint8Array> {
  glyphlessTtf ??= (async () => {
    const font = fontkit.create(await readFile(liberationSans));
    const subset = font.createSubset();
    subset.includeGlyph(font.glyphForCodePoint(0x20));
    return new Promise<Uint8Array>((resolve, reject) => {
      const parts: Uint8Array[] = [];
      const stream = subset.encodeStream() as unknown as NodeJS.EventEmitter;
      stream.on('data', (bytes: Uint8Array) => parts.push(bytes));
      stream.on('end', () => resolve(Buffer.concat(parts)));
      stream.on('error', reject);
    });
  })();
  return glyphlessTtf;
}

/** ToUnicode for Identity-H codes that are the characters' own UTF-16 code units (BMP, no surrogates). */
function identityToUnicode(): string {
  const ranges: string[] = [];
  for (let high = 0; high < 0x100; high++) {
    if (high >= 0xd8 && high <= 0xdf) continue;
    const h = high.toString(16).padStart(2, '0').toUpperCase();
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const block = ranges.slice(i, i + 100);
    blocks.push(`${block.length} beginbfrange\n${block.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/**
 * Adds the invisible-text font (Type0, Identity-H, every code drawn with the one empty glyph, ToUnicode
 * = the code itself) to `doc`; the same technique as OCRmyPDF's and Tesseract's "GlyphLessFont".
 */
export async function addInvisibleFont(doc: PDFDocument): Promise<PDFRef> {
  const context = doc.context;
  const ttf = await glyphlessFontFile();
  const fontFile = context.register(context.flateStream(ttf, { Length1: ttf.length }));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: 'GlyphLessFont',
      Flags: 5,
      FontBBox: [0, DESCENT, GLYPH_ADVANCE, ASCENT],
      ItalicAngle: 0,
      Ascent: ASCENT,
      Descent: DESCENT,
      CapHeight: ASCENT,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const cidToGid = new Uint8Array(0x10000 * 2);
  for (let i = 1; i < cidToGid.length; i += 2) cidToGid[i] = 1;
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'GlyphLessFont',
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: GLYPH_ADVANCE,
      CIDToGIDMap: context.register(context.flateStream(cidToGid)),
    }),
  );
  const toUnicode = context.register(context.flateStream(identityToUnicode()));
  return context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'GlyphLessFont',
      Encoding: PDFName.of('Identity-H'),
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
}

/** Text as the font's 2-byte codes, hex: NFC; characters outside the BMP become U+FFFD. */
export function encodeHex(text: string): string {
  let hex = '';
  for (const char of text.normalize('NFC')) {
    const code = char.codePointAt(0)!;
    const unit = code > 0xffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code;
    hex += unit.toString(16).padStart(4, '0');
  }
  return hex;
}
