import { Redis } from 'ioredis';
import { VanthuError } from '../errors.js';
import type { Logger } from '../log.js';

export type { Redis };

export interface ConnectRedisOptions {
  /**
   * true for BullMQ workers and QueueEvents (blocking commands): `maxRetriesPerRequest: null`, commands
   * wait through a Redis restart. false (producers: watcher, `vanthu ingest`): commands fail fast
   * while Redis is down instead of hanging.
   */
  worker?: boolean;
  /** Give up the first connection after this long (default 5 s). */
  connectTimeoutMs?: number;
  log?: Logger;
}

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(redisUrl: string): string {
  try {
    const u = new URL(redisUrl);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Connects to Redis and resolves once it answers, or throws VanthuError('queue-unavailable') quickly
 * when it cannot be reached. After the first success, dropped connections are retried for ever.
 * The caller owns the connection: `await redis.quit()` at shutdown.
 */
export async function connectRedis(redisUrl: string, opts: ConnectRedisOptions = {}): Promise<Redis> {
  const timeoutMs = opts.connectTimeoutMs ?? 5000;
  const where = redactRedisUrl(redisUrl);
  let everReady = false;
  let lastError: unknown = null;
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: opts.worker ? null : 1,
    enableOfflineQueue: opts.worker ? true : false,
    // No retries before the first success (fail fast); then back off up to 5 s for ever.
    retryStrategy: (times) => (everReady ? Math.min(200 * 2 ** Math.min(times, 5), 5000) : null),
  });
  redis.on('error', (error: Error) => {
    lastError = error;
    if (everReady) opts.log?.warn({ err: error, redis: where }, 'redis connection error');
  });
  redis.on('ready', () => {
    if (everReady) opts.log?.info({ redis: where }, 'redis connection restored');
    everReady = true;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    const reason = (lastError as Error | null)?.message ?? (error as Error).message;
    throw new VanthuError('queue-unavailable', `Redis at ${where} could not be reached: ${reason}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}
