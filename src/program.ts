/** The vanthu commands; src/cli.ts is the entry point that loads this module. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { FileResults, type FileResult } from '../schemas/document.js';
import { loadConfig, type Config } from './config.js';
import { isVanthuError } from './errors.js';
import { evaluate, formatReport, type TruthFile } from './eval/compare.js';
import { listFailed, requeueFailed } from './intake/outcome.js';
import { createLogger, type Logger } from './log.js';
import { recordFileFailure } from './pipeline/failure.js';
import { ingestPaths } from './pipeline/ingest.js';
import { createProcessor } from './pipeline/process.js';
import { describeResult } from './report.js';
import { openStore } from './store/index.js';
import { runWatch, runWorkers } from './pipeline/services.js';

interface CommonOptions {
  data?: string;
  json?: boolean;
}

interface RedoOptions {
  force?: boolean;
  reread?: boolean;
}

function setup(options: CommonOptions): { config: Config; log: Logger } {
  const config = loadConfig({ dataDir: options.data });
  // With --json the terminal gets only the JSON; logs stay quiet unless LOG_LEVEL asks for them.
  const level = process.env.LOG_LEVEL ?? (options.json ? 'warn' : config.logLevel);
  return { config, log: createLogger(level) };
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function ingestCommand(paths: string[], options: CommonOptions & RedoOptions & { print?: boolean }): Promise<FileResult[]> {
  const print = options.print ?? true;
  const { config, log } = setup(options);
  const processor = await createProcessor(config, log, {
    onPage: (job, page) => progress(`  ${job.name}: page ${page.page} read (${page.source})`),
  });
  try {
    const results = await ingestPaths(paths, {
      config,
      processor,
      log,
      processOptions: { force: options.force, reread: options.reread },
      onStart: (file, index, total) => progress(`[${index + 1}/${total}] ${path.basename(file)}`),
      onResult: (result) => {
        if (print && !options.json) process.stdout.write(`${describeResult(result)}\n\n`);
      },
    });
    if (!print) return results;
    if (options.json) process.stdout.write(`${JSON.stringify(FileResults.parse(results), null, 2)}\n`);
    else progress(`Store: ${config.databaseUrl ? 'PostgreSQL' : path.join(config.dataDir, 'vanthu.db')}`);
    return results;
  } finally {
    await processor.close();
  }
}

async function readTruth(dir: string): Promise<TruthFile[]> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith('.truth.json') && !name.startsWith('graph.')).sort();
  const truths: TruthFile[] = [];
  for (const name of names) {
    const truth = JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as TruthFile & { files?: unknown };
    if (truth.files) continue; // per-page PNG truth of the seed: same documents as the PDF
    truths.push(truth);
  }
  return truths;
}

const program = new Command();
program.name('vanthu').description('Ingest, read and link Vietnamese administrative documents').showHelpAfterError();

program
  .command('ingest')
  .description('ingest files or folders in-process and print what was read')
  .argument('<paths...>', 'files or folders (folders: *.pdf, *.tif(f), *.jp(e)g, *.png)')
  .option('--json', 'print the output contract as JSON on stdout')
  .option('--data <dir>', 'data folder (store, originals, failed/); default $VANTHU_DATA_DIR or ./data')
  .option('--force', 'redo files already stored (their stored page text is reused: no OCR)')
  .option('--reread', 'with --force: read the pages again (OCR) instead of reusing the stored text')
  .action(async (paths: string[], options: CommonOptions & RedoOptions) => {
    await ingestCommand(paths, options);
  });

program
  .command('reprocess')
  .description('extract every stored file again from its stored page text (after an upgrade of the extractor)')
  .option('--reread', 'read the pages again (OCR) too')
  .option('--json', 'print the output contract as JSON on stdout')
  .option('--data <dir>', 'data folder')
  .action(async (options: CommonOptions & RedoOptions) => {
    const { config, log } = setup(options);
    const processor = await createProcessor(config, log);
    try {
      const stored = (await processor.store.listFiles()).filter((file) => file.originalPath && file.status === 'done');
      const results: FileResult[] = [];
      for (const [index, file] of stored.entries()) {
        progress(`[${index + 1}/${stored.length}] ${file.sourceName}`);
        const job = { fileId: file.sha256, path: file.originalPath ?? '', name: file.sourceName, sourcePath: null };
        const result = await processor.processFile(job, { force: true, reread: options.reread }).catch((error: unknown) =>
          recordFileFailure({ job, filePath: job.path, name: job.name }, error, { config, store: processor.store, log, move: false }),
        );
        results.push(result);
        if (!options.json) process.stdout.write(`${describeResult(result)}\n\n`);
      }
      if (options.json) process.stdout.write(`${JSON.stringify(FileResults.parse(results), null, 2)}\n`);
    } finally {
      await processor.close();
    }
  });

program
  .command('search')
  .description('accent-insensitive search of the stored documents')
  .argument('<query...>')
  .option('--json', 'print hits as JSON')
  .option('--limit <n>', 'at most this many hits', '20')
  .option('--data <dir>', 'data folder')
  .action(async (words: string[], options: CommonOptions & { limit: string }) => {
    const { config } = setup(options);
    const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      const hits = await store.search(words.join(' '), { limit: Number(options.limit) });
      if (options.json) process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`);
      else if (hits.length === 0) process.stdout.write('no match\n');
      else for (const hit of hits) process.stdout.write(`${hit.key}  ${hit.type ?? ''} ${hit.date ?? ''}  ${hit.issuer ?? ''}\n    ${hit.subject ?? ''}\n`);
    } finally {
      await store.close();
    }
  });

program
  .command('trace')
  .description('how a directive was handed down: who received it, when, and who acted on it')
  .argument('<ref>', 'a number/symbol ("1486/QĐ-TTg") or a node key ("1486/QĐ-TTg@2018")')
  .option('--json', 'print the tree as JSON')
  .option('--data <dir>', 'data folder')
  .action(async (ref: string, options: CommonOptions) => {
    const { config } = setup(options);
    const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      const tree = await store.trace(ref);
      process.stdout.write(options.json ? `${JSON.stringify(tree, null, 2)}\n` : `${store.formatTrace(tree)}\n`);
    } finally {
      await store.close();
    }
  });

program
  .command('export')
  .description('print every stored file result')
  .option('--format <format>', 'json', 'json')
  .option('--data <dir>', 'data folder')
  .action(async (options: CommonOptions & { format: string }) => {
    if (options.format !== 'json') throw new Error(`unknown export format: ${options.format} (json)`);
    const { config } = setup({ ...options, json: true });
    const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    try {
      process.stdout.write(`${JSON.stringify(FileResults.parse(await store.exportFiles()), null, 2)}\n`);
    } finally {
      await store.close();
    }
  });

program
  .command('watch')
  .description('watch a folder: enqueue into BullMQ when REDIS_URL is set, else process in-process')
  .argument('<dir>')
  .option('--data <dir>', 'data folder')
  .action(async (dir: string, options: CommonOptions) => {
    const { config, log } = setup(options);
    await runWatch(dir, config, log);
  });

program
  .command('work')
  .description('run BullMQ workers (needs REDIS_URL)')
  .option('--data <dir>', 'data folder')
  .option('--concurrency <n>', 'files processed at once by this worker')
  .action(async (options: CommonOptions & { concurrency?: string }) => {
    const { config, log } = setup(options);
    await runWorkers(config, log, options.concurrency ? Number(options.concurrency) : undefined);
  });

program
  .command('failed')
  .description('list the files under <data>/failed/ and why each failed')
  .option('--json', 'print the failure records as JSON')
  .option('--data <dir>', 'data folder')
  .action(async (options: CommonOptions) => {
    const { config } = setup(options);
    const records = await listFailed(config.dataDir);
    if (options.json) process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
    else if (records.length === 0) process.stdout.write('no failed files\n');
    else for (const r of records) process.stdout.write(`${r.name}  ${r.code}${r.stage ? ` (${r.stage})` : ''}  ${r.time}\n    ${r.message}\n`);
  });

program
  .command('requeue')
  .description('move a failed file back into the watched inbox, so the watcher takes it again')
  .argument('<name>', 'a file name under <data>/failed/ (see `vanthu failed`)')
  .requiredOption('--inbox <dir>', 'the folder `vanthu watch` watches')
  .option('--data <dir>', 'data folder')
  .action(async (name: string, options: CommonOptions & { inbox: string }) => {
    const { config } = setup(options);
    const dest = await requeueFailed(name, { dataDir: config.dataDir, inboxDir: options.inbox });
    process.stdout.write(`${dest}\n`);
  });

program
  .command('eval')
  .description('ingest a folder holding *.truth.json beside its files and print per-field accuracy')
  .argument('<dir>')
  .option('--json', 'print the report as JSON')
  .option('--data <dir>', 'data folder (default: a fresh temporary one); a folder of an earlier eval is re-extracted from its stored page text')
  .option('--reread', 'with --data: read the pages again (OCR) instead of reusing the stored text')
  .option('--mismatches', 'list every mismatching field')
  .action(async (dir: string, options: CommonOptions & RedoOptions & { mismatches?: boolean }) => {
    const truths = await readTruth(dir);
    const data = options.data ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-eval-')));
    const files = truths.map((truth) => path.join(dir, truth.file));
    const results = await ingestCommand(files, { data, json: true, print: false, force: true, reread: options.reread });
    const report = evaluate(truths, results);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return;
    }
    process.stdout.write(`${formatReport(report)}\n`);
    if (options.mismatches) {
      for (const miss of report.mismatches) {
        process.stdout.write(`${miss.file}#${miss.document} ${miss.field}: expected ${JSON.stringify(miss.expected)} got ${JSON.stringify(miss.actual)}\n`);
      }
    }
  });

await program.parseAsync(process.argv).catch((error: unknown) => {
  if (isVanthuError(error)) process.stderr.write(`vanthu: ${error.code}: ${error.message}\n${error.hint}\n`);
  else process.stderr.write(`vanthu: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
