import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** sha256 of a file's bytes, hex, read as a stream (no whole-file buffer). */
export async function sha256File(filePath: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(filePath), hash);
  return hash.digest('hex');
}

/** The lower-case extension of a name, kept only when it is short and plain (".pdf"), else "". */
export function safeExtension(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/** Where a file with this hash and name lives in content-addressed storage. */
export function originalPath(dataDir: string, sha256: string, name: string): string {
  return path.join(dataDir, 'originals', sha256.slice(0, 2), sha256 + safeExtension(name));
}

export interface StoredOriginal {
  sha256: string;
  /** `<dataDir>/originals/<aa>/<sha256><.ext>` */
  path: string;
  size: number;
  /** True when the same bytes (and extension) were already stored: nothing was written. */
  existed: boolean;
}

/** True when a file or folder is at `p`; errors other than "not there" are thrown. */
export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Copies `srcPath` into content-addressed storage under `dataDir`, hashing while copying (one read).
 * Atomic: bytes go to a temp file in `originals/.tmp/` and are renamed into place, so a reader never
 * sees a partial original. Idempotent: storing the same bytes again writes nothing. Never modifies
 * or removes `srcPath`.
 */
export async function storeOriginal(srcPath: string, dataDir: string): Promise<StoredOriginal> {
  const tmpDir = path.join(dataDir, 'originals', '.tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    await pipeline(createReadStream(srcPath), tap, createWriteStream(tmp, { flags: 'wx' }));
    const sha256 = hash.digest('hex');
    const dest = originalPath(dataDir, sha256, path.basename(srcPath));
    if (await exists(dest)) {
      await unlink(tmp);
      return { sha256, path: dest, size, existed: true };
    }
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(tmp, dest);
    return { sha256, path: dest, size, existed: false };
  } catch (error) {
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}
