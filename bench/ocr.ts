/**
 * OCR benchmark: vanthu (readPages + TesseractPool, project defaults, 2 workers) against the native
 * tesseract CLI (`-l vie`, OMP_THREAD_LIMIT=1, 2 processes at once) on the same page images, plus the
 * PDF text-layer path, over the development corpus (../shared/corpus or $VANTHU_CORPUS).
 *
 *   npm run bench:ocr [-- --set dev|seed|all] [--limit N] [--verbose] [--model 4.0.0|4.0.0_best_int]
 *                        [--no-native] [--pages DIR]
 *
 * --model: the vanthu language data flavour (default: the configured one). --no-native: vanthu only.
 * --pages DIR: keep the rendered page images in DIR and reuse them on the next run.
 *
 * Page images are rendered to PNG in a temporary folder first (PDF pages with the project's own
 * renderer openPdf at the configured dpi, image pages with openImage); that time is counted for neither
 * engine. vanthu runs in a child process of its own so its peak RSS is vanthu's alone.
 */
import { distance } from 'fastest-levenshtein';
import { fork, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { loadConfig, type Config } from '../src/config.js';
import { detectFormat } from '../src/stages/input/detect.js';
import { openImage } from '../src/stages/input/image.js';
import { openPdf } from '../src/stages/input/pdf.js';
import { OCR_PASSES, TesseractPool, type OcrPassStats } from '../src/stages/ocr/tesseract.js';
import type { OcrConfig } from '../schemas/config.js';
import { readPages } from '../src/stages/read-pages.js';
import type { PageText } from '../schemas/page.js';
import { ARENA_LIMIT } from '../src/allocator.js';

const WORKERS = 2;
/** How often the text-layer PDFs are read: once cold, then for the steady rate. */
const TEXT_LAYER_PASSES = 5;

const TARGETS = {
  cerCleanLight: 0.01,
  cerHeavy: 0.03,
  throughputVsNative: 1.0,
  peakRssMb: 600,
  textLayerPagesPerMin: 600,
};

type Degradation = 'clean' | 'light' | 'heavy';

interface Truth {
  file?: string;
  bad?: string | null;
  degradation?: Degradation | null;
  pages?: number;
  textLayer?: boolean;
  documents?: Array<{ text?: string }>;
}

/** One corpus file to benchmark. */
interface BenchFile {
  id: string;
  set: string;
  path: string;
  pages: number;
  degradation: Degradation;
  textLayer: boolean;
  truthText: string;
}

/** Per-file reading: the text of each page, in page order. */
type Readings = Record<string, string[]>;

interface ChildJob {
  mode: 'ocr' | 'text-layer';
  /** ocr: page PNGs per file; text-layer: the original file as one item. */
  files: Array<{ id: string; inputs: string[] }>;
  model?: OcrConfig['model'];
}

interface ChildResult {
  ms: number;
  /** text-layer mode: the first of TEXT_LAYER_PASSES passes (cold start included). */
  firstPassMs: number;
  maxRssKb: number;
  pages: number;
  readings: Readings;
  errors: string[];
  ocrPages: number;
  passes: OcrPassStats;
}

// ---------------------------------------------------------------- text measures

/** NFC, whitespace runs collapsed to one space, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Levenshtein distance (NFC Vietnamese is all in the BMP, so code units are characters). */
export function levenshtein(a: string, b: string): number {
  return distance(a, b);
}

/**
 * Order-insensitive word errors: truth and reading as multisets of whitespace tokens (case and
 * punctuation kept); errors = max(truth words not matched, read words not matched).
 */
export function bagOfWordsErrors(truth: string, read: string): { errors: number; words: number } {
  const count = new Map<string, number>();
  const truthWords = truth ? truth.split(' ') : [];
  const readWords = read ? read.split(' ') : [];
  for (const w of truthWords) count.set(w, (count.get(w) ?? 0) + 1);
  let matched = 0;
  for (const w of readWords) {
    const left = count.get(w) ?? 0;
    if (left > 0) {
      matched++;
      count.set(w, left - 1);
    }
  }
  return { errors: Math.max(truthWords.length - matched, readWords.length - matched), words: truthWords.length };
}

interface Score {
  files: number;
  dist: Record<Degradation | 'all', number>;
  len: Record<Degradation | 'all', number>;
  wordErrors: number;
  words: number;
  perFile: Array<{ id: string; cer: number; wer: number }>;
}

function score(files: BenchFile[], readings: Readings): Score {
  const zero = () => ({ clean: 0, light: 0, heavy: 0, all: 0 });
  const s: Score = { files: 0, dist: zero(), len: zero(), wordErrors: 0, words: 0, perFile: [] };
  for (const f of files) {
    const pages = readings[f.id];
    if (!pages) continue;
    const truth = normalizeText(f.truthText);
    const read = normalizeText(pages.join('\n'));
    const d = levenshtein(truth, read);
    const len = Array.from(truth).length;
    const bow = bagOfWordsErrors(truth, read);
    s.files++;
    s.dist[f.degradation] += d;
    s.len[f.degradation] += len;
    s.dist.all += d;
    s.len.all += len;
    s.wordErrors += bow.errors;
    s.words += bow.words;
    s.perFile.push({ id: f.id, cer: len ? d / len : 0, wer: bow.words ? bow.errors / bow.words : 0 });
  }
  return s;
}

// ---------------------------------------------------------------- corpus

async function loadCorpus(root: string, sets: string[]): Promise<BenchFile[]> {
  const out: BenchFile[] = [];
  for (const set of sets) {
    const dir = path.join(root, set);
    if (!existsSync(dir)) throw new Error(`corpus folder ${dir} not found (set VANTHU_CORPUS)`);
    const names = (await readdir(dir)).filter((n) => n.endsWith('.truth.json') && n !== 'graph.truth.json').sort();
    for (const name of names) {
      const truth = JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Truth;
      if (!truth.file || truth.bad != null || !truth.documents || truth.documents.length === 0) continue;
      const file = path.join(dir, truth.file);
      if (!existsSync(file)) continue; // e.g. a truth over a glob of page images
      out.push({
        id: `${set}/${truth.file}`,
        set,
        path: file,
        pages: truth.pages ?? 1,
        degradation: truth.degradation ?? 'clean',
        textLayer: truth.textLayer === true,
        truthText: truth.documents.map((d) => d.text ?? '').join('\n'),
      });
    }
  }
  return out;
}

/** Whole files, in order, until at least `limit` pages are taken (at least one file). */
function takePages(files: BenchFile[], limit: number | null): BenchFile[] {
  if (limit === null) return files;
  const taken: BenchFile[] = [];
  let pages = 0;
  for (const f of files) {
    if (pages >= limit) break;
    taken.push(f);
    pages += f.pages;
  }
  return taken;
}

// ---------------------------------------------------------------- page images

/**
 * The PNG with a pHYs chunk giving `dpi` (300 when unknown, vanthu's own assumption), so both engines
 * see the scan's resolution: a 200-dpi scan stays 200, and tesseract does not guess. Any pHYs already
 * there (libvips writes one of its own) is replaced.
 */
export function withDpi(png: Buffer, dpi: number | null): Buffer {
  if (png.length < 33 || png.toString('latin1', 12, 16) !== 'IHDR') return png;
  const parts: Buffer[] = [png.subarray(0, 8)];
  const ppm = Math.round((dpi ?? 300) / 0.0254);
  const phys = Buffer.alloc(21);
  phys.writeUInt32BE(9, 0);
  phys.write('pHYs', 4, 'latin1');
  phys.writeUInt32BE(ppm, 8);
  phys.writeUInt32BE(ppm, 12);
  phys.writeUInt8(1, 16); // unit: metre
  phys.writeUInt32BE(crc32(phys.subarray(4, 17)), 17);
  let at = 8;
  while (at + 12 <= png.length) {
    const end = at + 12 + png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type !== 'pHYs') parts.push(png.subarray(at, end));
    if (type === 'IHDR') parts.push(phys);
    at = end;
  }
  return Buffer.concat(parts);
}

