import { pino, type Logger } from 'pino';

export type { Logger };

/** Logs go to stderr so that `--json` output on stdout stays machine-readable. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'vanthu' } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
