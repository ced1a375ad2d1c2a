import { stat } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Config } from '../../schemas/config.js';
import { VanthuError } from '../errors.js';
import type { Logger } from '../log.js';
import { canOpenForReading, StabilityTracker, type Clock } from './stability.js';

/** Names the watcher never takes: hidden files, partial downloads, editor/office temp files, our JSON. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith('.') ||
    name.startsWith('~$') ||
    lower.endsWith('~') ||
    /\.(part|partial|crdownload|download|tmp|temp|swp|json)$/.test(lower)
  );
}

export interface WatchFolderOptions {
  /** stableMs; dataDir, when given and inside the watched folder, is never taken (no feedback loop). */
  config: Pick<Config, 'stableMs'> & Partial<Pick<Config, 'dataDir'>>;
  /** Called once per complete file (again only if the file changes afterwards). Errors are logged and retried after retryMs. */
  onStable: (path: string) => Promise<void>;
  log: Logger;
  /** How often pending files are stat'ed (default stableMs/4, between 50 and 1000 ms). */
  pollMs?: number;
  /** onStable calls running at once (default 1). */
  concurrency?: number;
  /** Delay before a file whose onStable threw is tried again (default 30 s). */
  retryMs?: number;
  /** Subfolder depth watched (default 10). */
  depth?: number;
  /** Use stat polling instead of inotify (network shares, some Docker set-ups). CHOKIDAR_USEPOLLING also works. */
  usePolling?: boolean;
  now?: Clock;
}

export interface FolderWatcher {
  /** Stops watching, waits for running onStable calls to finish. Idempotent. */
  stop(): Promise<void>;
}

interface Stamp {
  size: number;
  mtimeMs: number;
}

/**
 * Watches `dir` (and subfolders) for dropped files. A file is handed to onStable once its size and
 * mtime have stayed the same for config.stableMs (polled, not chokidar's awaitWriteFinish) and it
 * opens for reading. Files already present at start are taken too. Resolves once the initial scan
 * is done.
 */
export async function watchFolder(dir: string, opts: WatchFolderOptions): Promise<FolderWatcher> {
  const root = path.resolve(dir);
  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new VanthuError('invalid-input', `Not a folder: ${root}`);
  const dataDir = opts.config.dataDir ? path.resolve(opts.config.dataDir) : null;
  const isUnder = (p: string, parent: string): boolean => p === parent || p.startsWith(parent + path.sep);
  const log = opts.log.child({ component: 'watcher', dir: root });
  const stableMs = opts.config.stableMs;
  const pollMs = opts.pollMs ?? Math.min(1000, Math.max(50, Math.floor(stableMs / 4)));
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const retryMs = opts.retryMs ?? 30_000;
  const tracker = new StabilityTracker({ stableMs, now: opts.now });

  /** Files seen but not yet handed over. */
  const pending = new Set<string>();
  /** Files handed over, with the size/mtime they had: not taken again unless they change. */
  const handled = new Map<string, Stamp>();
  /** Stable files waiting for a free onStable slot, in order. */
  const ready: string[] = [];
  const running = new Map<string, Promise<void>>();
  /** Files that changed while their onStable was running: look again afterwards. */
  const touchedWhileRunning = new Set<string>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let polling = false;

  const see = (p: string): void => {
    if (stopped) return;
    if (running.has(p) || ready.includes(p)) {
      touchedWhileRunning.add(p);
      return;
    }
    pending.add(p);
  };

  const drop = (p: string): void => {
    pending.delete(p);
    handled.delete(p);
    tracker.forget(p);
  };

  const dispatch = (): void => {
    while (!stopped && running.size < concurrency && ready.length > 0) {
      const p = ready.shift() as string;
      const task = (async () => {
        let stamp: Stamp | null = null;
        try {
          const s = await stat(p);
          stamp = { size: s.size, mtimeMs: s.mtimeMs };
          log.info({ path: p, size: s.size }, 'file is stable');
          await opts.onStable(p);
          // Still in the inbox (e.g. queued, waiting for a worker): do not take it again unchanged.
          const after = await stat(p).catch(() => null);
          if (after) handled.set(p, stamp);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT' && stamp === null) return;
          log.error({ err: error, path: p, retryInMs: retryMs }, 'handling a dropped file failed; will retry');
          const t = setTimeout(() => {
            retryTimers.delete(t);
            see(p);
          }, retryMs);
          t.unref();
          retryTimers.add(t);
        }
      })().finally(() => {
        running.delete(p);
        tracker.forget(p);
        if (touchedWhileRunning.delete(p)) see(p);
        dispatch();
      });
      running.set(p, task);
    }
  };

  const poll = async (): Promise<void> => {
    if (polling || stopped) return;
    polling = true;
    try {
      for (const p of [...pending]) {
        let s;
        try {
          s = await stat(p);
        } catch {
          drop(p);
          continue;
        }
        if (!s.isFile()) {
          drop(p);
          continue;
        }
        const done = handled.get(p);
        if (done && done.size === s.size && done.mtimeMs === s.mtimeMs) {
          pending.delete(p);
          tracker.forget(p);
          continue;
        }
        if (tracker.observe({ path: p, size: s.size, mtimeMs: s.mtimeMs }) && (await canOpenForReading(p))) {
          pending.delete(p);
          handled.delete(p);
          ready.push(p);
        }
      }
      dispatch();
    } finally {
      polling = false;
    }
  };

  const timer = setInterval(() => {
    poll().catch((error: unknown) => log.error({ err: error }, 'watcher poll failed'));
  }, pollMs);

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: false,
    persistent: true,
    depth: opts.depth ?? 10,
    usePolling: opts.usePolling,
    ignored: (p: string) => {
      const abs = path.resolve(p);
      if (abs === root) return false;
      return isIgnoredName(path.basename(abs)) || (dataDir !== null && isUnder(abs, dataDir));
    },
  });
  watcher.on('add', see);
  watcher.on('change', see);
  watcher.on('unlink', drop);
  watcher.on('error', (error: unknown) => log.error({ err: error }, 'watcher error'));

  await new Promise<void>((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
  log.info({ stableMs, pollMs }, 'watching');

  return {
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      for (const t of retryTimers) clearTimeout(t);
      retryTimers.clear();
      await watcher.close();
      await Promise.allSettled([...running.values()]);
      log.info('stopped watching');
    },
  };
}
