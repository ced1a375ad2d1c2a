import type { IngestJob } from '../../schemas/jobs.js';
import type { FileResult } from '../../schemas/document.js';

/**
 * The pipeline's single entry point: one stored original in, one FileResult out.
 * Throws VanthuError (its `retryable` flag decides whether a queue retries it).
 * The same function runs in-process (embedded default) and inside BullMQ workers.
 */
export type ProcessFile = (job: IngestJob, options?: ProcessOptions) => Promise<FileResult>;

export interface ProcessOptions {
  /** Process again a file already stored as done (re-extraction), instead of reporting a duplicate. */
  force?: boolean;
  /** Read the pages again even when their text is stored from an earlier run. */
  reread?: boolean;
}

/** A file that failed: its job when intake got that far (original stored, sha256 known), else null. */
export interface FailedInput {
  job: IngestJob | null;
  /** The file as it was handed in (inbox path, or the path given to `vanthu ingest`). */
  filePath: string;
  /** Name to report and to file it under in failed/. */
  name: string;
}

/**
 * Records a failed file (store + failed/); supplied by the pipeline (src/pipeline/failure.ts), so that
 * intake needs no store. Must not throw.
 */
export type RecordFileFailure = (input: FailedInput, error: unknown) => Promise<FileResult>;
