import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileResults } from '../../schemas/document.js';
import { buildPdf } from '../helpers/pdf-builder.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/src/cli.js');
const sampleJpeg = path.join(root, 'samples/IMG_20190225_079468.jpg');

/** Runs the built CLI (npm test builds it first) with its own data folder. */
async function vanthu(args: string[], dataDir: string): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [cli, ...args, '--data', dataDir], {
    cwd: root,
    env: { ...process.env, VANTHU_OCR_WORKERS: '1', LOG_LEVEL: 'warn', REDIS_URL: '', DATABASE_URL: '' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('vanthu CLI', () => {
  let work: string;
  let inbox: string;
  let data: string;

  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-cli-'));
    inbox = path.join(work, 'in');
    data = path.join(work, 'data');
    await fs.mkdir(inbox);
    await fs.copyFile(sampleJpeg, path.join(inbox, 'report.jpg'));
    await fs.writeFile(path.join(inbox, 'notes.jpg'), 'Đây là một tệp văn bản, không phải ảnh.\n');
    await fs.writeFile(path.join(inbox, 'empty.pdf'), '');
    const text = [{ x: 72, y: 760, size: 12, text: 'So: 12/UBND-VP' }];
    await fs.writeFile(path.join(inbox, 'locked.pdf'), buildPdf([{ texts: text }], { encrypted: true }));
  });

  afterAll(async () => {
    await fs.rm(work, { recursive: true, force: true });
  });

  it('ingests a folder, records bad files under failed/ and keeps going', async () => {
    const { stdout } = await vanthu(['ingest', inbox, '--json'], data);
    const results = FileResults.parse(JSON.parse(stdout));
    const byName = new Map(results.map((r) => [r.file, r]));
    expect([...byName.keys()].sort()).toEqual(['empty.pdf', 'locked.pdf', 'notes.jpg', 'report.jpg']);
    expect(byName.get('locked.pdf')).toMatchObject({ status: 'failed', error: { code: 'encrypted-pdf' } });

    expect(byName.get('empty.pdf')).toMatchObject({ status: 'failed', error: { code: 'empty-file' } });
    expect(byName.get('notes.jpg')).toMatchObject({ status: 'failed', error: { code: 'unsupported-format' } });
    const report = byName.get('report.jpg')!;
    expect(report.status).toBe('done');
    expect(report.documents.map((d) => d.ref)).toEqual(['51/BC-STTTT']);

    const failed = (await fs.readdir(path.join(data, 'failed'))).sort();
    expect(failed).toEqual([
      'empty.pdf',
      'empty.pdf.error.json',
      'locked.pdf',
      'locked.pdf.error.json',
      'notes.jpg',
      'notes.jpg.error.json',
    ]);
    const reason = JSON.parse(await fs.readFile(path.join(data, 'failed', 'notes.jpg.error.json'), 'utf8'));
    expect(reason).toMatchObject({ code: 'unsupported-format', retryable: false });
    // `ingest` copies failures and never touches the user's files.
    expect((await fs.readdir(inbox)).sort()).toEqual(['empty.pdf', 'locked.pdf', 'notes.jpg', 'report.jpg']);
  });

  it('reports the same bytes again as a duplicate without redoing them', async () => {
    const { stdout } = await vanthu(['ingest', path.join(inbox, 'report.jpg'), '--json'], data);
    const [again] = FileResults.parse(JSON.parse(stdout));
    expect(again).toMatchObject({ status: 'duplicate', file: 'report.jpg' });
    expect(again!.documents.map((d) => d.ref)).toEqual(['51/BC-STTTT']);
  });

  it('finds the document accent-insensitively', async () => {
    const { stdout } = await vanthu(['search', 'so thong tin', 'nghe an', '51', '--json'], data);
    const hits = JSON.parse(stdout) as Array<{ key: string }>;
    expect(hits[0]?.key).toBe('51/BC-STTTT@2019');
  });

  it('exports every file, failed ones included', async () => {
    const { stdout } = await vanthu(['export', '--format', 'json'], data);
    const exported = FileResults.parse(JSON.parse(stdout));
    expect(exported.map((r) => `${r.file}:${r.status}`).sort()).toEqual([
      'empty.pdf:failed',
      'locked.pdf:failed',
      'notes.jpg:failed',
      'report.jpg:done',
    ]);
  });

  it('traces a document and prints human-readable ingest output', async () => {
    const trace = await vanthu(['trace', '51/BC-STTTT'], data);
    expect(trace.stdout).toContain('51/BC-STTTT');
    const human = await vanthu(['ingest', path.join(inbox, 'report.jpg')], data);
    expect(human.stdout).toContain('Báo cáo 51/BC-STTTT');
    expect(human.stdout).toContain('arrival');
  });

  it('fails with a typed message on a missing path', async () => {
    await expect(vanthu(['ingest', path.join(work, 'nope')], data)).rejects.toMatchObject({
      stderr: expect.stringContaining('invalid-input'),
    });
  });
});