async function writePng(png: Buffer, dpi: number | null, out: string): Promise<void> {
  await writeFile(out, withDpi(png, dpi));
}

/** Renders every page of the OCR files to `dir`; returns the PNG paths per file. */
async function renderPages(files: BenchFile[], dir: string, config: Config): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await mkdir(dir, { recursive: true });
  for (const f of files) {
    const base = path.join(dir, f.id.replace(/[^\w.-]/gu, '_'));
    // A list of the pages written by an earlier run into the same --pages folder: reuse them.
    const list = `${base}.pages.json`;
    if (existsSync(list)) {
      out[f.id] = JSON.parse(await readFile(list, 'utf8')) as string[];
      continue;
    }
    const pngs: string[] = [];
    const { format } = await detectFormat(f.path, config.limits);
    if (format === 'pdf') {
      const pdf = await openPdf(f.path, config);
      try {
        for (let n = 1; n <= pdf.pageCount; n++) {
          const target = `${base}_p${String(n).padStart(3, '0')}.png`;
          const page = await pdf.page(n);
          if (page.image) await writePng(page.image.png, page.image.dpi, target);
          else {
            // A scan whose page the project would read from its text layer: rasterise it anyway.
            const r = spawnSync('pdftoppm', ['-r', String(config.ocr.dpi), '-f', String(n), '-l', String(n), '-png', '-singlefile', f.path, target.slice(0, -4)]);
            if (r.status !== 0) throw new Error(`pdftoppm failed on ${f.id} page ${n}`);
          }
          pngs.push(target);
        }
      } finally {
        await pdf.close();
      }
    } else {
      const image = await openImage(f.path, config.limits);
      for (let n = 1; n <= image.pageCount; n++) {
        const target = `${base}_p${String(n).padStart(3, '0')}.png`;
        const page = await image.page(n);
        await writePng(page.png, page.dpi, target);
        pngs.push(target);
      }
    }
    await writeFile(list, JSON.stringify(pngs));
    out[f.id] = pngs;
  }
  return out;
}

