import type { IngestJob } from '../../schemas/jobs.js';
import type { FileResult } from '../../schemas/document.js';

/**
 * The pipeline's single entry point: one stored original in, one FileResult out.
 * Throws VanthuError (its `retryable` flag decides whether a queue retries it).
 * The same function runs in-process (embedded default) and inside BullMQ workers.
 */
export type ProcessFile = (job: IngestJob) => Promise<FileResult>;
