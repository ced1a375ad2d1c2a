export type { ProcessFile } from '../intake/types.js';
