import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { PageText } from '../../schemas/page.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * What the pipeline derives from one original, kept under `<dataDir>/derived/<aa>/<sha256>/`: the page
 * text (so a file can be re-extracted without OCR), the searchable PDF and the page previews.
 */
export function derivedDir(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'derived', sha256.slice(0, 2), sha256);
}

export function pageTextPath(dataDir: string, sha256: string): string {
  return path.join(derivedDir(dataDir, sha256), 'pages.json.gz');
}

/** Writes `bytes` to `target` through a temp file and a rename: readers never see half a file. */
export async function writeAtomic(target: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, target);
}

export async function savePageText(dataDir: string, sha256: string, pages: PageText[]): Promise<void> {
  await writeAtomic(pageTextPath(dataDir, sha256), await gzipAsync(JSON.stringify(pages)));
}

/** The stored page text of a file, or null when there is none or it is damaged (it can be read again). */
export async function loadPageText(dataDir: string, sha256: string): Promise<PageText[] | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(pageTextPath(dataDir, sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse((await gunzipAsync(bytes)).toString('utf8'));
  } catch {
    return null;
  }
  const parsed = z.array(PageText).safeParse(json);
  return parsed.success ? parsed.data : null;
}
