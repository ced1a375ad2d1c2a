import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileResult } from '../../schemas/document.js';
import type { IngestJob } from '../../schemas/jobs.js';
import type { Config } from '../config.js';
import { VanthuError } from '../errors.js';
import { intakeFile } from '../intake/intake.js';
import type { Logger } from '../log.js';
import { recordFileFailure } from './failure.js';
import type { ProcessOptions, Processor } from './process.js';

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

export interface IngestOptions {
  config: Config;
  processor: Processor;
  log: Logger;
  /** Files processed at once; pages of each go to the shared OCR pool. */
  concurrency?: number;
  /** Passed to every processFile call (force: redo files already stored). */
  processOptions?: ProcessOptions;
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
      results[index] = await options.processor.processFile(job, options.processOptions);
    } catch (error) {
      results[index] = await recordFileFailure({ job, filePath: file, name: job?.name ?? path.basename(file) }, error, {
        config: options.config,
        store: options.processor.store,
        log: options.log,
        move: false,
      });
    }
    options.onResult?.(results[index]!, index, files.length);
  };

  const lanes = Array.from({ length: Math.min(concurrency, files.length) }, async () => {
    while (next < files.length) await runOne(next++);
  });
  await Promise.all(lanes);
  return results;
}
