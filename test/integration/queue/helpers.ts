import { randomBytes } from 'node:crypto';
import type { FileResult } from '../../../schemas/document.js';
import type { IngestJob } from '../../../schemas/jobs.js';
import { connectRedis, type Redis } from '../../../src/queue/connection.js';

export const REDIS_URL = process.env.VANTHU_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis key prefix no other test run uses. */
export function uniquePrefix(): string {
  return `vanthu-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix. */
export async function deletePrefix(prefix: string): Promise<void> {
  const redis = await connectRedis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

export async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

export function fakeJob(n: number, over: Partial<IngestJob> = {}): IngestJob {
  const fileId = n.toString(16).padStart(64, '0');
  return { fileId, path: `/data/originals/00/${fileId}.pdf`, name: `file-${n}.pdf`, sourcePath: null, ...over };
}

export function doneResult(job: IngestJob): FileResult {
  return { file: job.name, sha256: job.fileId, status: 'done', error: null, pages: 1, documents: [] };
}

/** A promise with its resolve function, for "wait until this event" with a generous timeout. */
export function deferred<T>(timeoutMs = 30_000, what = 'event'): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`timed out waiting for ${what}`)), timeoutMs);
    resolve = (v) => {
      clearTimeout(timer);
      res(v);
    };
  });
  return { promise, resolve };
}
