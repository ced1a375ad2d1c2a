import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canOpenForReading, StabilityTracker } from '../../../src/intake/stability.js';

function fakeClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('StabilityTracker', () => {
  it('is stable only after the same size and mtime were seen stableMs apart', () => {
    const clock = fakeClock();
    const tracker = new StabilityTracker({ stableMs: 1000, now: clock.now });
    const obs = { path: '/in/a.pdf', size: 10, mtimeMs: 5 };
    expect(tracker.observe(obs)).toBe(false); // first sight
    clock.advance(999);
    expect(tracker.observe(obs)).toBe(false);
    clock.advance(1);
    expect(tracker.observe(obs)).toBe(true);
    expect(tracker.isStable('/in/a.pdf')).toBe(true);
  });

  it('restarts the wait when the size or the mtime changes', () => {
    const clock = fakeClock();
    const tracker = new StabilityTracker({ stableMs: 1000, now: clock.now });
    tracker.observe({ path: 'a', size: 10, mtimeMs: 5 });
    clock.advance(900);
    expect(tracker.observe({ path: 'a', size: 20, mtimeMs: 5 })).toBe(false); // grew
    clock.advance(900);
    expect(tracker.observe({ path: 'a', size: 20, mtimeMs: 6 })).toBe(false); // touched
    clock.advance(900);
    expect(tracker.observe({ path: 'a', size: 20, mtimeMs: 6 })).toBe(false);
    expect(tracker.remainingMs('a')).toBe(100);
    clock.advance(100);
    expect(tracker.observe({ path: 'a', size: 20, mtimeMs: 6 })).toBe(true);
  });

  it('needs two observations even with stableMs 0, and tracks files independently', () => {
    const clock = fakeClock();
    const tracker = new StabilityTracker({ stableMs: 0, now: clock.now });
    expect(tracker.observe({ path: 'a', size: 1, mtimeMs: 1 })).toBe(false);
    expect(tracker.observe({ path: 'b', size: 1, mtimeMs: 1 })).toBe(false);
    expect(tracker.observe({ path: 'a', size: 1, mtimeMs: 1 })).toBe(true);
    expect(tracker.tracked().sort()).toEqual(['a', 'b']);
  });

  it('forgets a file: the next observation starts over', () => {
    const clock = fakeClock();
    const tracker = new StabilityTracker({ stableMs: 10, now: clock.now });
    tracker.observe({ path: 'a', size: 1, mtimeMs: 1 });
    clock.advance(50);
    tracker.forget('a');
    expect(tracker.remainingMs('a')).toBeNull();
    expect(tracker.observe({ path: 'a', size: 1, mtimeMs: 1 })).toBe(false);
  });

  it('rejects a negative stableMs', () => {
    expect(() => new StabilityTracker({ stableMs: -1 })).toThrow(RangeError);
  });
});

describe('canOpenForReading', () => {
  it('is true for a readable file and false for a missing one', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-stab-'));
    try {
      const file = path.join(dir, 'x.pdf');
      await fs.writeFile(file, 'x');
      expect(await canOpenForReading(file)).toBe(true);
      expect(await canOpenForReading(path.join(dir, 'missing.pdf'))).toBe(false);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
