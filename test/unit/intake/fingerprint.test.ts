import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Config } from '../../../schemas/config.js';
import { VanthuError } from '../../../src/errors.js';
import { originalPath, safeExtension, sha256File, storeOriginal } from '../../../src/intake/fingerprint.js';
import { intakeFile } from '../../../src/intake/intake.js';

let dir: string;
let dataDir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-fp-'));
  dataDir = path.join(dir, 'data');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('sha256File', () => {
  it('matches a one-shot hash, also for a file larger than one stream chunk', async () => {
    const bytes = Buffer.alloc(300_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 251;
    const file = path.join(dir, 'big.bin');
    await fs.writeFile(file, bytes);
    expect(await sha256File(file)).toBe(sha(bytes));
  });
});

describe('storeOriginal', () => {
  it('copies into originals/<aa>/<sha256><.ext> and leaves the source alone', async () => {
    const src = path.join(dir, 'Công văn 123.PDF');
    await fs.writeFile(src, '%PDF-1.4 hello');
    const stored = await storeOriginal(src, dataDir);
    const h = sha('%PDF-1.4 hello');
    expect(stored).toEqual({ sha256: h, path: path.join(dataDir, 'originals', h.slice(0, 2), `${h}.pdf`), size: 14, existed: false });
    expect(await fs.readFile(stored.path, 'utf8')).toBe('%PDF-1.4 hello');
    expect(await fs.readFile(src, 'utf8')).toBe('%PDF-1.4 hello');
    expect(originalPath(dataDir, h, 'x.pdf')).toBe(stored.path);
  });

  it('is idempotent: the same bytes again write nothing and leave no temp files', async () => {
    const a = path.join(dir, 'a.pdf');
    const b = path.join(dir, 'b.pdf');
    await fs.writeFile(a, 'same bytes');
    await fs.writeFile(b, 'same bytes');
    const first = await storeOriginal(a, dataDir);
    const before = await fs.stat(first.path);
    const second = await storeOriginal(b, dataDir);
    expect(second.existed).toBe(true);
    expect(second.path).toBe(first.path);
    expect((await fs.stat(second.path)).mtimeMs).toBe(before.mtimeMs);
    expect(await fs.readdir(path.join(dataDir, 'originals', '.tmp'))).toEqual([]);
  });

  it('leaves no temp file behind when the source cannot be read', async () => {
    await expect(storeOriginal(path.join(dir, 'missing.pdf'), dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await fs.readdir(path.join(dataDir, 'originals', '.tmp'))).toEqual([]);
  });

  it('keeps only short plain extensions', () => {
    expect(safeExtension('a.TIFF')).toBe('.tiff');
    expect(safeExtension('noext')).toBe('');
    expect(safeExtension('a.we!rd')).toBe('');
  });
});

describe('intakeFile', () => {
  const config = (over: Partial<Config> = {}): Config => ({ ...Config.parse({}), dataDir, ...over });

  it('builds the job: sha256 id, stored path, dropped name, no sourcePath unless consuming', async () => {
    const src = path.join(dir, 'qd-15.pdf');
    await fs.writeFile(src, 'scan');
    const job = await intakeFile(src, config());
    expect(job).toEqual({ fileId: sha('scan'), path: originalPath(dataDir, sha('scan'), 'qd-15.pdf'), name: 'qd-15.pdf', sourcePath: null });
    const consumed = await intakeFile(src, config(), { consume: true });
    expect(consumed.sourcePath).toBe(src);
    await expect(fs.readFile(consumed.path, 'utf8')).resolves.toBe('scan');
  });

  it('refuses empty, too large and unreadable files with VanthuErrors', async () => {
    const empty = path.join(dir, 'empty.pdf');
    await fs.writeFile(empty, '');
    await expect(intakeFile(empty, config())).rejects.toMatchObject({ code: 'empty-file', stage: 'intake' });
    const big = path.join(dir, 'big.pdf');
    await fs.writeFile(big, 'x'.repeat(100));
    const tooLarge = intakeFile(big, config({ limits: { ...Config.parse({}).limits, maxFileBytes: 10 } }));
    await expect(tooLarge).rejects.toBeInstanceOf(VanthuError);
    await expect(tooLarge).rejects.toMatchObject({ code: 'too-large' });
    await expect(intakeFile(path.join(dir, 'missing.pdf'), config())).rejects.toMatchObject({ code: 'unreadable-file' });
    await expect(intakeFile(dir, config())).rejects.toMatchObject({ code: 'unreadable-file' });
  });
});
