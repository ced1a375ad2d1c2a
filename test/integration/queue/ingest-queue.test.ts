import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IngestJob } from '../../../schemas/jobs.js';
import { VanthuError } from '../../../src/errors.js';
import { connectRedis, redactRedisUrl, type Redis } from '../../../src/queue/connection.js';
import {
  createIngestEvents,
  createIngestQueue,
  enqueueIngest,
  startIngestWorker,
  waitForIngest,
  type IngestQueue,
  type IngestWorker,
} from '../../../src/queue/ingest.js';
import { countKeys, deferred, deletePrefix, doneResult, fakeJob, REDIS_URL, uniquePrefix } from './helpers.js';

const prefix = uniquePrefix();
let producer: Redis;
let workerConnection: Redis;
let queue: IngestQueue;
const workers: IngestWorker[] = [];

/** Fast retries for tests: 3 attempts, 50 ms exponential back-off. */
const fastRetries = { attempts: 3, backoff: { type: 'exponential', delay: 50 } };

beforeAll(async () => {
  producer = await connectRedis(REDIS_URL);
  workerConnection = await connectRedis(REDIS_URL, { worker: true });
  queue = createIngestQueue(producer, { prefix, jobOptions: fastRetries });
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close(5000)));
  await queue.obliterate({ force: true });
});

afterAll(async () => {
  await queue.close();
  await producer.quit();
  await workerConnection.quit();
  await deletePrefix(prefix);
  const check = await connectRedis(REDIS_URL);
  expect(await countKeys(check, prefix)).toBe(0);
  await check.quit();
});

describe('connectRedis', () => {
  it('fails fast with queue-unavailable when Redis cannot be reached', async () => {
    const attempt = connectRedis('redis://127.0.0.1:1', { connectTimeoutMs: 3000 });
    await expect(attempt).rejects.toBeInstanceOf(VanthuError);
    await expect(attempt).rejects.toMatchObject({ code: 'queue-unavailable', retryable: true });
  });

  it('hides the password in messages', () => {
    expect(redactRedisUrl('redis://user:secret@host:6379/0')).toBe('redis://user:***@host:6379/0');
  });
});

