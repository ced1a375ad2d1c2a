import path from 'node:path';
import { Config } from '../schemas/config.js';

export type { Config };

/** "0"/"false"/"no"/"off" turn a switch off, anything else set turns it on; unset keeps the default. */
function envSwitch(value: string | undefined): boolean | undefined {
  if (!value) return undefined;
  return !/^(0|false|no|off)$/i.test(value.trim());
}

/** The configuration from the environment, with command-line overrides; read once at start. */
export function loadConfig(overrides: { dataDir?: string } = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const config = Config.parse({
    dataDir: overrides.dataDir ?? env.VANTHU_DATA_DIR ?? 'data',
    redisUrl: env.REDIS_URL || null,
    databaseUrl: env.DATABASE_URL || null,
    logLevel: env.LOG_LEVEL || undefined,
    ocr: {
      workers: env.VANTHU_OCR_WORKERS || undefined,
      model: env.VANTHU_OCR_MODEL || undefined,
      dpi: env.VANTHU_OCR_DPI || undefined,
      pageTimeoutMs: env.VANTHU_OCR_PAGE_TIMEOUT_MS || undefined,
      recycleAfterPages: env.VANTHU_OCR_RECYCLE_AFTER_PAGES || undefined,
      maxRssMb: env.VANTHU_OCR_MAX_RSS_MB || undefined,
      maxSkewDegrees: env.VANTHU_OCR_MAX_SKEW_DEGREES || undefined,
    },
    limits: {
      maxFileBytes: env.VANTHU_MAX_FILE_BYTES || undefined,
      maxPages: env.VANTHU_MAX_PAGES || undefined,
      maxPagePixels: env.VANTHU_MAX_PAGE_PIXELS || undefined,
    },
    output: {
      searchablePdf: envSwitch(env.VANTHU_SEARCHABLE_PDF),
      previews: envSwitch(env.VANTHU_PAGE_PREVIEWS),
    },
    stableMs: env.VANTHU_STABLE_MS || undefined,
  });
  return { ...config, dataDir: path.resolve(config.dataDir) };
}
