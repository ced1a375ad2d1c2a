import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileResult } from '../../schemas/document.js';
import type { IngestJob } from '../../schemas/jobs.js';
import type { Config } from '../config.js';
import { asVanthuError, VanthuError } from '../errors.js';
import { intakeFile } from '../intake/intake.js';
import { recordFailure } from '../intake/outcome.js';
import type { Logger } from '../log.js';
import { failedResult, type Processor } from './process.js';

/** Extensions taken when a folder is ingested; a file named explicitly is always tried. */
export const SCAN_EXTENSIONS = new Set(['.pdf', '.tif', '.tiff', '.jpg', '.jpeg', '.png']);

/** Files named on the command line, folders expanded (recursively, sorted) to the scans they hold. */
export async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat) throw new VanthuError('invalid-input', `No such file or folder: ${input}`);
    if (stat.isDirectory()) {
      const entries = await fs.readdir(input, { recursive: true, withFileTypes: true });
      const found = entries
        .filter((entry) => entry.isFile() && SCAN_EXTENSIONS.has(path.extname(entry.name).toLowerCase()))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort();
      files.push(...found);
    } else {
      files.push(input);
    }
  }
  return files;
}

export interface FailureContext {
  config: Config;
  processor: Pick<Processor, 'store'>;
  log: Logger;
  /** Move the source out of its folder (watcher) or leave it and copy (ingest). */
  move: boolean;
}

/** Stores the failed outcome and files the input under failed/ with its reason. */
export async function handleFailure(
  job: Pick<IngestJob, 'name' | 'fileId' | 'path'> & { sourcePath: string | null },
  error: unknown,
  context: FailureContext,
): Promise<FileResult> {
  const failure = asVanthuError(error);
  const result = failedResult(job, failure);
  context.log.warn({ file: job.name, code: failure.code, stage: failure.stage }, failure.message);
  await context.processor.store
    .saveFileResult(result, { originalPath: job.path || null, sourceName: job.name })
    .catch((storeError: unknown) => context.log.error({ err: storeError }, 'could not record the failure in the store'));
  await recordFailure(job.sourcePath ?? job.path, failure, {
    dataDir: context.config.dataDir,
    move: context.move,
    stage: failure.stage ?? 'pipeline',
    name: job.name,
    sha256: job.fileId || undefined,
  }).catch((moveError: unknown) => context.log.error({ err: moveError }, 'could not file the failed input under failed/'));
  return result;
}

export interface IngestOptions {
  config: Config;
  processor: Processor;
  log: Logger;
  /** Files processed at once; pages of each go to the shared OCR pool. */
  concurrency?: number;
  onStart?: (file: string, index: number, total: number) => void;
  onResult?: (result: FileResult, index: number, total: number) => void;
}

/** The embedded runner: every file in, one result per file out, failures recorded and skipped. */
export async function ingestPaths(inputs: string[], options: IngestOptions): Promise<FileResult[]> {
  const files = await expandInputs(inputs);
  const results: FileResult[] = new Array(files.length);
  const concurrency = Math.max(1, options.concurrency ?? options.config.ocr.workers);
  let next = 0;

  const runOne = async (index: number): Promise<void> => {
    const file = files[index]!;
    options.onStart?.(file, index, files.length);
    let job: IngestJob | null = null;
    try {
      job = await intakeFile(file, options.config);
      results[index] = await options.processor.processFile(job);
    } catch (error) {
      const name = path.basename(file);
      results[index] = await handleFailure(
        job ?? { name, fileId: '', path: '', sourcePath: file },
        error,
        { config: options.config, processor: options.processor, log: options.log, move: false },
      );
    }
    options.onResult?.(results[index]!, index, files.length);
  };

  const lanes = Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    while (next < files.length) await runOne(next++);
  });
  await Promise.all(lanes);
  return results;
}
