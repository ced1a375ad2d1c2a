import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord, FileResult } from '../../schemas/document.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { ingestPaths } from '../../src/pipeline/ingest.js';
import { createProcessor, type Processor } from '../../src/pipeline/process.js';

/**
 * The acceptance check of the walking skeleton: the seed dispatch (samples/, a copy of
 * shared/corpus/seed) through the real pipeline — pdfjs, tesseract.js, extraction, SQLite — must
 * give the truth file's values for the fields the product was conceived for.
 */
const root = path.resolve(import.meta.dirname, '../..');
const seedPdf = path.join(root, 'samples/000_47729b0b45449708.pdf');
const seedTruth = path.join(root, 'samples/000_47729b0b45449708.truth.json');

const HEADER_FIELDS = ['type', 'ref', 'number', 'symbol', 'issuedDate', 'place', 'issuer', 'subject', 'signer', 'recipients'] as const;

describe('the seed dispatch', () => {
  let work: string;
  let processor: Processor;
  let result: FileResult;
  let truth: { documents: DocumentRecord[] };

  beforeAll(async () => {
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'vanthu-seed-'));
    const config = loadConfig({ dataDir: work }, { VANTHU_OCR_WORKERS: '2' });
    processor = await createProcessor(config, silentLogger);
    [result] = (await ingestPaths([seedPdf], { config, processor, log: silentLogger })) as [FileResult];
    truth = JSON.parse(await fs.readFile(seedTruth, 'utf8'));
  });

  afterAll(async () => {
    await processor?.close();
    await fs.rm(work, { recursive: true, force: true });
  });

  it('splits the file into the letter and the decision it forwards', () => {
    expect(result.status).toBe('done');
    expect(result.pages).toBe(9);
    expect(result.documents.map((d) => d.pages)).toEqual(truth.documents.map((d) => d.pages));
  });

  it('reads the header fields of both documents exactly', () => {
    truth.documents.forEach((expected, index) => {
      const actual = result.documents[index]!;
      for (const field of HEADER_FIELDS) expect({ field, value: actual[field] }).toEqual({ field, value: expected[field] });
    });
  });

  it('reads the arrival stamp on the decision, and none on the letter', () => {
    const [letter, decision] = result.documents;
    expect(letter!.arrival).toBeNull();
    expect(decision!.arrival).toEqual({ receiver: 'Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk', number: '10781', date: '2018-11-09' });
  });

  it('reads the five legal bases and the references with their relations', () => {
    const [letter, decision] = result.documents;
    const [letterTruth, decisionTruth] = truth.documents;
    const cite = (c: { type: string | null; ref: string | null; date: string | null; issuer: string | null }) => [c.type, c.ref, c.date, c.issuer];
    expect(decision!.legalBases.map(cite)).toEqual(decisionTruth!.legalBases.map(cite));
    expect(decision!.legalBases[0]!.title).toBe('Luật Tổ chức Chính phủ');
    const related = (d: DocumentRecord) => d.references.map((r) => [...cite(r), r.relation]);
    expect(related(letter!)).toEqual(related(letterTruth!));
    expect(related(decision!)).toEqual(related(decisionTruth!));
  });

  it('stores the graph: the letter implements the decision, which the provincial office received', async () => {
    const graph = await processor.store.graph();
    const edge = (from: string, type: string, to: string) =>
      graph.edges.find((e) => e.from === from && e.type === type && e.to === to);
    expect(edge('10023/UBND-KGVX@2018', 'implements', '1486/QĐ-TTg@2018')).toBeDefined();
    expect(edge('1486/QĐ-TTg@2018', 'received_by', 'org|Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk')).toMatchObject({
      number: '10781',
      date: '2018-11-09',
    });
    const decision = graph.nodes.find((n) => n.key === '1486/QĐ-TTg@2018');
    expect(decision).toMatchObject({ present: true, issuer: 'Thủ tướng Chính phủ' });
    expect(graph.edges.filter((e) => e.from === '1486/QĐ-TTg@2018' && e.role === 'legal_basis')).toHaveLength(5);
  });

  it('finds the letter with an accent-free query', async () => {
    const hits = await processor.store.search('dak lak 1486');
    expect(hits.map((h) => h.key)).toContain('10023/UBND-KGVX@2018');
  });
});
