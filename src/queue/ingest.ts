import { Queue, QueueEvents, UnrecoverableError, Worker, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { FileResult } from '../../schemas/document.js';
import { IngestJob, QUEUE_INGEST } from '../../schemas/jobs.js';
import { asVanthuError, ERROR_CODES, VanthuError, type ErrorCode } from '../errors.js';
import { failureOfResult } from '../intake/outcome.js';
import type { Logger } from '../log.js';
import type { ProcessFile } from './types.js';

export const INGEST_JOB_NAME = 'ingest';
export type IngestJobName = typeof INGEST_JOB_NAME;
export type IngestQueue = Queue<IngestJob, FileResult, IngestJobName>;
export type IngestBullJob = Job<IngestJob, FileResult, IngestJobName>;

/** Longer than the longest page OCR, so a busy worker never loses its lock. */
export const DEFAULT_LOCK_DURATION_MS = 5 * 60_000;

/** Every ingest job: 3 attempts, exponential back-off from 10 s; keep finished jobs for a while. */
export const INGEST_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  // Completed jobs stay a day (their id still drops re-enqueues of the same bytes), at most 10 000.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  // Failed jobs stay a week for inspection; the file itself is in failed/.
  removeOnFail: { age: 7 * 24 * 3600 },
} satisfies JobsOptions;

export interface QueueNaming {
  /** Redis key prefix (default "bull"); tests use a unique one. */
  prefix?: string;
  /** Queue name (default QUEUE_INGEST). */
  name?: string;
}

/** The producer side. `connection` from connectRedis(url) (fail-fast producer connection is fine). */
export function createIngestQueue(connection: Redis, opts: QueueNaming & { jobOptions?: JobsOptions } = {}): IngestQueue {
  return new Queue<IngestJob, FileResult, IngestJobName>(opts.name ?? QUEUE_INGEST, {
    connection,
    prefix: opts.prefix,
    defaultJobOptions: { ...INGEST_JOB_OPTIONS, ...opts.jobOptions },
  });
}

export interface EnqueueResult {
  jobId: string;
  /** false: a job for the same bytes was already waiting, running, delayed or completed; nothing added. */
  added: boolean;
  /** State of the earlier job when not added. */
  previous: string | null;
}

/**
 * Adds an ingest job whose id is the file's sha256, so the same bytes are never queued twice.
 * A job for the same bytes that FAILED for good is replaced (that is how a re-queued file is taken
 * again); `force` also replaces a completed one (re-process on purpose).
 */
export async function enqueueIngest(queue: IngestQueue, job: IngestJob, opts: { force?: boolean } = {}): Promise<EnqueueResult> {
  const data = IngestJob.parse(job);
  const jobId = data.fileId; // 64 hex digits: no ':' (BullMQ forbids it in custom ids)
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state === 'failed' || (opts.force && state === 'completed')) {
      await existing.remove();
    } else if (state !== 'unknown') {
      return { jobId, added: false, previous: state };
    }
  }
  await queue.add(INGEST_JOB_NAME, data, { jobId });
  return { jobId, added: true, previous: null };
}

/**
 * What the processor throws for a VanthuError: UnrecoverableError when permanent (BullMQ fails the
 * job at once), a plain Error when transient (BullMQ retries with back-off). The message starts with
 * the code ("ocr-timeout: ...") so it survives in Redis as the job's failedReason; the VanthuError
 * rides along as `cause` for in-process listeners.
 */
export function toQueueError(err: VanthuError): Error {
  const message = `${err.code}: ${err.message}`;
  const queueError = err.retryable ? new Error(message, { cause: err }) : new UnrecoverableError(message);
  queueError.cause = err;
  return queueError;
}

/** The VanthuError behind a failed attempt, from the error the worker saw or a stored failedReason. */
export function jobError(error: Error | string): VanthuError {
  if (error instanceof Error && error.cause instanceof VanthuError) return error.cause;
  const message = error instanceof Error ? error.message : error;
  const m = /^([a-z-]+): ([\s\S]*)$/.exec(message);
  if (m && m[1] && m[1] in ERROR_CODES) return new VanthuError(m[1] as ErrorCode, m[2] ?? message, { cause: error });
  return asVanthuError(error);
}

/** True when this failure is final: permanent, or the last attempt. */
export function isFinalFailure(job: IngestBullJob, error: Error): boolean {
  return (
    error instanceof UnrecoverableError ||
    error.name === 'UnrecoverableError' ||
    Boolean(job.finishedOn) ||
    job.attemptsMade >= (job.opts.attempts ?? 1)
  );
}

/**
 * The BullMQ processor around a ProcessFile. Permanent errors (retryable=false) become
 * UnrecoverableError so BullMQ fails the job at once; transient ones are rethrown for retry with
 * back-off. Nothing is caught and swallowed: BullMQ always sees the failure.
 */
