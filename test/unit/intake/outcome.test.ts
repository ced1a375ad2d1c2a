import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VanthuError } from '../../../src/errors.js';
import { storeOriginal } from '../../../src/intake/fingerprint.js';
import {
  failedDir,
  failureOfResult,
  listFailed,
  recordFailure,
  recordJobFailure,
  recordJobSuccess,
  recordSuccess,
  requeueFailed,
} from '../../../src/intake/outcome.js';

let dir: string;
let dataDir: string;
let inbox: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-out-'));
  dataDir = path.join(dir, 'data');
  inbox = path.join(dir, 'inbox');
  await fs.mkdir(inbox);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const readJson = async (p: string) => JSON.parse(await fs.readFile(p, 'utf8')) as Record<string, unknown>;
const exists = (p: string) => fs.stat(p).then(() => true, () => false);

describe('recordFailure', () => {
  it('moves the file (watcher) and writes <name>.error.json with code, message, stage, time, sha256', async () => {
    const src = path.join(inbox, 'cv.pdf');
    await fs.writeFile(src, 'bytes');
    const error = new VanthuError('encrypted-pdf', 'cv.pdf is password-protected');
    const at = new Date('2026-11-26T10:00:00Z');
    const rec = await recordFailure(src, error, { dataDir, move: true, stage: 'pdf', now: () => at });
    expect(rec.path).toBe(path.join(failedDir(dataDir), 'cv.pdf'));
    expect(await exists(src)).toBe(false);
    expect(await fs.readFile(rec.path, 'utf8')).toBe('bytes');
    expect(await readJson(rec.errorPath)).toEqual({
      name: 'cv.pdf',
      code: 'encrypted-pdf',
      message: 'cv.pdf is password-protected',
      hint: error.hint,
      retryable: false,
      stage: 'pdf',
      time: '2026-11-26T10:00:00.000Z',
      sha256: sha('bytes'),
    });
    expect(rec.errorPath).toBe(`${rec.path}.error.json`);
  });

  it('copies (vanthu ingest never touches the user file) and avoids name clashes', async () => {
    const src = path.join(dir, 'scan.pdf');
    await fs.writeFile(src, 'one');
    const first = await recordFailure(src, new VanthuError('no-text-found', 'blank'), { dataDir, move: false });
    await fs.writeFile(src, 'two');
    const second = await recordFailure(src, new VanthuError('unreadable-file', 'broken'), { dataDir, move: false });
    expect(await fs.readFile(src, 'utf8')).toBe('two');
    expect(path.basename(first.path)).toBe('scan.pdf');
    expect(path.basename(second.path)).toBe('scan (1).pdf');
    expect(await fs.readFile(first.path, 'utf8')).toBe('one');
    expect(await fs.readFile(second.path, 'utf8')).toBe('two');
    expect((await readJson(first.errorPath)).code).toBe('no-text-found');
    expect((await readJson(second.errorPath)).code).toBe('unreadable-file');
    expect((await listFailed(dataDir)).map((r) => r.name).sort()).toEqual(['scan (1).pdf', 'scan.pdf']);
  });

  it('turns a non-VanthuError into one with a code and keeps its message', async () => {
    const src = path.join(dir, 'x.png');
    await fs.writeFile(src, 'x');
    const rec = await recordFailure(src, new Error('boom'), { dataDir, move: false, stage: 'ocr' });
    expect(rec.record.code).toBeTypeOf('string');
    expect(rec.record.message).toBe('boom');
    expect(rec.record.stage).toBe('ocr');
  });
});

describe('recordJobFailure', () => {
  it('moves the inbox file when it still holds the same bytes', async () => {
    const src = path.join(inbox, 'a.pdf');
    await fs.writeFile(src, 'A');
    const stored = await storeOriginal(src, dataDir);
    const job = { fileId: stored.sha256, path: stored.path, name: 'a.pdf', sourcePath: src };
    const rec = await recordJobFailure(job, new VanthuError('too-large', 'big'), { dataDir });
    expect(await exists(src)).toBe(false);
    expect(path.basename(rec.path)).toBe('a.pdf');
    expect(await exists(stored.path)).toBe(true); // the original stays in storage
  });

  it('copies the stored original under the dropped name when the inbox file is gone or replaced', async () => {
    const src = path.join(inbox, 'a.pdf');
    await fs.writeFile(src, 'A');
    const stored = await storeOriginal(src, dataDir);
    await fs.writeFile(src, 'newer version');
    const job = { fileId: stored.sha256, path: stored.path, name: 'a.pdf', sourcePath: src };
    const rec = await recordJobFailure(job, new VanthuError('no-text-found', 'blank'), { dataDir });
    expect(await fs.readFile(src, 'utf8')).toBe('newer version');
    expect(await fs.readFile(rec.path, 'utf8')).toBe('A');
    expect(rec.record.sha256).toBe(stored.sha256);
    const gone = await recordJobFailure({ ...job, sourcePath: null }, new VanthuError('no-text-found', 'blank'), { dataDir });
    expect(path.basename(gone.path)).toBe('a (1).pdf');
    expect(await exists(stored.path)).toBe(true);
  });
});

describe('recordSuccess', () => {
  it('removes the inbox file, but not one replaced by other bytes', async () => {
    const src = path.join(inbox, 'a.pdf');
    await fs.writeFile(src, 'A');
    expect(await recordSuccess(src, { sha256: sha('other') })).toBe(false);
    expect(await exists(src)).toBe(true);
    expect(await recordSuccess(src, { sha256: sha('A') })).toBe(true);
    expect(await exists(src)).toBe(false);
    expect(await recordSuccess(src)).toBe(false);
  });

  it('recordJobSuccess leaves files alone when the job has no sourcePath', async () => {
    const src = path.join(dir, 'user.pdf');
    await fs.writeFile(src, 'U');
    expect(await recordJobSuccess({ fileId: sha('U'), path: src, name: 'user.pdf', sourcePath: null })).toBe(false);
    expect(await exists(src)).toBe(true);
  });
});

describe('requeueFailed', () => {
  it('moves the failed file back into the inbox and removes its error record', async () => {
    const src = path.join(inbox, 'cv.pdf');
    await fs.writeFile(src, 'bytes');
    const rec = await recordFailure(src, new VanthuError('ocr-timeout', 'slow'), { dataDir, move: true });
    await fs.writeFile(src, 'another file with the same name');
    const back = await requeueFailed('cv.pdf', { dataDir, inboxDir: inbox });
    expect(back).toBe(path.join(inbox, 'cv (1).pdf'));
    expect(await fs.readFile(back, 'utf8')).toBe('bytes');
    expect(await exists(rec.path)).toBe(false);
    expect(await exists(rec.errorPath)).toBe(false);
    expect(await listFailed(dataDir)).toEqual([]);
  });

  it('refuses names that are not plain failed files', async () => {
    await expect(requeueFailed('../etc/passwd', { dataDir, inboxDir: inbox })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(requeueFailed('a.pdf.error.json', { dataDir, inboxDir: inbox })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(requeueFailed('nothing.pdf', { dataDir, inboxDir: inbox })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('failureOfResult', () => {
  it('maps a failed FileResult to a VanthuError with its code, and a done one to null', () => {
    const base = { file: 'a.pdf', sha256: sha('a'), pages: 0, documents: [] };
    expect(failureOfResult({ ...base, status: 'done', error: null })).toBeNull();
    const err = failureOfResult({ ...base, status: 'failed', error: { code: 'encrypted-pdf', message: 'locked' } });
    expect(err).toMatchObject({ code: 'encrypted-pdf', message: 'locked', retryable: false });
  });
});
