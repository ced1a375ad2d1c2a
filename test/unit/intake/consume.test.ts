import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.js';
import type { IngestJob } from '../../../schemas/jobs.js';
import { VanthuError } from '../../../src/errors.js';
import { createInProcessHandler } from '../../../src/intake/consume.js';
import { listFailed } from '../../../src/intake/outcome.js';
import { silentLogger } from '../../../src/log.js';
import { recordFileFailure } from '../../../src/pipeline/failure.js';
import type { FileResult } from '../../../schemas/document.js';

let dir: string;
let inbox: string;
let config: Config;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-consume-'));
  inbox = path.join(dir, 'inbox');
  await fs.mkdir(inbox);
  config = { ...Config.parse({}), dataDir: path.join(dir, 'data') };
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/** The failure path the watcher uses, over a store that only remembers what was saved. */
function failurePath(saved: FileResult[] = []) {
  const store = {
    saveFileResult: async (result: FileResult) => {
      saved.push(result);
      return { documentKeys: [] };
    },
  };
  return (input: Parameters<typeof recordFileFailure>[0], error: unknown) =>
    recordFileFailure(input, error, { config, store, log: silentLogger, move: true });
}

describe('createInProcessHandler (embedded watcher)', () => {
  it('processes the stored original and removes the inbox file on success', async () => {
    const jobs: IngestJob[] = [];
    const handle = createInProcessHandler({
      config,
      log: silentLogger,
      onFailure: failurePath(),
      processFile: async (job) => {
        jobs.push(job);
        return { file: job.name, sha256: job.fileId, status: 'done', error: null, pages: 1, documents: [] };
      },
    });
    const file = path.join(inbox, 'cv.pdf');
    await fs.writeFile(file, 'scan');
    const result = await handle(file);
    expect(result?.status).toBe('done');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.sourcePath).toBe(file);
    expect(await exists(file)).toBe(false);
    expect(await fs.readFile(jobs[0]!.path, 'utf8')).toBe('scan');
  });

  it('moves a file that fails in the pipeline or at intake to failed/ with its reason and stores the failure', async () => {
    const saved: FileResult[] = [];
    const handle = createInProcessHandler({
      config,
      log: silentLogger,
      onFailure: failurePath(saved),
      processFile: async () => {
        throw new VanthuError('encrypted-pdf', 'locked', { stage: 'pdf' });
      },
    });
    const locked = path.join(inbox, 'locked.pdf');
    const empty = path.join(inbox, 'empty.pdf');
    await fs.writeFile(locked, 'x');
    await fs.writeFile(empty, '');
    expect(await handle(locked)).toBeNull();
    expect(await handle(empty)).toBeNull();
    expect(await fs.readdir(inbox)).toEqual([]);
    const records = await listFailed(config.dataDir);
    expect(records.map((r) => [r.name, r.code, r.stage]).sort()).toEqual([
      ['empty.pdf', 'empty-file', 'intake'],
      ['locked.pdf', 'encrypted-pdf', 'pdf'],
    ]);
    expect(saved.map((r) => [r.file, r.status, r.error?.code]).sort()).toEqual([
      ['empty.pdf', 'failed', 'empty-file'],
      ['locked.pdf', 'failed', 'encrypted-pdf'],
    ]);
    for (const result of saved) expect(result.sha256).toBe(records.find((r) => r.name === result.file)?.sha256);
  });
});
