import type { Config } from '../config.js';
import { createInProcessHandler } from '../intake/consume.js';
import { watchFolder } from '../intake/watcher.js';
import type { Logger } from '../log.js';
import { connectRedis } from '../queue/connection.js';
import { createIngestQueue } from '../queue/ingest.js';
import { createEnqueueHandler } from '../queue/producer.js';
import { runIngestWorker } from '../../workers/ingest.js';
import { recordFileFailure } from './failure.js';
import { createProcessor } from './process.js';

/** Resolves on the first SIGINT/SIGTERM. */
function untilSignal(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      log.info({ signal }, 'stopping');
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `vanthu watch`: with REDIS_URL, dropped files are hashed, stored and queued for `vanthu work`;
 * without it they are processed here, by the same processFile the workers run.
 */
export async function runWatch(dir: string, config: Config, log: Logger): Promise<void> {
  if (config.redisUrl) {
    const connection = await connectRedis(config.redisUrl, { log });
    const queue = createIngestQueue(connection);
    const onFile = createEnqueueHandler({ config, queue, log });
    const watcher = await watchFolder(dir, { config, log, onStable: async (file) => void (await onFile(file)) });
    log.info({ dir }, 'watching; files go to the queue');
    await untilSignal(log);
    await watcher.stop();
    await queue.close();
    await connection.quit();
    return;
  }
  const processor = await createProcessor(config, log);
  const onFile = createInProcessHandler({
    config,
    processFile: processor.processFile,
    onFailure: (input, error) => recordFileFailure(input, error, { config, store: processor.store, log, move: true }),
    log,
  });
  const watcher = await watchFolder(dir, { config, log, onStable: async (file) => void (await onFile(file)) });
  log.info({ dir }, 'watching; files are processed in-process (set REDIS_URL to use the queue)');
  await untilSignal(log);
  await watcher.stop();
  await processor.close();
}

/** `vanthu work`: BullMQ workers until a signal. */
export async function runWorkers(config: Config, log: Logger, concurrency?: number): Promise<void> {
  const running = await runIngestWorker({ config, log, concurrency });
  await untilSignal(log);
  await running.stop();
}
