import type { Config } from '../../schemas/config.js';
import { VanthuError } from '../errors.js';
import { recordIntakeFailure } from '../intake/consume.js';
import { intakeFile } from '../intake/intake.js';
import { recordSuccess } from '../intake/outcome.js';
import type { Logger } from '../log.js';
import { enqueueIngest, type EnqueueResult, type IngestQueue } from './ingest.js';

/**
 * The watcher handler with REDIS_URL: intake (hash, store original) → enqueue. The inbox file stays
 * until a worker finishes it (recordJobSuccess / recordJobFailure in the worker). Bytes already
 * processed (a completed job with the same sha256) count as a duplicate: the inbox copy is removed.
 * Redis errors propagate, so the watcher tries the file again later.
 */
export function createEnqueueHandler(opts: { config: Config; queue: IngestQueue; log: Logger }): (filePath: string) => Promise<EnqueueResult | null> {
  const { config, queue, log } = opts;
  return async (filePath) => {
    let job;
    try {
      job = await intakeFile(filePath, config, { consume: true });
    } catch (error) {
      if (!(error instanceof VanthuError)) throw error;
      await recordIntakeFailure(filePath, error, config, log);
      return null;
    }
    const result = await enqueueIngest(queue, job);
    if (result.added) {
      log.info({ fileId: job.fileId, name: job.name }, 'file queued');
    } else if (result.previous === 'completed') {
      await recordSuccess(filePath, { sha256: job.fileId });
      log.info({ fileId: job.fileId, name: job.name }, 'duplicate of a processed file; removed from the inbox');
    } else {
      log.info({ fileId: job.fileId, name: job.name, previous: result.previous }, 'same bytes already queued');
    }
    return result;
  };
}
