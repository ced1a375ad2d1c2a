import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileResult } from '../../../schemas/document.js';
import { Graph, TraceTree } from '../../../schemas/graph.js';
import { VanthuError } from '../../../src/errors.js';
import { openStore, type Store } from '../../../src/store/index.js';
import { BACKENDS, type TestDb } from './backends.js';
import {
  DECISION_KEY,
  DEPT_KEY,
  LAW_KEY,
  LETTER_KEY,
  SO_TTTT,
  VP_DAKLAK,
  decisionFile,
  deptFile,
  file,
  letter,
  letterFile,
  letterReceivedFile,
  seedFile,
} from './fixtures.js';

const META = { originalPath: null, sourceName: 'test' };

/** Graph as comparable sets: node key → present, edge strings. */
function shape(graph: Graph): { nodes: Record<string, boolean>; edges: string[] } {
  const nodes: Record<string, boolean> = {};
  for (const n of graph.nodes) nodes[n.key] = n.present;
  const edges = graph.edges.map((e) => [e.from, e.type, e.role ?? '', e.to, e.number ?? '', e.date ?? ''].join(' ')).sort();
  return { nodes, edges };
}

const SEED_EDGES = [
  `${LETTER_KEY} implements  ${DECISION_KEY}  `,
  `${DECISION_KEY} cites legal_basis ${LAW_KEY}  `,
  `${DECISION_KEY} cites legal_basis 72/2015/NĐ-CP@2015  `,
  `${DECISION_KEY} cites legal_basis 38/NQ-CP@2017  `,
  `${DECISION_KEY} cites legal_basis 368/QĐ-TTg@2013  `,
  `${DECISION_KEY} cites legal_basis 2434/QĐ-TTg@2016  `,
  `${DECISION_KEY} cites proposal 51/TTr-BTTTT@2018  `,
  `${DECISION_KEY} cites mention 06-NQ/TW@2016  `,
  `${DECISION_KEY} received_by  org|${VP_DAKLAK} 10781 2018-11-09`,
].sort();

const SEED_NODES = {
  [LETTER_KEY]: true,
  [DECISION_KEY]: true,
  [LAW_KEY]: false,
  '72/2015/NĐ-CP@2015': false,
  '38/NQ-CP@2017': false,
  '368/QĐ-TTg@2013': false,
  '2434/QĐ-TTg@2016': false,
  '51/TTr-BTTTT@2018': false,
  '06-NQ/TW@2016': false,
  [`org|${VP_DAKLAK}`]: true,
};

