/**
 * The ingest worker process: queue → processor → store. No logic of its own.
 * Run directly (`node dist/workers/ingest.js`) or through `vanthu work`, which calls runIngestWorker().
 */
import { pathToFileURL } from 'node:url';
import { isGlibc, needsArenaLimit, runWithArenaLimit } from '../src/allocator.js';
import { loadConfig, type Config } from '../src/config.js';
import { VanthuError } from '../src/errors.js';
import { recordJobSuccess } from '../src/intake/outcome.js';
import { createLogger, type Logger } from '../src/log.js';
import { recordFileFailure } from '../src/pipeline/failure.js';
import { createProcessor } from '../src/pipeline/process.js';
import { connectRedis } from '../src/queue/connection.js';
import { startIngestWorker } from '../src/queue/ingest.js';

export interface RunIngestWorkerOptions {
  config?: Config;
  log?: Logger;
  /** Jobs at once in this process (default 1: OCR parallelism is inside the processor). */
  concurrency?: number;
  /** How long a shutdown waits for running jobs before forcing (default 60 s). */
  shutdownTimeoutMs?: number;
  /** Redis key prefix of the queue (default BullMQ's "bull"); tests use a unique one. */
  prefix?: string;
}

export interface RunningIngestWorker {
  /** Graceful: stop taking jobs, finish running ones (bounded), close the processor and Redis. */
  stop(): Promise<void>;
}

export async function runIngestWorker(opts: RunIngestWorkerOptions = {}): Promise<RunningIngestWorker> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger(config.logLevel);
  if (!config.redisUrl) {
    throw new VanthuError('invalid-input', 'REDIS_URL is not set: the queue worker needs Redis (without it, `vanthu ingest` / `vanthu watch` process in-process).');
  }
  const connection = await connectRedis(config.redisUrl, { worker: true, log });
  let processor: Awaited<ReturnType<typeof createProcessor>>;
  try {
    processor = await createProcessor(config, log);
  } catch (error) {
    await connection.quit().catch(() => connection.disconnect());
    throw error;
  }
  const worker = startIngestWorker({
    connection,
    prefix: opts.prefix,
    process: processor.processFile,
    concurrency: opts.concurrency ?? 1,
    log,
    onFailed: async (job, error) => {
      // The inbox file goes to failed/ and the failure into the store: exports list every input file.
      await recordFileFailure({ job, filePath: job.sourcePath ?? job.path, name: job.name }, error, {
        config,
        store: processor.store,
        log,
        move: true,
      });
    },
    onCompleted: async (job) => {
      await recordJobSuccess(job);
    },
  });
  await worker.worker.waitUntilReady();
  log.info({ concurrency: opts.concurrency ?? 1 }, 'ingest worker started');

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        log.info('ingest worker stopping');
        await worker.close(opts.shutdownTimeoutMs ?? 60_000);
        await processor.close();
        await connection.quit().catch(() => connection.disconnect());
        log.info('ingest worker stopped');
      })();
      return stopping;
    },
  };
}

/** Runs until SIGTERM/SIGINT, then shuts down gracefully; a second signal exits at once. */
export async function main(): Promise<void> {
  const running = await runIngestWorker();
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalled) process.exit(130);
    signalled = true;
    running.stop().then(
      () => {
        process.exitCode = 0;
      },
      (error: unknown) => {
        console.error(`shutdown after ${signal} failed:`, error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (needsArenaLimit(process.env, process.platform, isGlibc())) {
    process.exitCode = await runWithArenaLimit(process.argv.slice(1));
  } else {
    main().catch((error: unknown) => {
      console.error(error instanceof VanthuError ? `${error.code}: ${error.message}` : error);
      process.exit(1);
    });
  }
}
