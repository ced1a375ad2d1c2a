import { open, stat } from 'node:fs/promises';
import { VanthuError } from '../../errors.js';
import type { Limits } from '../../../schemas/config.js';

export type InputFormat = 'pdf' | 'tiff' | 'jpeg' | 'png';

/** Format from the first bytes of a file (magic numbers), or null when none matches. */
export function sniffFormat(head: Uint8Array): InputFormat | null {
  const b = head;
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) {
    return 'png';
  }
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))) {
    return 'tiff';
  }
  // BigTIFF (43) is rare in scanners but libvips reads it.
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2b && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2b))) {
    return 'tiff';
  }
  // PDF: "%PDF-" must start within the first 1024 bytes (some scanners prepend junk).
  const limit = Math.min(b.length - 5, 1024);
  for (let i = 0; i <= limit; i++) {
    if (b[i] === 0x25 && b[i + 1] === 0x50 && b[i + 2] === 0x44 && b[i + 3] === 0x46 && b[i + 4] === 0x2d) return 'pdf';
  }
  return null;
}

/** Detects the format of the file at `path` and checks its size against the limits. */
export async function detectFormat(path: string, limits: Pick<Limits, 'maxFileBytes'>): Promise<{ format: InputFormat; bytes: number }> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new VanthuError('unreadable-file', `Cannot read ${path}: ${(error as Error).message}`, { stage: 'input', cause: error });
  }
  if (size === 0) throw new VanthuError('empty-file', `${path} is empty (0 bytes).`, { stage: 'input' });
  if (size > limits.maxFileBytes) {
    throw new VanthuError('too-large', `${path} has ${size} bytes, more than the limit of ${limits.maxFileBytes}.`, { stage: 'input' });
  }
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(Math.min(size, 1032));
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const format = sniffFormat(head);
  if (!format) {
    const printable = head.subarray(0, 64).every((c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 128);
    throw new VanthuError(
      'unsupported-format',
      `${path} is not a PDF, TIFF, JPEG or PNG file (its first bytes ${printable ? 'look like text' : 'match no known format'}, whatever its name says).`,
      { stage: 'input' },
    );
  }
  return { format, bytes: size };
}
