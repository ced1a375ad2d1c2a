import { open } from 'node:fs/promises';

/** Milliseconds since some fixed point; injected so tests can drive time. */
export type Clock = () => number;

export interface Observation {
  path: string;
  size: number;
  mtimeMs: number;
}

interface Seen {
  size: number;
  mtimeMs: number;
  /** Clock time when this (size, mtime) pair was first observed. */
  since: number;
}

/**
 * Decides when a dropped file is complete: its size and mtime have not changed for `stableMs`.
 * Pure: no I/O, no timers. Feed it observations (from stat) and ask.
 */
export class StabilityTracker {
  readonly stableMs: number;
  private readonly now: Clock;
  private readonly seen = new Map<string, Seen>();

  constructor(opts: { stableMs: number; now?: Clock }) {
    if (!(opts.stableMs >= 0)) throw new RangeError(`stableMs must be >= 0, got ${opts.stableMs}`);
    this.stableMs = opts.stableMs;
    this.now = opts.now ?? Date.now;
  }

  /**
   * Records one observation; returns true when this observation matches an earlier one made at
   * least stableMs ago with nothing different seen in between. A first or changed observation is
   * never stable, so a file needs two identical observations stableMs apart.
   */
  observe(obs: Observation): boolean {
    const now = this.now();
    const prev = this.seen.get(obs.path);
    if (!prev || prev.size !== obs.size || prev.mtimeMs !== obs.mtimeMs) {
      this.seen.set(obs.path, { size: obs.size, mtimeMs: obs.mtimeMs, since: now });
      return false;
    }
    return now - prev.since >= this.stableMs;
  }

  /** True when the last observation of `path` is at least stableMs old (without a new observation). */
  isStable(path: string): boolean {
    const prev = this.seen.get(path);
    return prev !== undefined && this.now() - prev.since >= this.stableMs;
  }

  /** Milliseconds until `path` could be stable if nothing changes; null when never observed. */
  remainingMs(path: string): number | null {
    const prev = this.seen.get(path);
    return prev ? Math.max(0, prev.since + this.stableMs - this.now()) : null;
  }

  forget(path: string): void {
    this.seen.delete(path);
  }

  tracked(): string[] {
    return [...this.seen.keys()];
  }
}

/** True when the file can be opened for reading right now (a writer holding it exclusively fails this). */
export async function canOpenForReading(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return true;
  } catch {
    return false;
  }
}
