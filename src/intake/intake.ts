import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../schemas/config.js';
import { IngestJob } from '../../schemas/jobs.js';
import { VanthuError } from '../errors.js';
import { storeOriginal } from './fingerprint.js';

export interface IntakeOptions {
  /**
   * True for the watcher: the dropped file belongs to the inbox, and the job's `sourcePath` tells
   * whoever finishes the job to remove it (done) or move it to failed/. False (the default, for
   * `vanthu ingest`): the user's file is never touched; `sourcePath` is null.
   */
  consume?: boolean;
}

/**
 * Hashes the file, stores the original content-addressed under config.dataDir and builds the job.
 * Never parses the file. Throws VanthuError('unreadable-file' | 'empty-file' | 'too-large').
 */
export async function intakeFile(filePath: string, config: Config, opts: IntakeOptions = {}): Promise<IngestJob> {
  const abs = path.resolve(filePath);
  const name = path.basename(abs);
  let stored;
  try {
    const before = await stat(abs);
    if (!before.isFile()) throw new VanthuError('unreadable-file', `${name} is not a regular file.`, { stage: 'intake' });
    if (before.size > config.limits.maxFileBytes) {
      throw new VanthuError('too-large', `${name} has ${before.size} bytes; the limit is ${config.limits.maxFileBytes}.`, { stage: 'intake' });
    }
    stored = await storeOriginal(abs, config.dataDir);
  } catch (error) {
    if (error instanceof VanthuError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
      throw new VanthuError('unreadable-file', `Cannot read ${name}: ${(error as Error).message}`, { stage: 'intake', cause: error });
    }
    throw error;
  }
  if (stored.size === 0) {
    throw new VanthuError('empty-file', `${name} has no bytes.`, { stage: 'intake' });
  }
  if (stored.size > config.limits.maxFileBytes) {
    throw new VanthuError('too-large', `${name} has ${stored.size} bytes; the limit is ${config.limits.maxFileBytes}.`, { stage: 'intake' });
  }
  return IngestJob.parse({
    fileId: stored.sha256,
    path: stored.path,
    name,
    sourcePath: opts.consume ? abs : null,
  });
}