describe.each(BACKENDS)('store on $name', (backend) => {
  let t: TestDb;
  let store: Store;

  beforeEach(async () => {
    t = await backend.create();
    store = t.store;
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('opens the dialect it was asked for', () => {
    expect(store.kind).toBe(backend.name);
  });

  it('returns exactly the saved FileResult and its metadata', async () => {
    const seed = seedFile();
    await store.saveFileResult(seed, { originalPath: '/inbox/seed.pdf', sourceName: 'inbox' });
    expect(await store.exportFiles()).toEqual([seed]);
    const found = await store.findFile(seed.sha256);
    expect(found).toMatchObject({ sha256: seed.sha256, file: seed.file, originalPath: '/inbox/seed.pdf', sourceName: 'inbox', status: 'done', pages: 3 });
    expect(found?.result).toEqual(seed);
    expect(await store.findFile('f'.repeat(64))).toBeNull();
  });

  it('rejects a value that is not a FileResult before writing anything', async () => {
    const bad = { ...seedFile(), status: 'nonsense' } as unknown as FileResult;
    await expect(store.saveFileResult(bad, META)).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await store.exportFiles()).toEqual([]);
  });

  it('builds the seed graph: typed edges, stubs for cited documents, the receiving office', async () => {
    await store.saveFileResult(seedFile(), META);
    const graph = Graph.parse(await store.graph());
    expect(shape(graph)).toEqual({ nodes: SEED_NODES, edges: SEED_EDGES });
    const law = graph.nodes.find((n) => n.key === LAW_KEY);
    expect(law?.aliases).toEqual(['76/2015/QH13@2015']);
    const received = graph.edges.find((e) => e.type === 'received_by');
    expect(received).toEqual({ from: DECISION_KEY, to: `org|${VP_DAKLAK}`, type: 'received_by', role: null, number: '10781', date: '2018-11-09', evidence: ['000_47729b0b45449708.pdf#2'] });
    const decisionNode = graph.nodes.find((n) => n.key === DECISION_KEY);
    expect(decisionNode?.occurrences).toEqual([
      { file: '000_47729b0b45449708.pdf', sha256: seedFile().sha256, index: 2, pages: [2, 3], arrival: { receiver: VP_DAKLAK, number: '10781', date: '2018-11-09' } },
    ]);
  });

  it('saving the same file twice leaves the same rows', async () => {
    await store.saveFileResult(seedFile(), META);
    const counts = await t.rowCounts();
    const graph = await store.graph();
    await store.saveFileResult(seedFile(), META);
    expect(await t.rowCounts()).toEqual(counts);
    expect(await store.graph()).toEqual(graph);
    expect(await store.exportFiles()).toEqual([seedFile()]);
    expect(counts).toMatchObject({ files: 1, occurrences: 2, edges: 9, nodes: 10, search_docs: 10 });
  });

  it('a re-save replaces the earlier results of that file', async () => {
    await store.saveFileResult(letterFile(), META);
    expect(shape(await store.graph()).nodes).toEqual({ [LETTER_KEY]: true, [DECISION_KEY]: false });
    await store.saveFileResult(letterFile({ references: [] }), META);
    const graph = await store.graph();
    expect(shape(graph)).toEqual({ nodes: { [LETTER_KEY]: true }, edges: [] });
    expect(await store.search('1486/QĐ-TTg')).toEqual([expect.objectContaining({ key: LETTER_KEY })]);
  });

  it('stub becomes the real document: letter first, then the decision', async () => {
    await store.saveFileResult(letterFile(), META);
    let graph = await store.graph();
    expect(graph.nodes.find((n) => n.key === DECISION_KEY)).toMatchObject({ present: false, type: 'Quyết định', issuer: 'Thủ tướng Chính phủ', occurrences: [] });
    await store.saveFileResult(decisionFile(), META);
    graph = await store.graph();
    const s = shape(graph);
    expect(s.nodes).toEqual(SEED_NODES);
    expect(s.edges).toEqual(SEED_EDGES);
    expect(graph.nodes.filter((n) => n.key.startsWith('1486/'))).toHaveLength(1);
    expect((await store.getDocument(DECISION_KEY))?.record?.subject).toBe('Ban hành Kế hoạch thông tin đối ngoại của Chính phủ giai đoạn 2018 - 2020');
  });

  it('stub becomes the real document: decision first, then the letter', async () => {
    await store.saveFileResult(decisionFile(), META);
    await store.saveFileResult(letterFile(), META);
    const s = shape(await store.graph());
    expect(s.nodes).toEqual(SEED_NODES);
    expect(s.edges).toEqual(SEED_EDGES);
  });

  it('a citation without a date is unified with the dated document, in either order', async () => {
    const undated = (): FileResult =>
      file('undated.pdf', '9'.repeat(64), [
        letter([1], { references: [{ type: 'Quyết định', ref: '1486/QĐ-TTg', title: null, date: null, issuer: null, relation: 'implements' }] }),
      ]);
    await store.saveFileResult(undated(), META);
    expect(shape(await store.graph()).nodes).toEqual({ [LETTER_KEY]: true, '1486/QĐ-TTg@?': false });
    await store.saveFileResult(decisionFile(), META);
    let s = shape(await store.graph());
    expect(s.nodes['1486/QĐ-TTg@?']).toBeUndefined();
    expect(s.edges).toContain(`${LETTER_KEY} implements  ${DECISION_KEY}  `);

    // Other order, fresh database.
    const other = await backend.create();
    try {
      await other.store.saveFileResult(decisionFile(), META);
      await other.store.saveFileResult(undated(), META);
      s = shape(await other.store.graph());
      expect(s.nodes['1486/QĐ-TTg@?']).toBeUndefined();
      expect(s.edges).toContain(`${LETTER_KEY} implements  ${DECISION_KEY}  `);
    } finally {
      await other.cleanup();
    }
  });

  it('a document seen in several files is one node with several occurrences', async () => {
    await store.saveFileResult(seedFile(), META);
    await store.saveFileResult(decisionFile(), META);
    const graph = await store.graph();
    const nodes = graph.nodes.filter((n) => n.key === DECISION_KEY);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]?.occurrences.map((o) => `${o.file}#${o.index}`)).toEqual(['000_47729b0b45449708.pdf#2', 'CV_den_10781.pdf#1']);
    const received = graph.edges.filter((e) => e.type === 'received_by');
    expect(received).toHaveLength(1);
    expect(received[0]?.evidence.sort()).toEqual(['000_47729b0b45449708.pdf#2', 'CV_den_10781.pdf#1']);
    const view = await store.getDocument(DECISION_KEY);
    expect(view?.node.occurrences).toHaveLength(2);
  });

  it('search is accent-insensitive over text, issuer and refs; ref matches rank first', async () => {
    await store.saveFileResult(seedFile(), META);
    await store.saveFileResult(file('other.pdf', '7'.repeat(64), [letter([1], { ref: '55/UBND-VP', number: '55', symbol: 'UBND-VP', references: [], text: 'Đắk Lắk, không liên quan', subject: 'việc khác' })]), META);
    const hits = await store.search('dak lak 1486');
    expect(hits.map((h) => h.key)).toEqual([DECISION_KEY, LETTER_KEY]);
    expect(hits[0]?.matched).toContain('ref');
    expect((await store.search('ĐẮK LẮK 1486')).map((h) => h.key)).toEqual([DECISION_KEY, LETTER_KEY]);
    const byRef = await store.search('1486/QĐ-TTg');
    expect(byRef[0]?.key).toBe(DECISION_KEY);
    expect(byRef.map((h) => h.key)).toContain(LETTER_KEY);
    expect((await store.search('10023/ubnd-kgvx'))[0]?.key).toBe(LETTER_KEY);
    expect((await store.search('nguyen tien dung')).map((h) => h.key)).toContain(LETTER_KEY);
    expect((await store.search('09/11/2018')).map((h) => h.key)).toEqual([DECISION_KEY]);
    expect((await store.search('76/2015/QH13')).map((h) => h.key)).toEqual([LAW_KEY]);
    expect(await store.search('khong co tu nay')).toEqual([]);
    expect(await store.search('  ;; ')).toEqual([]);
    expect(await store.search('dak lak', { limit: 1 })).toHaveLength(1);
  });

  it('trace follows implements edges down with arrivals and delays, and ancestors up', async () => {
    await store.saveFileResult(deptFile(), META);
    await store.saveFileResult(seedFile(), META);
    await store.saveFileResult(letterReceivedFile(), META);
    const tree = TraceTree.parse(await store.trace('1486/QĐ-TTg'));
    expect(tree.ancestors).toEqual([]);
    const root = tree.root;
    expect(root).toMatchObject({ key: DECISION_KEY, issuer: 'Thủ tướng Chính phủ', issuedDate: '2018-11-06', present: true });
    expect(root.arrivals).toEqual([{ receiver: VP_DAKLAK, number: '10781', date: '2018-11-09', delayDays: 3 }]);
    expect(root.children).toHaveLength(1);
    const provincial = root.children[0];
    expect(provincial).toMatchObject({
      key: LETTER_KEY,
      issuedDate: '2018-11-15',
      daysAfterParent: 9,
      parentArrival: { receiver: VP_DAKLAK, number: '10781', date: '2018-11-09', delayDays: 3 },
      forwardingDelayDays: 6,
      arrivals: [{ receiver: SO_TTTT, number: '456', date: '2018-11-17', delayDays: 2 }],
    });
    const dept = provincial?.children[0];
    expect(dept).toMatchObject({ key: DEPT_KEY, daysAfterParent: 5, forwardingDelayDays: 3, children: [] });

    expect(store.formatTrace(tree).split('\n')).toEqual([
      '1486/QĐ-TTg — Quyết định, Thủ tướng Chính phủ, 2018-11-06',
      `   received by ${VP_DAKLAK} no. 10781 on 2018-11-09 (3 days after issue)`,
      '   └─ 10023/UBND-KGVX — Công văn, Ủy ban nhân dân tỉnh Đắk Lắk, 2018-11-15 (issued 9 days after its parent; forwarded 6 days after arrival)',
      `      received by ${SO_TTTT} no. 456 on 2018-11-17 (2 days after issue)`,
      `      └─ 1234/STTTT-VP — Công văn, ${SO_TTTT}, 2018-11-20 (issued 5 days after its parent; forwarded 3 days after arrival)`,
    ]);

    const up = await store.trace(DEPT_KEY);
    expect(up.ancestors.map((a) => [a.key, a.depth])).toEqual([
      [LETTER_KEY, 1],
      [DECISION_KEY, 2],
    ]);
    await expect(store.trace('999/XX-YY')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('corrections survive re-extraction and apply to getDocument, exportFiles and search', async () => {
    await store.saveFileResult(letterFile(), META);
    const correction = await store.correctField(LETTER_KEY, 'subject', 'chuyển tiếp Quyết định về thông tin đối ngoại', 'clerk-1');
    expect(correction).toMatchObject({ docKey: LETTER_KEY, field: 'subject', by: 'clerk-1' });
    await store.saveFileResult(letterFile(), META); // re-extraction of the same file
    const view = await store.getDocument(LETTER_KEY);
    expect(view?.record?.subject).toBe('chuyển tiếp Quyết định về thông tin đối ngoại');
    expect(view?.corrections).toHaveLength(1);
    expect(view?.node.subject).toBe('chuyển tiếp Quyết định về thông tin đối ngoại');
    const exported = await store.exportFiles();
    expect(exported[0]?.documents[0]?.subject).toBe('chuyển tiếp Quyết định về thông tin đối ngoại');
    expect((await store.findFile(letterFile().sha256))?.result.documents[0]?.subject).toBe(letter().subject);
    expect((await store.search('chuyen tiep')).map((h) => h.key)).toEqual([LETTER_KEY]);

    const reopened = await t.reopen();
    expect((await reopened.getDocument(LETTER_KEY))?.record?.subject).toBe('chuyển tiếp Quyết định về thông tin đối ngoại');

    await expect(store.correctField(LETTER_KEY, 'issuedDate', '15/11/2018', 'clerk-1')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(store.correctField('nope@2018', 'subject', 'x', 'clerk-1')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a write that fails mid-transaction leaves the earlier data intact', async () => {
    await store.saveFileResult(seedFile(), META);
    const counts = await t.rowCounts();
    const graph = await store.graph();
    await t.failEdgeInserts('9999/');
    const broken = seedFile();
    broken.documents[1]?.references.push({ type: 'Công văn', ref: '9999/BOOM', title: null, date: '2018-01-01', issuer: null, relation: 'mentions' });
    broken.documents[0] = letter([1], { subject: 'changed' });
    await expect(store.saveFileResult(broken, META)).rejects.toThrow(/injected failure/);
    expect(await t.rowCounts()).toEqual(counts);
    expect(await store.graph()).toEqual(graph);
    expect(await store.exportFiles()).toEqual([seedFile()]);
    // The store still works afterwards.
    await store.saveFileResult(decisionFile(), META);
    expect((await store.getDocument(DECISION_KEY))?.node.occurrences).toHaveLength(2);
  });

  it('two store instances writing at once (two workers) end with one consistent graph', async () => {
    const second = await t.reopen();
    await Promise.all([
      store.saveFileResult(letterFile(), META),
      second.saveFileResult(decisionFile(), META),
      store.saveFileResult(seedFile(), META),
      second.saveFileResult(letterReceivedFile(), META),
    ]);
    const s = shape(await second.graph());
    expect(s.nodes).toEqual({ ...SEED_NODES, [`org|${SO_TTTT}`]: true });
    expect(s.edges).toEqual([...SEED_EDGES, `${LETTER_KEY} received_by  org|${SO_TTTT} 456 2018-11-17`].sort());
    expect(await t.rowCounts()).toMatchObject({ files: 4, occurrences: 5, nodes: 11, search_docs: 11 });
  });

  it('getDocument resolves aliases and describes stubs from their citation', async () => {
    await store.saveFileResult(decisionFile(), META);
    const law = await store.getDocument('76/2015/QH13@2015');
    expect(law?.node.key).toBe(LAW_KEY);
    expect(law?.record).toBeNull();
    expect(law?.citation).toMatchObject({ title: 'Luật Tổ chức Chính phủ', date: '2015-06-19', issuer: 'Quốc hội' });
    expect(await store.getDocument('nope@2018')).toBeNull();
  });
});

describe('search gives the same answers on SQLite and PostgreSQL', () => {
  it('for a set of queries over the same files', async () => {
    const dbs = await Promise.all(BACKENDS.map((b) => b.create()));
    try {
      const queries = ['dak lak 1486', 'Đắk Lắk', 'quyết định', 'thong tin doi ngoai 2018', '1486/QĐ-TTg', 'qd ttg', '06-nq/tw', 'nghi dinh 72', 'so 10781', 'vu duc dam', 'nguyễn', '2018', 'x'];
      const answers: string[][][] = [];
      for (const db of dbs) {
        for (const f of [seedFile(), decisionFile(), letterReceivedFile(), deptFile()]) await db.store.saveFileResult(f, META);
        const perQuery: string[][] = [];
        for (const q of queries) perQuery.push((await db.store.search(q, { limit: 50 })).map((h) => `${h.key} ${h.score}`));
        answers.push(perQuery);
      }
      expect(answers[0]?.some((hits) => hits.length > 3)).toBe(true);
      expect(answers[1]).toEqual(answers[0]);
    } finally {
      for (const db of dbs) await db.cleanup();
    }
  });
});

describe('store connection errors', () => {
  it('PostgreSQL that cannot be reached is store-unavailable', async () => {
    const error = await openStore({ dataDir: 'unused', databaseUrl: 'postgres://postgres@127.0.0.1:1/test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VanthuError);
    expect(error).toMatchObject({ code: 'store-unavailable', retryable: true });
  });

  it('a SQLite data directory that cannot be created is store-unavailable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-bad-'));
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'x');
    try {
      await expect(openStore({ dataDir: path.join(blocker, 'data') })).rejects.toMatchObject({ code: 'store-unavailable' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
