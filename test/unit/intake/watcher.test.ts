import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isIgnoredName, watchFolder, type FolderWatcher } from '../../../src/intake/watcher.js';
import { silentLogger } from '../../../src/log.js';

let dir: string;
let watcher: FolderWatcher | null = null;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-watch-'));
});
afterEach(async () => {
  await watcher?.stop();
  watcher = null;
  await fs.rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when check() is true; polls; rejects after a generous timeout. */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A clock that stands still until started, then runs 50x faster than real time. */
function controllableClock() {
  let t = 0;
  let timer: NodeJS.Timeout | null = null;
  return {
    now: () => t,
    run: () => {
      timer ??= setInterval(() => (t += 500), 10);
    },
    stop: () => timer && clearInterval(timer),
  };
}

describe('isIgnoredName', () => {
  it('ignores hidden files, partial downloads, temp files and JSON', () => {
    for (const name of ['.DS_Store', 'a.pdf.part', 'a.pdf.crdownload', 'x.tmp', 'a.pdf.error.json', '~$doc.docx', 'a.pdf~']) {
      expect(isIgnoredName(name), name).toBe(true);
    }
    for (const name of ['cv 123.pdf', 'scan.TIFF', 'ảnh.jpg']) expect(isIgnoredName(name), name).toBe(false);
  });
});

describe('watchFolder', () => {
  it('hands over a file written slowly in two chunks only once it is complete', async () => {
    const clock = controllableClock();
    const seen: { path: string; content: string }[] = [];
    watcher = await watchFolder(dir, {
      config: { stableMs: 1000 },
      pollMs: 20,
      now: clock.now,
      log: silentLogger,
      onStable: async (p) => {
        seen.push({ path: p, content: await fs.readFile(p, 'utf8') });
      },
    });
    const file = path.join(dir, 'công văn.pdf');
    const handle = await fs.open(file, 'w');
    await handle.write('first half;');
    await handle.sync();
    // Real time passes with the file half-written (many polls), but the stability clock stands still.
    await sleep(400);
    await handle.write('second half');
    await handle.close();
    clock.run();
    try {
      await until(() => seen.length > 0, 'onStable');
      await sleep(200); // a second, wrong call would show up here
    } finally {
      clock.stop();
    }
    expect(seen).toEqual([{ path: file, content: 'first half;second half' }]);
  });

  it('does not wait for ever: with real time the same file is taken after stableMs', async () => {
    const seen: string[] = [];
    watcher = await watchFolder(dir, { config: { stableMs: 200 }, log: silentLogger, onStable: async (p) => void seen.push(p) });
    await fs.writeFile(path.join(dir, 'a.pdf'), 'a');
    await until(() => seen.length === 1, 'onStable');
    expect(seen).toEqual([path.join(dir, 'a.pdf')]);
  });

  it('takes files already present at start, ignores *.part, and takes the file once renamed', async () => {
    await fs.mkdir(path.join(dir, 'sub'));
    await fs.writeFile(path.join(dir, 'sub', 'old.pdf'), 'old');
    await fs.writeFile(path.join(dir, 'new.pdf.part'), 'downloading');
    await fs.writeFile(path.join(dir, 'note.json'), '{}');
    await fs.writeFile(path.join(dir, '.hidden.pdf'), 'h');
    const seen: string[] = [];
    watcher = await watchFolder(dir, { config: { stableMs: 100 }, log: silentLogger, onStable: async (p) => void seen.push(p) });
    await until(() => seen.length === 1, 'the existing file');
    expect(seen).toEqual([path.join(dir, 'sub', 'old.pdf')]);
    // The ignored files have long been stable; renaming the partial download makes it a candidate.
    await sleep(300);
    expect(seen).toHaveLength(1);
    await fs.rename(path.join(dir, 'new.pdf.part'), path.join(dir, 'new.pdf'));
    await until(() => seen.length === 2, 'the renamed file');
    expect(seen[1]).toBe(path.join(dir, 'new.pdf'));
  });

  it('does not hand over a file again while it stays unchanged, but does after it changes', async () => {
    const seen: string[] = [];
    watcher = await watchFolder(dir, { config: { stableMs: 100 }, pollMs: 20, log: silentLogger, onStable: async (p) => void seen.push(p) });
    const file = path.join(dir, 'queued.pdf');
    await fs.writeFile(file, 'v1');
    await until(() => seen.length === 1, 'first hand-over');
    await fs.writeFile(file, 'version 2');
    await until(() => seen.length === 2, 'second hand-over after a change');
    await sleep(300);
    expect(seen).toEqual([file, file]);
  });

  it('retries a file whose handler failed, and stop() waits for a running handler', async () => {
    let calls = 0;
    let finished = false;
    watcher = await watchFolder(dir, {
      config: { stableMs: 50 },
      retryMs: 100,
      log: silentLogger,
      onStable: async () => {
        calls++;
        if (calls === 1) throw new Error('redis down');
        await sleep(300);
        finished = true;
      },
    });
    await fs.writeFile(path.join(dir, 'a.pdf'), 'a');
    await until(() => calls === 2, 'the retry');
    await watcher.stop();
    expect(finished).toBe(true);
  });

  it('never takes files under the data folder when it lies inside the watched folder', async () => {
    const dataDir = path.join(dir, 'data');
    await fs.mkdir(path.join(dataDir, 'originals', 'ab'), { recursive: true });
    await fs.writeFile(path.join(dataDir, 'originals', 'ab', 'x.pdf'), 'stored original');
    const seen: string[] = [];
    watcher = await watchFolder(dir, { config: { stableMs: 50, dataDir }, log: silentLogger, onStable: async (p) => void seen.push(p) });
    await fs.writeFile(path.join(dataDir, 'failed.pdf'), 'also data');
    await fs.writeFile(path.join(dir, 'real.pdf'), 'a scan');
    await until(() => seen.length >= 1, 'the scan');
    await sleep(300);
    expect(seen).toEqual([path.join(dir, 'real.pdf')]);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(watchFolder(path.join(dir, 'nope'), { config: { stableMs: 50 }, log: silentLogger, onStable: async () => {} })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });
});
