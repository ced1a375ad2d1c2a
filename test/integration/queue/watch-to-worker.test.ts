import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.js';
import type { IngestJob } from '../../../schemas/jobs.js';
import { VanthuError } from '../../../src/errors.js';
import { sha256File } from '../../../src/intake/fingerprint.js';
import { listFailed, recordJobFailure, recordJobSuccess } from '../../../src/intake/outcome.js';
import { watchFolder, type FolderWatcher } from '../../../src/intake/watcher.js';
import { silentLogger } from '../../../src/log.js';
import { connectRedis, type Redis } from '../../../src/queue/connection.js';
import { createIngestQueue, startIngestWorker, type IngestQueue, type IngestWorker } from '../../../src/queue/ingest.js';
import { createEnqueueHandler } from '../../../src/queue/producer.js';
import { deletePrefix, doneResult, REDIS_URL, uniquePrefix } from './helpers.js';

const prefix = uniquePrefix();
let dir: string;
let inbox: string;
let config: Config;
let producer: Redis;
let workerConnection: Redis;
let queue: IngestQueue;
let worker: IngestWorker | null = null;
let watcher: FolderWatcher | null = null;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-e2e-queue-'));
  inbox = path.join(dir, 'inbox');
  await fs.mkdir(inbox);
  config = { ...Config.parse({ redisUrl: REDIS_URL, stableMs: 200 }), dataDir: path.join(dir, 'data') };
  producer = await connectRedis(REDIS_URL);
  workerConnection = await connectRedis(REDIS_URL, { worker: true });
  queue = createIngestQueue(producer, { prefix, jobOptions: { backoff: { type: 'fixed', delay: 50 } } });
});

afterAll(async () => {
  await watcher?.stop();
  await worker?.close(5000);
  await queue.obliterate({ force: true });
  await queue.close();
  await producer.quit();
  await workerConnection.quit();
  await deletePrefix(prefix);
  await fs.rm(dir, { recursive: true, force: true });
});

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('watcher → queue → worker', () => {
  it('queues dropped files, processes them in the worker, empties the inbox and files failures', async () => {
    const processed: IngestJob[] = [];
    const originals = new Map<string, string>();
    worker = startIngestWorker({
      connection: workerConnection,
      prefix,
      log: silentLogger,
      process: async (job) => {
        processed.push(job);
        originals.set(job.name, await fs.readFile(job.path, 'utf8'));
        if (job.name.startsWith('bad')) throw new VanthuError('unreadable-file', `${job.name} is damaged`, { stage: 'pdf' });
        return doneResult(job);
      },
      onFailed: async (job, error) => {
        await recordJobFailure(job, error, { dataDir: config.dataDir, stage: error.stage });
      },
      onCompleted: async (job) => {
        await recordJobSuccess(job);
      },
    });
    watcher = await watchFolder(inbox, {
      config,
      log: silentLogger,
      onStable: async (p) => {
        await createEnqueueHandler({ config, queue, log: silentLogger })(p);
      },
    });

    await fs.writeFile(path.join(inbox, 'good.pdf'), 'good scan');
    await fs.writeFile(path.join(inbox, 'bad.pdf'), 'bad scan');
    await fs.writeFile(path.join(inbox, 'partial.pdf.part'), 'still downloading');

    await until(async () => (await fs.readdir(inbox)).length === 1, 'the inbox to hold only the partial download');
    expect(await fs.readdir(inbox)).toEqual(['partial.pdf.part']);

    // The worker got the content-addressed originals, ids are the sha256 of the bytes.
    expect(processed.map((j) => j.name).sort()).toEqual(['bad.pdf', 'good.pdf']);
    for (const job of processed) {
      expect(job.sourcePath).toBe(path.join(inbox, job.name));
      expect(job.path.startsWith(path.join(config.dataDir, 'originals'))).toBe(true);
      expect(await sha256File(job.path)).toBe(job.fileId);
    }
    expect(originals.get('good.pdf')).toBe('good scan');

    // bad.pdf failed for good after one attempt and went to failed/ with its reason.
    await until(async () => (await listFailed(config.dataDir)).length === 1, 'the failure record');
    const [record] = await listFailed(config.dataDir);
    expect(record).toMatchObject({ name: 'bad.pdf', code: 'unreadable-file', stage: 'pdf', message: 'bad.pdf is damaged' });
    expect(await fs.readFile(path.join(config.dataDir, 'failed', 'bad.pdf'), 'utf8')).toBe('bad scan');
    expect(processed.filter((j) => j.name === 'bad.pdf')).toHaveLength(1);

    // The same bytes dropped again: a duplicate of finished work, removed without processing.
    await fs.writeFile(path.join(inbox, 'good again.pdf'), 'good scan');
    await until(async () => !(await fs.readdir(inbox)).includes('good again.pdf'), 'the duplicate to leave the inbox');
    expect(processed.map((j) => j.name).sort()).toEqual(['bad.pdf', 'good.pdf']);
  });
});
