import type { FileResult } from '../../schemas/document.js';
import type { IngestJob } from '../../schemas/jobs.js';
import type { Config } from '../config.js';
import { asVanthuError, type VanthuError } from '../errors.js';
import { recordFailure, recordJobFailure, type RecordedFailure } from '../intake/outcome.js';
import type { FailedInput } from '../intake/types.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';

export type { FailedInput };

export interface FileFailureContext {
  config: Config;
  /** Where the failed FileResult goes; null when there is none at hand (it is then only filed under failed/). */
  store: Pick<Store, 'saveFileResult'> | null;
  log: Logger;
  /**
   * true (watcher, queue worker): the inbox file is moved to failed/ (the stored original is copied
   * when the inbox file is gone or holds other bytes). false (`vanthu ingest`): a copy is filed and
   * the user's file is never touched.
   */
  move: boolean;
}

/** A failed file as an output entry; stored so that exports list every input file. */
export function failedResult(job: Pick<IngestJob, 'name' | 'fileId'>, error: VanthuError): FileResult {
  return {
    file: job.name,
    sha256: job.fileId,
    status: 'failed',
    error: { code: error.code, message: error.message },
    pages: 0,
    documents: [],
  };
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/**
 * THE failure path of a file, for every runner (in-process `vanthu ingest`, the embedded watcher,
 * the queue worker): files the input under `<dataDir>/failed/` with `<name>.error.json`, then saves
 * the failed FileResult in the store when the file's sha256 is known (from the job, or hashed while
 * filing a file refused at intake). Either step failing is logged, never thrown.
 * Returns the failed FileResult (sha256 '' when the file vanished before it could be hashed).
 */
export async function recordFileFailure(input: FailedInput, error: unknown, ctx: FileFailureContext): Promise<FileResult> {
  const { job, name, filePath } = input;
  const { config, log } = ctx;
  const err = asVanthuError(error);
  const stage = err.stage ?? (job ? 'pipeline' : 'intake');

  let recorded: RecordedFailure | null = null;
  try {
    if (job && ctx.move) {
      recorded = await recordJobFailure({ ...job, name }, err, { dataDir: config.dataDir, stage });
    } else if (job) {
      recorded = await recordFailure(job.path, err, { dataDir: config.dataDir, move: false, stage, name, sha256: job.fileId });
    } else {
      recorded = await recordFailure(filePath, err, { dataDir: config.dataDir, move: ctx.move, stage, name });
    }
  } catch (fileError) {
    if (!job && isMissing(fileError)) {
      log.info({ path: filePath, name, code: err.code }, 'failed file vanished before it could be filed under failed/');
    } else {
      log.error({ err: fileError, path: filePath, name, code: err.code }, 'could not file the failed input under failed/');
    }
  }

  const sha256 = job?.fileId ?? recorded?.record.sha256 ?? null;
  const result = failedResult({ name, fileId: sha256 ?? '' }, err);
  if (sha256 !== null && ctx.store) {
    try {
      await ctx.store.saveFileResult(result, { originalPath: job?.path ?? null, sourceName: name });
    } catch (storeError) {
      log.error({ err: storeError, fileId: sha256, name }, 'could not record the failure in the store');
    }
  }
  log.warn({ name, fileId: sha256, code: err.code, stage, failed: recorded?.path ?? null }, `file failed: ${err.message}`);
  return result;
}
