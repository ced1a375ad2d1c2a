export { openStore } from './store.js';
export type { SaveMeta, SaveOutcome, Store, StoreOptions, StoredFile } from './store.js';
export { formatTrace } from './trace.js';
