/** A TIFF page coded CCITT Group 4 in one strip: its bytes can go into a PDF as they are. */
export interface G4Page {
  width: number;
  height: number;
  data: Buffer;
  /** Photometric BlackIsZero: the coded "white" runs are black. */
  inverted: boolean;
}

const TAG = { width: 256, height: 257, bits: 258, compression: 259, photometric: 262, fillOrder: 266, stripOffsets: 273, orientation: 274, samples: 277, rowsPerStrip: 278, stripByteCounts: 279, t6Options: 293 } as const;
const TYPE_BYTES: Record<number, number> = { 1: 1, 3: 2, 4: 4, 16: 8 };

/**
 * The Group 4 pages of a classic TIFF, page by page; null for a page that is not plain single-strip
 * G4 (other compression, several strips, reversed bit order, an orientation tag), which the caller
 * re-encodes instead. An unreadable structure gives an empty list.
 */
export function g4Pages(tiff: Buffer): Array<G4Page | null> {
  if (tiff.length < 8) return [];
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return [];
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return [];
  const pages: Array<G4Page | null> = [];
  const seen = new Set<number>();
  for (let ifd = u32(4); ifd !== 0 && !seen.has(ifd) && ifd + 2 <= tiff.length; ) {
    seen.add(ifd);
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > tiff.length) return pages;
    const tags = new Map<number, number[]>();
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * 12;
      const size = TYPE_BYTES[u16(entry + 2)];
      const n = u32(entry + 4);
      if (!size || n === 0 || n > 1 << 16) continue;
      const at = size * n <= 4 ? entry + 8 : u32(entry + 8);
      if (at + size * n > tiff.length) continue;
      const values: number[] = [];
      for (let k = 0; k < n; k++) values.push(size === 1 ? tiff[at + k]! : size === 2 ? u16(at + 2 * k) : u32(at + 4 * k));
      tags.set(u16(entry), values);
    }
    pages.push(g4Page(tiff, tags));
    ifd = u32(ifd + 2 + count * 12);
  }
  return pages;
}

function g4Page(tiff: Buffer, tags: Map<number, number[]>): G4Page | null {
  const one = (tag: number, fallback?: number) => tags.get(tag)?.[0] ?? fallback;
  const width = one(TAG.width);
  const height = one(TAG.height);
  const offsets = tags.get(TAG.stripOffsets);
  const counts = tags.get(TAG.stripByteCounts);
  const plain =
    one(TAG.compression) === 4 &&
    one(TAG.bits, 1) === 1 &&
    one(TAG.samples, 1) === 1 &&
    one(TAG.fillOrder, 1) === 1 &&
    one(TAG.orientation, 1) === 1 &&
    ((one(TAG.t6Options, 0) ?? 0) & 2) === 0 &&
    offsets?.length === 1 &&
    counts?.length === 1;
  if (!plain || !width || !height || (one(TAG.rowsPerStrip, height) ?? height) < height) return null;
  const start = offsets[0]!;
  const end = start + counts[0]!;
  if (end > tiff.length) return null;
  return { width, height, data: tiff.subarray(start, end), inverted: one(TAG.photometric, 0) === 1 };
}
