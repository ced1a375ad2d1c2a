import { z } from 'zod';

/** Payloads carry ids and paths, never file contents. */
export const IngestJob = z.object({
  /** sha256 of the file's bytes: the job id, so the same file is never processed twice at once. */
  fileId: z.string().regex(/^[0-9a-f]{64}$/),
  /** Path of the content-addressed original. */
  path: z.string(),
  /** Name the file had when it was dropped. */
  name: z.string(),
  /** Where it was dropped, so the intake can move it to failed/ or done/. */
  sourcePath: z.string().nullable(),
});
export type IngestJob = z.infer<typeof IngestJob>;

export const QUEUE_INGEST = 'vanthu-ingest';
