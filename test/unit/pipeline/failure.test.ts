import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.js';
import type { FileResult } from '../../../schemas/document.js';
import type { IngestJob } from '../../../schemas/jobs.js';
import { VanthuError } from '../../../src/errors.js';
import { intakeFile } from '../../../src/intake/intake.js';
import { listFailed } from '../../../src/intake/outcome.js';
import type { SaveMeta } from '../../../src/store/index.js';
import { failedResult, recordFileFailure } from '../../../src/pipeline/failure.js';

let dir: string;
let inbox: string;
let config: Config;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-failure-'));
  inbox = path.join(dir, 'inbox');
  await fs.mkdir(inbox);
  config = { ...Config.parse({}), dataDir: path.join(dir, 'data') };
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const exists = (p: string) => fs.stat(p).then(() => true, () => false);
const failed = (name: string) => path.join(config.dataDir, 'failed', name);

/** A store that remembers what was saved, or refuses every save. */
function fakeStore(opts: { broken?: boolean } = {}) {
  const saved: Array<{ result: FileResult; meta: SaveMeta }> = [];
  return {
    saved,
    async saveFileResult(result: FileResult, meta: SaveMeta) {
      if (opts.broken) throw new VanthuError('store-unavailable', 'database is down');
      saved.push({ result, meta });
      return { documentKeys: [] };
    },
  };
}

/** A logger whose lines can be inspected. */
function captureLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { lines, log: pino({ level: 'debug' }, stream) };
}

async function drop(name: string, content: string, consume: boolean): Promise<{ file: string; job: IngestJob }> {
  const file = path.join(inbox, name);
  await fs.writeFile(file, content);
  return { file, job: await intakeFile(file, config, { consume }) };
}

describe('recordFileFailure', () => {
  it('watcher/worker (move): moves the inbox file to failed/, writes the reason and stores the failed result', async () => {
    const { file, job } = await drop('cv.pdf', 'scan bytes', true);
    const store = fakeStore();
    const error = new VanthuError('encrypted-pdf', 'cv.pdf is locked', { stage: 'pdf' });

    const result = await recordFileFailure({ job, filePath: file, name: job.name }, error, { config, store, log: pino({ level: 'silent' }), move: true });

    expect(result).toEqual(failedResult(job, error));
    expect(result).toMatchObject({ file: 'cv.pdf', sha256: sha('scan bytes'), status: 'failed', error: { code: 'encrypted-pdf', message: 'cv.pdf is locked' } });
    expect(await exists(file)).toBe(false);
    expect(await fs.readFile(failed('cv.pdf'), 'utf8')).toBe('scan bytes');
    expect(await listFailed(config.dataDir)).toEqual([
      expect.objectContaining({ name: 'cv.pdf', code: 'encrypted-pdf', stage: 'pdf', sha256: sha('scan bytes'), retryable: false }),
    ]);
    expect(store.saved).toEqual([{ result, meta: { originalPath: job.path, sourceName: 'cv.pdf' } }]);
  });

  it('vanthu ingest (copy): files a copy of the stored original and leaves the user file alone', async () => {
    const { file, job } = await drop('notes.jpg', 'just text', false);
    const store = fakeStore();
    await recordFileFailure({ job, filePath: file, name: job.name }, new VanthuError('unsupported-format', 'not an image'), {
      config,
      store,
      log: pino({ level: 'silent' }),
      move: false,
    });
    expect(await fs.readFile(file, 'utf8')).toBe('just text');
    expect(await fs.readFile(failed('notes.jpg'), 'utf8')).toBe('just text');
    // no stage on the error: it failed somewhere in the pipeline
    expect(await listFailed(config.dataDir)).toEqual([expect.objectContaining({ name: 'notes.jpg', code: 'unsupported-format', stage: 'pipeline' })]);
    expect(store.saved.map((s) => s.result.sha256)).toEqual([sha('just text')]);
  });

  it('a file refused at intake (no job): filed under failed/, stored under the sha256 hashed while filing', async () => {
    const file = path.join(inbox, 'empty.pdf');
    await fs.writeFile(file, '');
    const error = await intakeFile(file, config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VanthuError);
    const store = fakeStore();

    const result = await recordFileFailure({ job: null, filePath: file, name: 'empty.pdf' }, error, { config, store, log: pino({ level: 'silent' }), move: false });

    expect(result).toMatchObject({ file: 'empty.pdf', sha256: sha(''), status: 'failed', error: { code: 'empty-file' } });
    expect(await exists(file)).toBe(true);
    expect(await listFailed(config.dataDir)).toEqual([expect.objectContaining({ name: 'empty.pdf', code: 'empty-file', stage: 'intake' })]);
    expect(store.saved).toEqual([{ result, meta: { originalPath: null, sourceName: 'empty.pdf' } }]);
  });

  it('a thrown non-VanthuError counts as ocr-failed', async () => {
    const { file, job } = await drop('a.png', 'png?', true);
    const result = await recordFileFailure({ job, filePath: file, name: job.name }, new Error('worker crashed'), {
      config,
      store: null,
      log: pino({ level: 'silent' }),
      move: true,
    });
    expect(result.error).toEqual({ code: 'ocr-failed', message: 'worker crashed' });
    expect(await exists(failed('a.png.error.json'))).toBe(true);
  });

  it('never throws: a broken store is logged and the file is still filed', async () => {
    const { file, job } = await drop('b.pdf', 'b', true);
    const { lines, log } = captureLog();
    const result = await recordFileFailure({ job, filePath: file, name: job.name }, new VanthuError('no-text-found', 'blank'), {
      config,
      store: fakeStore({ broken: true }),
      log,
      move: true,
    });
    expect(result.status).toBe('failed');
    expect(await exists(failed('b.pdf'))).toBe(true);
    expect(lines.some((l) => l.level === 50 && l.msg === 'could not record the failure in the store')).toBe(true);
  });

  it('never throws: a file that cannot be filed is logged and the failure still stored', async () => {
    const { file, job } = await drop('c.pdf', 'c', true);
    // inbox file and stored original both gone: nothing left to file
    await fs.rm(file);
    await fs.rm(job.path);
    const { lines, log } = captureLog();
    const store = fakeStore();
    const result = await recordFileFailure({ job, filePath: file, name: job.name }, new VanthuError('unreadable-file', 'damaged'), { config, store, log, move: true });
    expect(result).toMatchObject({ sha256: job.fileId, status: 'failed' });
    expect(store.saved).toHaveLength(1);
    expect(lines.some((l) => l.level === 50 && l.msg === 'could not file the failed input under failed/')).toBe(true);
  });

  it('a refused file that vanished meanwhile: nothing filed, nothing stored, no throw', async () => {
    const store = fakeStore();
    const result = await recordFileFailure(
      { job: null, filePath: path.join(inbox, 'gone.pdf'), name: 'gone.pdf' },
      new VanthuError('unreadable-file', 'gone'),
      { config, store, log: pino({ level: 'silent' }), move: true },
    );
    expect(result).toMatchObject({ file: 'gone.pdf', sha256: '', status: 'failed' });
    expect(store.saved).toEqual([]);
    expect(await listFailed(config.dataDir)).toEqual([]);
  });
});
