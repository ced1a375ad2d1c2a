import { constants } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IngestJob } from '../../schemas/jobs.js';
import type { FileResult } from '../../schemas/document.js';
import { asVanthuError, ERROR_CODES, VanthuError, type ErrorCode } from '../errors.js';
import { exists, sha256File } from './fingerprint.js';

/** Contents of `<dataDir>/failed/<name>.error.json`. */
export interface FailureRecord {
  name: string;
  code: ErrorCode;
  message: string;
  hint: string;
  retryable: boolean;
  stage: string | null;
  /** ISO 8601 */
  time: string;
  sha256: string;
}

export interface RecordFailureOptions {
  dataDir: string;
  /** true: move the file (watcher inbox); false: copy it (`vanthu ingest` never touches the user's files). */
  move: boolean;
  stage?: string | null;
  /** Name to file it under in failed/ (default: the file's own name). */
  name?: string;
  /** sha256 of the file's bytes when already known (default: computed). */
  sha256?: string;
  now?: () => Date;
}

export interface RecordedFailure {
  /** Where the file now is in failed/. */
  path: string;
  /** `<path>.error.json` */
  errorPath: string;
  record: FailureRecord;
}

export function failedDir(dataDir: string): string {
  return path.join(dataDir, 'failed');
}

const ERROR_SUFFIX = '.error.json';

/** A plain file name: no directories, no control characters, not hidden. */
function cleanName(name: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name).replace(/[\u0000-\u001f\u007f]/g, '').replace(/^\.+/, '').trim();
  return base || fallback;
}

/** name, "stem (1).ext", "stem (2).ext", ... */
function candidateName(name: string, i: number): string {
  if (i === 0) return name;
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)} (${i})${ext}`;
}

/**
 * Puts `src` at `dest` without ever overwriting: fails with EEXIST when dest exists.
 * move=true removes src afterwards (hard link + unlink, or copy + unlink across file systems).
 */
async function placeExclusive(src: string, dest: string, move: boolean): Promise<void> {
  if (move) {
    try {
      await link(src, dest);
      await unlink(src);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw error;
    }
  }
  await copyFile(src, dest, constants.COPYFILE_EXCL);
  if (move) await unlink(src);
}

/** Places src into dir under name or the first free "name (n)" variant (also free of a .error.json). */
async function placeUnique(src: string, dir: string, name: string, move: boolean): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < 10_000; i++) {
    const candidate = candidateName(name, i);
    const dest = path.join(dir, candidate);
    if (await exists(dest + ERROR_SUFFIX)) continue;
    try {
      await placeExclusive(src, dest, move);
      return dest;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
  }
  throw new Error(`No free name for ${name} in ${dir}`);
}

async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(value, null, 2) + '\n');
  await rename(tmp, file);
}

/**
 * Files a failed file into `<dataDir>/failed/<name>` (a free "name (n).ext" on a clash) with
 * `<name>.error.json` beside it. Move for the watcher's inbox, copy for `vanthu ingest`.
 */
export async function recordFailure(filePath: string, error: unknown, opts: RecordFailureOptions): Promise<RecordedFailure> {
  const err: VanthuError = asVanthuError(error, 'unreadable-file', opts.stage ?? undefined);
  const sha256 = opts.sha256 ?? (await sha256File(filePath));
  const name = cleanName(opts.name ?? filePath, sha256);
  const dest = await placeUnique(filePath, failedDir(opts.dataDir), name, opts.move);
  const record: FailureRecord = {
    name: path.basename(dest),
    code: err.code,
    message: err.message,
    hint: err.hint,
    retryable: err.retryable,
    stage: opts.stage ?? err.stage,
    time: (opts.now ?? (() => new Date()))().toISOString(),
    sha256,
  };
  const errorPath = dest + ERROR_SUFFIX;
  await writeJsonAtomic(errorPath, record);
  return { path: dest, errorPath, record };
}

/** True when the file exists and still holds the bytes with this hash. */
async function holds(filePath: string, sha256: string): Promise<boolean> {
  try {
    return (await sha256File(filePath)) === sha256;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * The failure of a whole job: moves the dropped file out of the inbox when it is still there with
 * the same bytes; otherwise (no sourcePath, file gone or replaced) copies the stored original.
 */
export async function recordJobFailure(
  job: IngestJob,
  error: unknown,
  opts: { dataDir: string; stage?: string | null; now?: () => Date },
): Promise<RecordedFailure> {
  const fromInbox = job.sourcePath !== null && (await holds(job.sourcePath, job.fileId));
  return recordFailure(fromInbox ? (job.sourcePath as string) : job.path, error, {
    dataDir: opts.dataDir,
    move: fromInbox,
    stage: opts.stage,
    name: job.name,
    sha256: job.fileId,
    now: opts.now,
  });
}

/**
 * The watcher's success: the original is stored and the result saved, so the dropped file leaves the
 * inbox (Paperless-style consume folder). With `sha256`, a file replaced by other bytes since intake
 * is left alone. Returns true when a file was removed.
 */
export async function recordSuccess(sourcePath: string, opts: { sha256?: string } = {}): Promise<boolean> {
  if (opts.sha256 !== undefined && !(await holds(sourcePath, opts.sha256))) return false;
  try {
    await unlink(sourcePath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** recordSuccess for a finished job: removes its inbox file, if it had one and it is unchanged. */
export async function recordJobSuccess(job: IngestJob): Promise<boolean> {
  return job.sourcePath === null ? false : recordSuccess(job.sourcePath, { sha256: job.fileId });
}

/**
 * Puts `<dataDir>/failed/<name>` back into the inbox (a free name on a clash) and removes its
 * error record, so the watcher takes it again. Returns the new path in the inbox.
 */
export async function requeueFailed(name: string, opts: { dataDir: string; inboxDir: string }): Promise<string> {
  if (name !== path.basename(name) || name.startsWith('.') || name.endsWith(ERROR_SUFFIX)) {
    throw new VanthuError('invalid-input', `Not a failed file name: ${name}`);
  }
  const src = path.join(failedDir(opts.dataDir), name);
  if (!(await exists(src))) throw new VanthuError('not-found', `No failed file named ${name}`);
  const dest = await placeUnique(src, opts.inboxDir, name, true);
  await unlink(src + ERROR_SUFFIX).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  return dest;
}

/** The failure records in `<dataDir>/failed/`, oldest first. */
export async function listFailed(dataDir: string): Promise<FailureRecord[]> {
  let names: string[];
  try {
    names = await readdir(failedDir(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: FailureRecord[] = [];
  for (const n of names.filter((x) => x.endsWith(ERROR_SUFFIX))) {
    try {
      records.push(JSON.parse(await readFile(path.join(failedDir(dataDir), n), 'utf8')) as FailureRecord);
    } catch {
      // a record being written or damaged: skip it
    }
  }
  return records.sort((a, b) => a.time.localeCompare(b.time));
}

/** A FileResult that reports failure instead of throwing, as the VanthuError it stands for; else null. */
export function failureOfResult(result: FileResult): VanthuError | null {
  if (result.status !== 'failed') return null;
  const code = result.error?.code ?? 'ocr-failed';
  const known: ErrorCode = code in ERROR_CODES ? (code as ErrorCode) : 'ocr-failed';
  return new VanthuError(known, result.error?.message ?? 'processing failed');
}
