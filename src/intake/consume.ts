import type { Config } from '../../schemas/config.js';
import type { FileResult } from '../../schemas/document.js';
import { asVanthuError, VanthuError } from '../errors.js';
import type { Logger } from '../log.js';
import { intakeFile } from './intake.js';
import { failureOfResult, recordFailure, recordJobFailure, recordJobSuccess } from './outcome.js';
import type { ProcessFile } from './types.js';

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
 * The embedded (no Redis) watcher handler: intake → processFile → inbox file removed on success,
 * moved to failed/ with its error record on failure. Returns the FileResult, or null when the file
 * failed or vanished.
 */
export function createInProcessHandler(opts: { config: Config; processFile: ProcessFile; log: Logger }): (filePath: string) => Promise<FileResult | null> {
  const { config, processFile, log } = opts;
  return async (filePath) => {
    let job;
    try {
      job = await intakeFile(filePath, config, { consume: true });
    } catch (error) {
      if (!(error instanceof VanthuError)) throw error;
      await recordIntakeFailure(filePath, error, config, log);
      return null;
    }
    let result: FileResult;
    try {
      result = await processFile(job);
    } catch (error) {
      const err = asVanthuError(error);
      const recorded = await recordJobFailure(job, err, { dataDir: config.dataDir, stage: err.stage });
      log.error({ fileId: job.fileId, name: job.name, code: err.code, failed: recorded.path }, 'file failed');
      return null;
    }
    const failure = failureOfResult(result);
    if (failure) {
      const recorded = await recordJobFailure(job, failure, { dataDir: config.dataDir });
      log.error({ fileId: job.fileId, name: job.name, code: failure.code, failed: recorded.path }, 'file failed');
      return result;
    }
    await recordJobSuccess(job);
    log.info({ fileId: job.fileId, name: job.name, status: result.status, documents: result.documents.length }, 'file processed');
    return result;
  };
}