// ---------------------------------------------------------------- vanthu (child process)

function benchConfig(model?: OcrConfig['model']): Config {
  const config = loadConfig();
  return { ...config, ocr: { ...config.ocr, workers: WORKERS, model: model ?? config.ocr.model } };
}

async function runChild(job: ChildJob): Promise<ChildResult> {
  const config = benchConfig(job.model);
  const pool = new TesseractPool(config.ocr);
  const readings: Readings = {};
  const errors: string[] = [];
  let pages = 0;
  let ocrPages = 0;
  let firstPassMs = 0;
  const started = performance.now();
  try {
    if (job.mode === 'ocr') {
      // One page image per readPages call, two calls at once: both pool workers stay busy.
      const queue = job.files.flatMap((f) => f.inputs.map((input, index) => ({ id: f.id, input, index })));
      for (const f of job.files) readings[f.id] = new Array<string>(f.inputs.length).fill('');
      let next = 0;
      const lane = async () => {
        while (next < queue.length) {
          const item = queue[next++]!;
          try {
            const result = await readPages(item.input, { ocr: pool, config });
            readings[item.id]![item.index] = result.pages.map(documentText).join('\n');
            pages += result.pages.length;
            ocrPages += result.pages.filter((p) => p.source === 'ocr').length;
          } catch (error) {
            errors.push(`${item.id} page ${item.index + 1}: ${(error as Error).message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, lane));
    } else {
      // The first pass includes loading pdf.js and its font data; later passes show the steady rate
      // of a long-running ingest. Readings and errors come from the first pass.
      for (let pass = 0; pass < TEXT_LAYER_PASSES; pass++) {
        const passStart = performance.now();
        for (const f of job.files) {
          try {
            const result = await readPages(f.inputs[0]!, { ocr: pool, config });
            if (pass > 0) continue;
            readings[f.id] = result.pages.map(documentText);
            pages += result.pages.length;
            ocrPages += result.pages.filter((p) => p.source === 'ocr').length;
          } catch (error) {
            if (pass === 0) errors.push(`${f.id}: ${(error as Error).message}`);
          }
        }
        if (pass === 0) firstPassMs = performance.now() - passStart;
      }
    }
  } finally {
    await pool.close();
  }
  const ms = performance.now() - started;
  return { ms, firstPassMs, maxRssKb: process.resourceUsage().maxRSS, pages, readings, errors, ocrPages, passes: pool.stats() };
}

/**
 * A page's text as the truth counts it: without the arrival-stamp lines vanthu reads apart (kind
 * 'stamp'), since the truth text leaves stamps, seals and signatures out.
 */
function documentText(page: PageText): string {
  return page.lines
    .filter((l) => l.kind !== 'stamp')
    .map((l) => l.text)
    .join('\n');
}

function inChild(job: ChildJob): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    // The allocator setting the CLI runs with (src/allocator.ts), unless the caller chose one.
    const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? ARENA_LIMIT };
    const child = fork(fileURLToPath(import.meta.url), ['--child'], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: ChildResult | null = null;
    child.on('message', (message) => {
      result = message as ChildResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result) resolve(result);
      else reject(new Error(`bench child exited with code ${code} without a result`));
    });
    child.send(job);
  });
}

// ---------------------------------------------------------------- native tesseract

interface NativeInfo {
  version: string;
}

function nativeTesseract(): NativeInfo | null {
  const r = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const version = /tesseract\s+(\S+)/u.exec(`${r.stdout}${r.stderr}`)?.[1] ?? '?';
  const langs = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  if (!/^vie$/mu.test(`${langs.stdout}`)) return null;
  return { version };
}

interface NativeResult {
  ms: number;
  pages: number;
  readings: Readings;
  errors: string[];
  /** Max over time of the summed peak RSS of the tesseract processes running at that time. */
  peakConcurrentKb: number;
  peakSingleKb: number;
  rssMethod: string;
}

async function runNative(files: Array<{ id: string; inputs: string[] }>, tmp: string): Promise<NativeResult> {
  const gnuTime = existsSync('/usr/bin/time');
  const queue = files.flatMap((f) => f.inputs.map((input, index) => ({ id: f.id, input, index })));
  const readings: Readings = {};
  for (const f of files) readings[f.id] = new Array<string>(f.inputs.length).fill('');
  const runs: Array<{ start: number; end: number; kb: number }> = [];
  const errors: string[] = [];
  let next = 0;
  let pages = 0;
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const one = (input: string, timeFile: string) =>
    new Promise<{ text: string; kb: number; start: number; end: number; code: number | null; stderr: string }>((resolve, reject) => {
      const start = performance.now();
      const args = ['-l', 'vie', input, 'stdout'];
      const child = gnuTime ? spawn('/usr/bin/time', ['-f', '%M', '-o', timeFile, 'tesseract', ...args], { env }) : spawn('tesseract', args, { env });
      let text = '';
      let stderr = '';
      let sampledKb = 0;
      // Without GNU time: sample the process's own high-water mark (VmHWM) while it runs.
      const sampler = gnuTime
        ? null
        : setInterval(() => {
            readFile(`/proc/${child.pid}/status`, 'utf8')
              .then((s) => {
                const kb = Number(/VmHWM:\s+(\d+)/u.exec(s)?.[1] ?? 0);
                sampledKb = Math.max(sampledKb, kb);
              })
              .catch(() => undefined);
          }, 25);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => (text += d));
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => {
        if (sampler) clearInterval(sampler);
        const end = performance.now();
        const done = (kb: number) => resolve({ text, kb, start, end, code, stderr });
        if (!gnuTime) return done(sampledKb);
        readFile(timeFile, 'utf8')
          .then((s) => done(Number(/(\d+)\s*$/u.exec(s.trim())?.[1] ?? 0)))
          .catch(() => done(0));
      });
    });
  const started = performance.now();
  const lane = async () => {
    while (next < queue.length) {
      const k = next++;
      const item = queue[k]!;
      const r = await one(item.input, path.join(tmp, `time-${k}.txt`));
      if (r.code !== 0) errors.push(`${item.id} page ${item.index + 1}: exit ${r.code} ${r.stderr.trim().slice(0, 200)}`);
      readings[item.id]![item.index] = r.text;
      runs.push({ start: r.start, end: r.end, kb: r.kb });
      pages++;
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, lane));
  const ms = performance.now() - started;
  let peakConcurrentKb = 0;
  for (const r of runs) {
    // Summed peaks of the runs alive when this one started (an interval overlap maximum is at a start).
    const sum = runs.filter((o) => o.start <= r.start && o.end > r.start).reduce((s, o) => s + o.kb, 0);
    peakConcurrentKb = Math.max(peakConcurrentKb, sum);
  }
  return {
    ms,
    pages,
    readings,
    errors,
    peakConcurrentKb,
    peakSingleKb: Math.max(0, ...runs.map((r) => r.kb)),
    rssMethod: gnuTime ? 'GNU time %M per process' : '/proc VmHWM sampled every 25 ms',
  };
}

// ---------------------------------------------------------------- report

function pct(x: number, len: number): string {
  return len ? `${((100 * x) / len).toFixed(2)}%` : '-';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ');
  const sep = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n');
}

function mark(ok: boolean | null): string {
  return ok === null ? '' : ok ? ' ok' : ' MISS';
}

function scoreCells(s: Score): string[] {
  const cl = s.len.clean + s.len.light;
  return [
    pct(s.dist.all, s.len.all),
    pct(s.dist.clean + s.dist.light, cl),
    pct(s.dist.clean, s.len.clean),
    pct(s.dist.light, s.len.light),
    pct(s.dist.heavy, s.len.heavy),
    pct(s.wordErrors, s.words),
  ];
}

interface Args {
  sets: string[];
  limit: number | null;
  verbose: boolean;
  model: OcrConfig['model'] | undefined;
  native: boolean;
  pagesDir: string | null;
}

function parseArgs(argv: string[]): Args {
  let set = 'all';
  let limit: number | null = null;
  let verbose = false;
  let model: string | undefined;
  let native = true;
  let pagesDir: string | null = null;
  const value = (a: string, i: number): [string, number] => (a.includes('=') ? [a.slice(a.indexOf('=') + 1), i] : [argv[i + 1] ?? '', i + 1]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.split('=')[0];
    if (name === '--verbose') verbose = true;
    else if (name === '--no-native') native = false;
    else if (name === '--set' || name === '--limit' || name === '--model' || name === '--pages') {
      const [v, at] = value(a, i);
      i = at;
      if (name === '--set') set = v;
      else if (name === '--limit') limit = Number(v);
      else if (name === '--model') model = v;
      else pagesDir = path.resolve(v);
    } else throw new Error(`unknown argument ${a} (usage: --set dev|seed|all --limit N --verbose --model M --no-native --pages DIR)`);
  }
  if (!['dev', 'seed', 'all'].includes(set)) throw new Error(`--set must be dev, seed or all, not ${set}`);
  if (limit !== null && !(Number.isInteger(limit) && limit > 0)) throw new Error('--limit takes a positive whole number of pages');
  if (model !== undefined && model !== '4.0.0' && model !== '4.0.0_best_int') throw new Error('--model must be 4.0.0 or 4.0.0_best_int');
  return { sets: set === 'all' ? ['dev', 'seed'] : [set], limit, verbose, model, native, pagesDir };
}

/** Per-pass ms/page and tesseract calls/page of a vanthu run. */
function passTable(stats: OcrPassStats): string {
  const rows: string[][] = [['pass', 'ms/page', 'calls/page', 'share']];
  const total = OCR_PASSES.reduce((s, p) => s + stats.passes[p].ms, 0);
  const per = (x: number) => (stats.pages ? x / stats.pages : 0);
  for (const p of OCR_PASSES) {
    const { ms, calls } = stats.passes[p];
    rows.push([p, per(ms).toFixed(0), per(calls).toFixed(2), total ? `${((100 * ms) / total).toFixed(1)}%` : '-']);
  }
  rows.push(['all', per(total).toFixed(0), per(OCR_PASSES.reduce((s, p) => s + stats.passes[p].calls, 0)).toFixed(2), '100%']);
  return table(rows);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const projectRoot = fileURLToPath(new URL('../..', import.meta.url)); // dist/bench/ → project root
  const corpus = path.resolve(process.env.VANTHU_CORPUS ?? path.join(projectRoot, '..', 'shared', 'corpus'));
  const config = benchConfig(args.model);
  const all = await loadCorpus(corpus, args.sets);
  const ocrFiles = takePages(all.filter((f) => !f.textLayer), args.limit);
  const textFiles = takePages(all.filter((f) => f.textLayer), args.limit);
  const native = args.native ? nativeTesseract() : null;
  console.log(`corpus ${corpus} (sets: ${args.sets.join(', ')}${args.limit ? `, --limit ${args.limit} pages` : ''})`);
  console.log(`scanned/image files: ${ocrFiles.length}; text-layer PDFs: ${textFiles.length}; ${os.availableParallelism()} CPUs`);
  console.log(native ? `native tesseract: ${native.version}` : 'native tesseract: not installed');

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'vanthu-bench-'));
  try {
    const renderStart = performance.now();
    const pngs = await renderPages(ocrFiles, args.pagesDir ?? tmp, config);
    const jobFiles = ocrFiles.map((f) => ({ id: f.id, inputs: pngs[f.id]! }));
    const pageCount = jobFiles.reduce((s, f) => s + f.inputs.length, 0);
    console.log(`rendered ${pageCount} page images to PNG in ${((performance.now() - renderStart) / 1000).toFixed(1)} s (PDF pages with openPdf at ${config.ocr.dpi} dpi, images with openImage; not counted for either engine)`);

    const vanthu = await inChild({ mode: 'ocr', files: jobFiles, model: args.model });
    const nat = native ? await runNative(jobFiles, tmp) : null;
    const text = textFiles.length ? await inChild({ mode: 'text-layer', files: textFiles.map((f) => ({ id: f.id, inputs: [f.path] })), model: args.model }) : null;

    const perMin = (pages: number, ms: number) => (ms > 0 ? (pages * 60_000) / ms : 0);
    const vRate = perMin(vanthu.pages, vanthu.ms);
    const nRate = nat ? perMin(nat.pages, nat.ms) : null;
    const vScore = score(ocrFiles, vanthu.readings);
    const clOk = (s: Score) => (s.len.clean + s.len.light ? (s.dist.clean + s.dist.light) / (s.len.clean + s.len.light) <= TARGETS.cerCleanLight : null);
    const heavyOk = (s: Score) => (s.len.heavy ? s.dist.heavy / s.len.heavy <= TARGETS.cerHeavy : null);
    const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

    const header = ['engine', 'pages', 'pages/min', 'vs native', 'CER all', 'CER clean+light', 'CER clean', 'CER light', 'CER heavy', 'BoW WER', 'peak RSS'];
    const rows: string[][] = [header];
    const vCells = scoreCells(vScore);
    rows.push([
      `vanthu (readPages, ${WORKERS} workers)`,
      String(vanthu.pages),
      vRate.toFixed(1),
      nRate ? `${(vRate / nRate).toFixed(2)}x${mark(vRate / nRate >= TARGETS.throughputVsNative)}` : '-',
      vCells[0]!,
      `${vCells[1]!}${mark(clOk(vScore))}`,
      vCells[2]!,
      vCells[3]!,
      `${vCells[4]!}${mark(heavyOk(vScore))}`,
      vCells[5]!,
      `${mb(vanthu.maxRssKb)}${mark(vanthu.maxRssKb / 1024 <= TARGETS.peakRssMb)}`,
    ]);
    let nScore: Score | null = null;
    if (nat && native) {
      nScore = score(ocrFiles, nat.readings);
      rows.push([`native tesseract ${native.version} (-l vie, ${WORKERS} procs)`, String(nat.pages), nRate!.toFixed(1), '1.00x', ...scoreCells(nScore), mb(nat.peakConcurrentKb)]);
    } else {
      rows.push(['native tesseract', 'not installed', '-', '-', '-', '-', '-', '-', '-', '-', '-']);
    }
    let tScore: Score | null = null;
    if (text) {
      tScore = score(textFiles, text.readings);
      const coldRate = perMin(text.pages, text.firstPassMs);
      const warmRate = perMin(text.pages * (TEXT_LAYER_PASSES - 1), text.ms - text.firstPassMs);
      rows.push([`text-layer PDFs, first pass (cold)`, String(text.pages), coldRate.toFixed(1), '-', ...scoreCells(tScore), mb(text.maxRssKb)]);
      rows.push([`text-layer PDFs, passes 2-${TEXT_LAYER_PASSES} (warm)`, String(text.pages * (TEXT_LAYER_PASSES - 1)), `${warmRate.toFixed(1)}${mark(warmRate >= TARGETS.textLayerPagesPerMin)}`, '-', '', '', '', '', '', '', '']);
    } else {
      rows.push(['text-layer PDFs (readPages)', '0', '-', '-', '-', '-', '-', '-', '-', '-', '-']);
    }
    rows.push([
      'target (issue)',
      '',
      `text layer >=${TARGETS.textLayerPagesPerMin}`,
      `>=${TARGETS.throughputVsNative.toFixed(1)}x`,
      '',
      `<=${TARGETS.cerCleanLight * 100}%`,
      '',
      '',
      `<=${TARGETS.cerHeavy * 100}%`,
      '',
      `<=${TARGETS.peakRssMb} MB`,
    ]);
    console.log('');
    console.log(table(rows));
    console.log('');
    console.log('Notes:');
    console.log(`- Same page images for vanthu and native (${pageCount} PNGs); rendering them is excluded from both timings.`);
    console.log(`  vanthu: readPages on each page PNG, ${WORKERS} calls at once over one TesseractPool of ${WORKERS} workers (default config: model ${config.ocr.model}); time includes worker start-up.`);
    console.log(`  native: one \`tesseract -l vie page.png stdout\` process per page, OMP_THREAD_LIMIT=1, ${WORKERS} at once; time includes each process's model load.`);
    console.log('- CER: per file, concatenated reading vs its documents\' truth text, NFC, whitespace collapsed; summed edit distance / summed truth characters per class.');
    console.log('  The truth text leaves stamps out: vanthu\'s arrival-stamp lines (read apart, kind "stamp") are left out too; native has no such split.');
    console.log('  BoW WER: order-insensitive, max(truth words unmatched, read words unmatched) / truth words (whitespace tokens, case and punctuation kept).');
    console.log(`- peak RSS: vanthu = process.resourceUsage().maxRSS of a child process running only vanthu (Node + ${WORKERS} tesseract.js worker threads),`);
    console.log(`  with MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? ARENA_LIMIT} as the CLI runs (src/allocator.ts; set MALLOC_ARENA_MAX to compare).`);
    if (nat) {
      console.log(`  native = max over time of the summed per-process peak RSS (${nat.rssMethod}) of the tesseract processes running at once (an upper bound); single process peak ${mb(nat.peakSingleKb)}.`);
    }
    if (text) {
      console.log(`- text-layer rows: a separate child process reads the text-layer PDFs ${TEXT_LAYER_PASSES} times, one file after another;`);
      console.log(`  the first pass includes loading pdf.js and its fonts (paid once per process), the warm row is the steady rate. ${text.ocrPages} of ${text.pages} pages fell back to OCR.`);
    }
    const errors = [...vanthu.errors.map((e) => `vanthu: ${e}`), ...(nat?.errors ?? []).map((e) => `native: ${e}`), ...(text?.errors ?? []).map((e) => `text-layer: ${e}`)];
    if (errors.length) {
      console.log(`- ${errors.length} page errors (their text counts as empty):`);
      for (const e of errors.slice(0, 10)) console.log(`    ${e}`);
    }
    if (args.verbose) {
      console.log('');
      console.log(`vanthu passes (${vanthu.passes.pages} OCR pages; ms are wall time per page inside recognize(), ${WORKERS} pages at once):`);
      console.log(passTable(vanthu.passes));
      console.log('');
      const byId = (s: Score | null) => new Map((s?.perFile ?? []).map((p) => [p.id, p]));
      const n = byId(nScore);
      const t = byId(tScore);
      const detail: string[][] = [['file', 'degradation', 'pages', 'vanthu CER', 'native CER', 'vanthu BoW', 'native BoW']];
      for (const p of vScore.perFile) {
        const f = ocrFiles.find((x) => x.id === p.id)!;
        const q = n.get(p.id);
        detail.push([p.id, f.degradation, String(f.pages), `${(100 * p.cer).toFixed(2)}%`, q ? `${(100 * q.cer).toFixed(2)}%` : '-', `${(100 * p.wer).toFixed(2)}%`, q ? `${(100 * q.wer).toFixed(2)}%` : '-']);
      }
      for (const p of t.values()) {
        const f = textFiles.find((x) => x.id === p.id)!;
        detail.push([`${p.id} (text layer)`, f.degradation, String(f.pages), `${(100 * p.cer).toFixed(2)}%`, '-', `${(100 * p.wer).toFixed(2)}%`, '-']);
      }
      console.log(table(detail));
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  process.once('message', (job) => {
    runChild(job as ChildJob).then(
      (result) => process.send!(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
} else if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
