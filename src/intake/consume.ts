import path from 'node:path';
import type { Config } from '../../schemas/config.js';
import type { FileResult } from '../../schemas/document.js';
import { VanthuError } from '../errors.js';
import type { Logger } from '../log.js';
import { intakeFile } from './intake.js';
import { failureOfResult, recordFailure, recordJobSuccess } from './outcome.js';
import type { ProcessFile, RecordFileFailure } from './types.js';

/**
 * A dropped file that could not even be taken in (empty, too large, unreadable) goes to failed/.
 * Returns false when the file vanished meanwhile (nothing to record).
 */
export async function recordIntakeFailure(filePath: string, error: VanthuError, config: Config, log: Logger): Promise<boolean> {
  try {
    const recorded = await recordFailure(filePath, error, { dataDir: config.dataDir, move: true, stage: 'intake' });
    log.warn({ path: filePath, code: error.code, failed: recorded.path }, 'file refused at intake');
    return true;
  } catch (moveError) {
    if ((moveError as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw moveError;
  }
}

/**
 * The embedded (no Redis) watcher handler: intake → processFile → inbox file removed on success.
 * Every failure (refused at intake, thrown by processFile, or a failed FileResult) goes to
 * `onFailure` — the pipeline's recordFileFailure with move: true, which moves the file to
 * failed/ and saves the failed result in the store (intake itself knows no store). Returns the
 * FileResult, or null when the file failed before a result existed or vanished.
 */
export function createInProcessHandler(opts: {
  config: Config;
  processFile: ProcessFile;
  onFailure: RecordFileFailure;
  log: Logger;
}): (filePath: string) => Promise<FileResult | null> {
  const { config, processFile, onFailure, log } = opts;
  return async (filePath) => {
    const name = path.basename(filePath);
    let job;
    try {
      job = await intakeFile(filePath, config, { consume: true });
    } catch (error) {
      if (!(error instanceof VanthuError)) throw error;
      await onFailure({ job: null, filePath, name }, error);
      return null;
    }
    let result: FileResult;
    try {
      result = await processFile(job);
    } catch (error) {
      await onFailure({ job, filePath, name: job.name }, error);
      return null;
    }
    const failure = failureOfResult(result);
    if (failure) {
      await onFailure({ job, filePath, name: job.name }, failure);
      return result;
    }
    await recordJobSuccess(job);
    log.info({ fileId: job.fileId, name: job.name, status: result.status, documents: result.documents.length }, 'file processed');
    return result;
  };
}
