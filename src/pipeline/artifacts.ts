import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { z } from 'zod';
import { PageText } from '../../schemas/page.js';
import type { Config } from '../config.js';
import { VanthuError } from '../errors.js';
import { exists } from '../intake/fingerprint.js';
import { detectFormat } from '../stages/input/detect.js';
import { openImage } from '../stages/input/image.js';
import { previewFromRaster, renderPdfPage } from '../stages/output/preview.js';

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

/** The searchable PDF of an original, beside it: `<dataDir>/originals/<aa>/<sha256>.searchable.pdf`. */
export function searchablePdfPath(dataDir: string, sha256: string): string {
  return path.join(dataDir, 'originals', sha256.slice(0, 2), `${sha256}.searchable.pdf`);
}

/** The preview image of page `page` (1-based) of an original. */
export function pagePreviewPath(dataDir: string, sha256: string, page: number): string {
  return path.join(derivedDir(dataDir, sha256), `page-${page}.webp`);
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

/** Stores the preview of a page from the raster it was read from (`rotation`: its clockwise turn). */
export async function savePagePreview(dataDir: string, sha256: string, page: number, png: Buffer, rotation: number): Promise<string> {
  const target = pagePreviewPath(dataDir, sha256, page);
  await writeAtomic(target, await previewFromRaster(png, rotation));
  return target;
}

/** The stored original of `sha256` (`<sha256><.ext>` under originals/), or null. */
async function findOriginal(dataDir: string, sha256: string): Promise<string | null> {
  const folder = path.join(dataDir, 'originals', sha256.slice(0, 2));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return null;
  }
  const name = names.find((n) => n.startsWith(sha256) && /^(\.[a-z0-9]{1,8})?$/.test(n.slice(sha256.length)));
  return name ? path.join(folder, name) : null;
}

/**
 * The preview image of a page of an ingested file, for the UI: the cached one, else rendered from the
 * original once (text-layer PDF pages are not rendered during ingest) and cached.
 * Throws VanthuError('not-found') for an unknown file or a page it does not have.
 */
export async function pagePreview(config: Pick<Config, 'dataDir' | 'limits'>, sha256: string, page: number): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new VanthuError('not-found', `No file ${sha256}.`);
  if (!Number.isInteger(page) || page < 1) throw new VanthuError('not-found', `No page ${page} in ${sha256}.`);
  const target = pagePreviewPath(config.dataDir, sha256, page);
  if (await exists(target)) return target;
  const original = await findOriginal(config.dataDir, sha256);
  if (!original) throw new VanthuError('not-found', `No stored original for ${sha256}.`);
  const { format } = await detectFormat(original, config.limits);
  const stored = (await loadPageText(config.dataDir, sha256))?.[page - 1];
  const rotation = stored?.source === 'ocr' ? stored.rotation : 0;
  let raster: Buffer;
  if (format === 'pdf') {
    raster = await renderPdfPage(original, page);
  } else {
    const image = await openImage(original, config.limits);
    if (page > image.pageCount) throw new VanthuError('not-found', `${sha256} has no page ${page} (it has ${image.pageCount}).`);
    raster = (await image.page(page)).png;
  }
  return savePagePreview(config.dataDir, sha256, page, raster, rotation);
}
