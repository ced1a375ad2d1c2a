import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ARENA_LIMIT, needsArenaLimit, runWithArenaLimit } from '../../../src/allocator.js';

describe('needsArenaLimit', () => {
  it('restarts on glibc Linux when the user has not chosen a value', () => {
    expect(needsArenaLimit({}, 'linux', true)).toBe(true);
  });

  it('keeps a value the user set, even an empty one', () => {
    expect(needsArenaLimit({ MALLOC_ARENA_MAX: '8' }, 'linux', true)).toBe(false);
    expect(needsArenaLimit({ MALLOC_ARENA_MAX: '' }, 'linux', true)).toBe(false);
  });

  it('does nothing where glibc does not read the variable', () => {
    expect(needsArenaLimit({}, 'linux', false)).toBe(false);
    expect(needsArenaLimit({}, 'darwin', false)).toBe(false);
    expect(needsArenaLimit({}, 'win32', false)).toBe(false);
  });
});

describe('runWithArenaLimit', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs the script with MALLOC_ARENA_MAX set and passes its exit code back', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-arena-'));
    const out = path.join(dir, 'env.txt');
    const script = `require('node:fs').writeFileSync(${JSON.stringify(out)}, process.env.MALLOC_ARENA_MAX ?? 'unset'); process.exit(7);`;
    const code = await runWithArenaLimit(['-e', script], { stdio: 'ignore', env: { PATH: process.env.PATH } });
    expect(code).toBe(7);
    expect(await readFile(out, 'utf8')).toBe(ARENA_LIMIT);
  });

  it('passes SIGTERM on, so a service stops cleanly under a supervisor', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-arena-'));
    const out = path.join(dir, 'stopped.txt');
    const ready = path.join(dir, 'ready.txt');
    const script = [
      `const fs = require('node:fs');`,
      `process.on('SIGTERM', () => { fs.writeFileSync(${JSON.stringify(out)}, 'clean'); process.exit(0); });`,
      `fs.writeFileSync(${JSON.stringify(ready)}, 'x');`,
      `setInterval(() => {}, 1000);`,
    ].join('\n');
    const running = runWithArenaLimit(['-e', script], { stdio: 'ignore' });
    await waitFor(ready);
    process.emit('SIGTERM', 'SIGTERM');
    expect(await running).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('clean');
  });
});

async function waitFor(file: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await readFile(file);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`${file} never appeared`);
}
