export * from './consume.js';
export * from './fingerprint.js';
export * from './intake.js';
export * from './outcome.js';
export * from './stability.js';
export type { FailedInput, ProcessFile, RecordFileFailure } from './types.js';
export * from './watcher.js';