describe('enqueueIngest', () => {
  it('keeps one job for the same fileId enqueued twice; the job id is the fileId', async () => {
    const job = fakeJob(1);
    const first = await enqueueIngest(queue, job);
    const second = await enqueueIngest(queue, { ...job, name: 'copy of file-1.pdf' });
    expect(first).toEqual({ jobId: job.fileId, added: true, previous: null });
    expect(second).toMatchObject({ jobId: job.fileId, added: false, previous: 'waiting' });
    expect(await queue.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed')).toBe(1);
    const stored = await queue.getJob(job.fileId);
    expect(stored?.data).toEqual(job);
    expect(stored?.opts.attempts).toBe(3);
  });

  it('refuses a payload that breaks the contract (e.g. a fileId with ":")', async () => {
    await expect(enqueueIngest(queue, { ...fakeJob(2), fileId: 'a:b' })).rejects.toThrow();
  });
});

describe('startIngestWorker', () => {
  it('fails a permanent VanthuError after ONE attempt and calls onFailed once', async () => {
    const job = fakeJob(10);
    let calls = 0;
    const failed = deferred<{ job: IngestJob; error: VanthuError }>(30_000, 'onFailed');
    workers.push(
      startIngestWorker({
        connection: workerConnection,
        prefix,
        process: async () => {
          calls++;
          throw new VanthuError('encrypted-pdf', 'password-protected');
        },
        onFailed: (j, error) => failed.resolve({ job: j, error }),
      }),
    );
    await enqueueIngest(queue, job);
    const { job: failedJob, error } = await failed.promise;
    expect(failedJob).toEqual(job);
    expect(error).toBeInstanceOf(VanthuError);
    expect(error).toMatchObject({ code: 'encrypted-pdf', message: 'password-protected', retryable: false });
    const stored = await queue.getJob(job.fileId);
    expect(await stored?.getState()).toBe('failed');
    expect(stored?.attemptsMade).toBe(1);
    expect(stored?.failedReason).toBe('encrypted-pdf: password-protected');
    expect(calls).toBe(1);
  });

  it('retries a retryable error with back-off, then succeeds without calling onFailed', async () => {
    const job = fakeJob(11);
    let calls = 0;
    let failedCalls = 0;
    const completed = deferred<unknown>(30_000, 'onCompleted');
    workers.push(
      startIngestWorker({
        connection: workerConnection,
        prefix,
        process: async (j) => {
          calls++;
          if (calls < 3) throw new VanthuError('ocr-timeout', `slow page, attempt ${calls}`);
          return doneResult(j);
        },
        onFailed: () => void failedCalls++,
        onCompleted: (_j, result) => completed.resolve(result),
      }),
    );
    await enqueueIngest(queue, job);
    expect(await completed.promise).toEqual(doneResult(job));
    const stored = await queue.getJob(job.fileId);
    expect(await stored?.getState()).toBe('completed');
    expect(stored?.returnvalue).toEqual(doneResult(job));
    expect(calls).toBe(3);
    expect(failedCalls).toBe(0);
  });

  it('calls onFailed only after the last attempt of a retryable error', async () => {
    const job = fakeJob(12);
    let calls = 0;
    const failed = deferred<{ attemptsSeen: number; error: VanthuError }>(30_000, 'onFailed');
    workers.push(
      startIngestWorker({
        connection: workerConnection,
        prefix,
        process: async () => {
          calls++;
          throw new Error('tesseract worker crashed'); // unknown errors count as retryable
        },
        onFailed: (_j, error) => failed.resolve({ attemptsSeen: calls, error }),
      }),
    );
    await enqueueIngest(queue, job);
    const { attemptsSeen, error } = await failed.promise;
    expect(attemptsSeen).toBe(3);
    expect(error).toMatchObject({ code: 'ocr-failed', retryable: true, message: 'tesseract worker crashed' });
    expect((await queue.getJob(job.fileId))?.attemptsMade).toBe(3);
  });

  it('treats a FileResult with status "failed" as a failure with its code', async () => {
    const job = fakeJob(13);
    const failed = deferred<VanthuError>(30_000, 'onFailed');
    let calls = 0;
    workers.push(
      startIngestWorker({
        connection: workerConnection,
        prefix,
        process: async (j) => {
          calls++;
          return { ...doneResult(j), status: 'failed', error: { code: 'no-text-found', message: 'blank pages' } };
        },
        onFailed: (_j, error) => failed.resolve(error),
      }),
    );
    await enqueueIngest(queue, job);
    expect(await failed.promise).toMatchObject({ code: 'no-text-found', retryable: false });
    expect(calls).toBe(1);
  });

  it('lets a failed file be queued again (re-queue) and waitForIngest report results and errors', async () => {
    const job = fakeJob(14);
    let fail = true;
    const events = createIngestEvents(workerConnection, { prefix });
    await events.waitUntilReady();
    try {
      workers.push(
        startIngestWorker({
          connection: workerConnection,
          prefix,
          process: async (j) => {
            if (fail) throw new VanthuError('unsupported-format', 'a .docx file');
            return doneResult(j);
          },
        }),
      );
      await enqueueIngest(queue, job);
      const firstRun = waitForIngest(queue, events, job.fileId, 30_000);
      await expect(firstRun).rejects.toBeInstanceOf(VanthuError);
      await expect(firstRun).rejects.toMatchObject({ code: 'unsupported-format', message: 'a .docx file' });
      fail = false;
      const again = await enqueueIngest(queue, job);
      expect(again).toEqual({ jobId: job.fileId, added: true, previous: null });
      expect(await waitForIngest(queue, events, job.fileId, 30_000)).toEqual(doneResult(job));
      // Completed: the same bytes again are a duplicate, unless forced.
      expect(await enqueueIngest(queue, job)).toMatchObject({ added: false, previous: 'completed' });
      expect(await enqueueIngest(queue, job, { force: true })).toMatchObject({ added: true });
    } finally {
      await events.close();
    }
  });

  it('close() waits for a running job and its hooks', async () => {
    const job = fakeJob(15);
    const started = deferred<void>(30_000, 'job start');
    let hookDone = false;
    const w = startIngestWorker({
      connection: workerConnection,
      prefix,
      process: async (j) => {
        started.resolve();
        await new Promise((r) => setTimeout(r, 300));
        return doneResult(j);
      },
      onCompleted: async () => {
        await new Promise((r) => setTimeout(r, 100));
        hookDone = true;
      },
    });
    await enqueueIngest(queue, job);
    await started.promise;
    await w.close(10_000);
    expect(hookDone).toBe(true);
    expect(await (await queue.getJob(job.fileId))?.getState()).toBe('completed');
  });
});
