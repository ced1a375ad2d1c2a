import sharp from 'sharp';
import { PDFHexString, type PDFDocument, type PDFRef } from 'pdf-lib';

interface PngParts {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
  palette: Buffer | null;
  transparency: boolean;
  data: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function parsePng(png: Buffer): PngParts {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const idat: Buffer[] = [];
  let palette: Buffer | null = null;
  let transparency = false;
  let header: Buffer | null = null;
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header || idat.length === 0) throw new Error('PNG without IHDR or IDAT');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    bitDepth: header[8]!,
    colorType: header[9]!,
    interlaced: header[12] !== 0,
    palette,
    transparency,
    data: Buffer.concat(idat),
  };
}

/** Whether the PNG's compressed rows can go into a PDF as they are (PDF has PNG predictors). */
function embeddable(parts: PngParts): boolean {
  const plainColour = parts.colorType === 0 || parts.colorType === 2 || (parts.colorType === 3 && parts.palette !== null);
  return plainColour && !parts.interlaced && !parts.transparency && parts.bitDepth <= 8;
}

/**
 * Embeds a PNG as an image XObject without decoding it: its zlib data becomes a FlateDecode stream
 * with PNG predictors, so a 1-bit or greyscale page stays 1-bit or greyscale. PNGs PDF cannot take as
 * they are (alpha, interlace, 16-bit) are flattened on white and re-encoded first.
 */
export async function embedPng(doc: PDFDocument, png: Buffer): Promise<{ ref: PDFRef; width: number; height: number }> {
  let parts = parsePng(png);
  if (!embeddable(parts)) {
    const grey = parts.colorType === 0 || parts.colorType === 4;
    const flat = await sharp(png)
      .flatten({ background: '#ffffff' })
      .toColourspace(grey ? 'b-w' : 'srgb')
      .png({ compressionLevel: 9 })
      .toBuffer();
    parts = parsePng(flat);
    if (!embeddable(parts)) throw new Error(`PNG colour type ${parts.colorType}/${parts.bitDepth} bits cannot be embedded`);
  }
  const colors = parts.colorType === 2 ? 3 : 1;
  const colorSpace =
    parts.colorType === 3
      ? ['Indexed', 'DeviceRGB', parts.palette!.length / 3 - 1, PDFHexString.of(parts.palette!.toString('hex'))]
      : parts.colorType === 2
        ? 'DeviceRGB'
        : 'DeviceGray';
  const context = doc.context;
  const stream = context.stream(parts.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: parts.width,
    Height: parts.height,
    BitsPerComponent: parts.bitDepth,
    ColorSpace: colorSpace as never,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: parts.bitDepth, Columns: parts.width },
  });
  return { ref: context.register(stream), width: parts.width, height: parts.height };
}
