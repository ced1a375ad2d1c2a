export * from './connection.js';
export * from './ingest.js';
export * from './producer.js';
export type { ProcessFile } from './types.js';
