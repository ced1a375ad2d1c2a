import { spawn, type StdioOptions } from 'node:child_process';
import os from 'node:os';

/**
 * glibc gives threads that allocate at once their own malloc arenas (up to 8 per core). With libvips
 * and the tesseract.js worker threads, freed page buffers stay scattered over those arenas and the
 * resident set keeps growing: over 17 dev pages with 2 OCR workers, peak RSS 640 MB by default and
 * 445 MB with 2 arenas (see the peak RSS row of `npm run bench:ocr`).
 * glibc reads MALLOC_ARENA_MAX once, when the process starts, so the CLI restarts itself with it set.
 */
export const ARENA_LIMIT = '2';

/** Restart only on glibc-based Linux, and never over a value the user chose (MALLOC_ARENA_MAX set, even empty). */
export function needsArenaLimit(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, glibc: boolean): boolean {
  return platform === 'linux' && glibc && env.MALLOC_ARENA_MAX === undefined;
}

export function isGlibc(): boolean {
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  return typeof report.header?.glibcVersionRuntime === 'string';
}

/** Signals passed on to the restarted process. SIGINT is not: Ctrl-C reaches the whole foreground group. */
const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGQUIT'];

/**
 * Runs this Node with `args` (script and its arguments) and MALLOC_ARENA_MAX set, forwards termination
 * signals, and resolves with the exit code the caller should use (128 + signal number when killed).
 */
export function runWithArenaLimit(args: string[], options: { stdio?: StdioOptions; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const env = { ...(options.env ?? process.env), MALLOC_ARENA_MAX: ARENA_LIMIT };
  const child = spawn(process.execPath, [...process.execArgv, ...args], { env, stdio: options.stdio ?? 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const ignoreInterrupt = () => undefined;
  for (const signal of FORWARDED) process.on(signal, forward);
  process.on('SIGINT', ignoreInterrupt);
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      for (const signal of FORWARDED) process.off(signal, forward);
      process.off('SIGINT', ignoreInterrupt);
    };
    child.on('error', (error) => {
      cleanUp();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      cleanUp();
      resolve(code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  });
}