export function ingestProcessor(processFile: ProcessFile): (job: IngestBullJob) => Promise<FileResult> {
  return async (job) => {
    const data = IngestJob.parse(job.data);
    let result: FileResult;
    try {
      result = await processFile(data);
    } catch (error) {
      throw toQueueError(asVanthuError(error));
    }
    const failure = failureOfResult(result);
    if (failure) throw toQueueError(failure);
    return result;
  };
}

export interface StartIngestWorkerOptions extends QueueNaming {
  /** A connection from connectRedis(url, { worker: true }) (maxRetriesPerRequest: null). */
  connection: Redis;
  process: ProcessFile;
  /** Jobs processed at once by this worker (default 1; OCR parallelism lives inside ProcessFile). */
  concurrency?: number;
  /** After the FINAL failed attempt (permanent error or attempts used up): move the file to failed/. Awaited by close(). */
  onFailed?: (job: IngestJob, error: VanthuError) => Promise<void> | void;
  /** After success: e.g. remove the dropped file from the inbox. Awaited by close(). */
  onCompleted?: (job: IngestJob, result: FileResult) => Promise<void> | void;
  log?: Logger;
  lockDurationMs?: number;
}

export interface IngestWorker {
  worker: Worker<IngestJob, FileResult, IngestJobName>;
  /**
   * Stops taking jobs and waits up to timeoutMs (default 30 s) for running ones; after that the
   * worker is closed by force (its jobs go back to the queue as stalled and run again elsewhere).
   * Then waits for pending onFailed/onCompleted hooks. Does not close `connection`.
   */
  close(timeoutMs?: number): Promise<void>;
}

export function startIngestWorker(opts: StartIngestWorkerOptions): IngestWorker {
  const log = opts.log?.child({ component: 'ingest-worker' });
  const worker = new Worker<IngestJob, FileResult, IngestJobName>(opts.name ?? QUEUE_INGEST, ingestProcessor(opts.process), {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 1,
    lockDuration: opts.lockDurationMs ?? DEFAULT_LOCK_DURATION_MS,
    autorun: true,
  });
  const hooks = new Set<Promise<void>>();
  const track = (what: string, job: IngestJob, run: () => Promise<void> | void): void => {
    const p = (async () => {
      try {
        await run();
      } catch (error) {
        log?.error({ err: error, fileId: job.fileId, name: job.name }, `${what} hook failed`);
      }
    })();
    hooks.add(p);
    void p.finally(() => hooks.delete(p));
  };

  worker.on('completed', (job, result) => {
    log?.info({ fileId: job.data.fileId, name: job.data.name, status: result?.status }, 'file processed');
    if (opts.onCompleted) {
      const onCompleted = opts.onCompleted;
      track('onCompleted', job.data, () => onCompleted(job.data, result));
    }
  });
  worker.on('failed', (job, error) => {
    if (!job) {
      log?.error({ err: error }, 'job failed');
      return;
    }
    const final = isFinalFailure(job, error);
    const err = jobError(error);
    log?.[final ? 'error' : 'warn'](
      { fileId: job.data.fileId, name: job.data.name, code: err.code, attempt: job.attemptsMade, final },
      final ? 'file failed' : 'attempt failed; will retry',
    );
    if (final && opts.onFailed) {
      const onFailed = opts.onFailed;
      track('onFailed', job.data, () => onFailed(job.data, err));
    }
  });
  worker.on('error', (error) => log?.error({ err: error }, 'worker error'));

  let closing: Promise<void> | null = null;
  return {
    worker,
    close(timeoutMs = 30_000): Promise<void> {
      closing ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          worker.close().then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), timeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          log?.warn({ timeoutMs }, 'jobs still running at shutdown; closing by force');
          await worker.close(true);
        }
        await Promise.allSettled([...hooks]);
      })();
      return closing;
    },
  };
}

/** Listens for job completions so a producer can wait for results. Needs its own connection (blocking reads). */
export function createIngestEvents(connection: Redis, naming: QueueNaming = {}): QueueEvents {
  return new QueueEvents(naming.name ?? QUEUE_INGEST, { connection, prefix: naming.prefix });
}

/**
 * Waits for the job with this id to finish (`vanthu ingest` with REDIS_URL): resolves with its
 * FileResult, or rejects with the VanthuError it failed with (code kept when recognisable).
 */
export async function waitForIngest(queue: IngestQueue, events: QueueEvents, jobId: string, timeoutMs?: number): Promise<FileResult> {
  const job = await queue.getJob(jobId);
  if (!job) throw new VanthuError('not-found', `No ingest job ${jobId}`);
  try {
    return await job.waitUntilFinished(events, timeoutMs);
  } catch (error) {
    throw jobError(error instanceof Error ? error : String(error));
  }
}
