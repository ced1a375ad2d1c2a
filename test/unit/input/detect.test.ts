import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFormat, sniffFormat } from '../../../src/stages/input/detect.js';
import { VanthuError } from '../../../src/errors.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vanthu-detect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const limits = { maxFileBytes: 1000 };

async function file(name: string, bytes: Buffer | string): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, bytes);
  return p;
}

async function errorOf(promise: Promise<unknown>): Promise<VanthuError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(VanthuError);
  return error as VanthuError;
}

describe('sniffFormat', () => {
  it('knows the four formats by their magic bytes', () => {
    expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('png');
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(sniffFormat(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))).toBe('tiff');
    expect(sniffFormat(Buffer.from('junk\r\n%PDF-1.4'))).toBe('pdf');
    expect(sniffFormat(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe('detectFormat', () => {
  it('detects by content, not by name', async () => {
    const p = await file('scan.jpg', Buffer.from('%PDF-1.4\n...'));
    expect(await detectFormat(p, limits)).toEqual({ format: 'pdf', bytes: 12 });
  });

  it('rejects a zero-byte file as empty-file', async () => {
    const p = await file('empty.pdf', Buffer.alloc(0));
    expect((await errorOf(detectFormat(p, limits))).code).toBe('empty-file');
  });

  it('rejects a text file named .jpg as unsupported-format with a clear message', async () => {
    const p = await file('IMG_0001.jpg', 'This is not an image, just some text.\n');
    const error = await errorOf(detectFormat(p, limits));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/not a PDF, TIFF, JPEG or PNG/);
    expect(error.message).toMatch(/look like text/);
  });

  it('rejects a file above limits.maxFileBytes as too-large', async () => {
    const p = await file('big.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000)]));
    expect((await errorOf(detectFormat(p, limits))).code).toBe('too-large');
  });

  it('reports a missing file as unreadable-file', async () => {
    expect((await errorOf(detectFormat(path.join(dir, 'nope.pdf'), limits))).code).toBe('unreadable-file');
  });
});
