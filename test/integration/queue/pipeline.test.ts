/**
 * The queue path end to end with the REAL pipeline: watcher → intake → BullMQ (real Redis, own key
 * prefix) → runIngestWorker (real createProcessor: tesseract.js, SQLite) → store, inbox, failed/.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../schemas/config.js';
import { loadConfig } from '../../../src/config.js';
import { sha256File } from '../../../src/intake/fingerprint.js';
import { watchFolder, type FolderWatcher } from '../../../src/intake/watcher.js';
import { silentLogger } from '../../../src/log.js';
import { connectRedis, type Redis } from '../../../src/queue/connection.js';
import { createIngestQueue, type IngestQueue } from '../../../src/queue/ingest.js';
import { createEnqueueHandler } from '../../../src/queue/producer.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { runIngestWorker, type RunningIngestWorker } from '../../../workers/ingest.js';
import { countKeys, deletePrefix, REDIS_URL, uniquePrefix } from './helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');
const sampleJpeg = path.join(root, 'samples/IMG_20190225_079468.jpg');

/** Real OCR of a 300 dpi page on one tesseract worker: minutes on a slow machine, never a deadline we assert. */
const OCR_WAIT_MS = 240_000;

const prefix = uniquePrefix();
let dir: string;
let inbox: string;
let config: Config;
let producer: Redis | null = null;
let queue: IngestQueue | null = null;
let worker: RunningIngestWorker | null = null;
let watcher: FolderWatcher | null = null;
let store: Store | null = null;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-queue-pipeline-'));
  inbox = path.join(dir, 'inbox');
  await fs.mkdir(inbox);
  config = loadConfig(
    { dataDir: path.join(dir, 'data') },
    { REDIS_URL, VANTHU_OCR_WORKERS: '1', VANTHU_STABLE_MS: '200', LOG_LEVEL: 'silent' },
  );
  // The worker opens the store (and migrates it) first; the test reads the same SQLite file.
  worker = await runIngestWorker({ config, log: silentLogger, prefix, shutdownTimeoutMs: 30_000 });
  store = await openStore({ dataDir: config.dataDir });
  producer = await connectRedis(REDIS_URL);
  queue = createIngestQueue(producer, { prefix });
  const onFile = createEnqueueHandler({ config, queue, log: silentLogger });
  watcher = await watchFolder(inbox, {
    config,
    log: silentLogger,
    onStable: async (file) => void (await onFile(file)),
  });
});

afterAll(async () => {
  await watcher?.stop();
  await worker?.stop();
  if (queue) {
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await producer?.quit();
  await store?.close();
  await deletePrefix(prefix);
  const check = await connectRedis(REDIS_URL);
  expect(await countKeys(check, prefix)).toBe(0);
  await check.quit();
  await fs.rm(dir, { recursive: true, force: true });
});

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/** Polls until `check` holds; only a safety net against hanging, not a performance assertion. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = OCR_WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('queue path with the real pipeline', () => {
  it('OCRs a dropped scan in the worker, stores its document and empties the inbox', { timeout: OCR_WAIT_MS + 60_000 }, async () => {
    const sha = await sha256File(sampleJpeg);
    const dropped = path.join(inbox, 'IMG_20190225_079468.jpg');
    await fs.copyFile(sampleJpeg, dropped);

    await until(
      async () => (await store!.findFile(sha))?.result.status === 'done' && !(await exists(dropped)),
      'the scan to be stored as done and to leave the inbox',
    );

    const stored = await store!.findFile(sha);
    expect(stored?.status).toBe('done');
    expect(stored?.sourceName).toBe('IMG_20190225_079468.jpg');
    expect(stored?.result.documents.map((d) => d.ref)).toContain('51/BC-STTTT');
    expect(await fs.readdir(inbox)).toEqual([]);
    expect(await exists(path.join(config.dataDir, 'failed'))).toBe(false);
    expect(await (await queue!.getJob(sha))?.getState()).toBe('completed');
  });

  it('files a text file named x.jpg under failed/ with unsupported-format and stores the failure', { timeout: OCR_WAIT_MS + 60_000 }, async () => {
    const dropped = path.join(inbox, 'x.jpg');
    await fs.writeFile(dropped, 'Đây là một tệp văn bản, không phải ảnh.\n');
    const sha = await sha256File(dropped);
    const failedFile = path.join(config.dataDir, 'failed', 'x.jpg');

    await until(
      async () => (await store!.findFile(sha))?.result.status === 'failed' && (await exists(`${failedFile}.error.json`)),
      'the failure record in the store and in failed/',
    );

    expect(await fs.readdir(inbox)).toEqual([]);
    expect(await fs.readFile(failedFile, 'utf8')).toBe('Đây là một tệp văn bản, không phải ảnh.\n');
    const record = JSON.parse(await fs.readFile(`${failedFile}.error.json`, 'utf8')) as Record<string, unknown>;
    expect(record).toMatchObject({ name: 'x.jpg', code: 'unsupported-format', retryable: false, sha256: sha });
    const stored = await store!.findFile(sha);
    expect(stored?.result).toMatchObject({ file: 'x.jpg', sha256: sha, status: 'failed', error: { code: 'unsupported-format' }, documents: [] });
    // permanent: one attempt, no retry
    const job = await queue!.getJob(sha);
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
  });
});
