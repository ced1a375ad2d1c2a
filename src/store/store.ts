/**
 * The store: files, document occurrences, the graph, search and corrections, over SQLite or
 * PostgreSQL with the same repository code. All SQL of the project lives under src/store/.
 */
import { type Kysely, sql } from 'kysely';
import { type Citation, type DocumentRecord, FileResult } from '../../schemas/document.js';
import {
  type CorrectableField,
  CorrectableField as CorrectableFieldSchema,
  type Correction,
  type DocumentView,
  type EdgeType,
  type CiteRole,
  type Graph,
  type GraphEdge,
  type GraphNode,
  type Occurrence,
  type SearchHit,
  type TraceTree,
  correctionValueSchema,
} from '../../schemas/graph.js';
import { VanthuError } from '../errors.js';
import { linkFile, undatedRef } from '../stages/link.js';
import { type Connection, type Database, type DialectKind, type NodesTable, type SearchDocsTable, connect, ensureSchema } from './db.js';
import { migrateToLatest } from './migrations.js';
import { indexRow, search as runSearch } from './search.js';
import { buildTrace, formatTrace } from './trace.js';

export interface StoreOptions {
  /** SQLite: `<dataDir>/vanthu.db`. */
  dataDir: string;
  /** postgres://... : use PostgreSQL instead of SQLite. */
  databaseUrl?: string | null;
  /** PostgreSQL only: use (and create) this schema, e.g. to isolate a test run. */
  schema?: string | null;
}

export interface SaveMeta {
  originalPath: string | null;
  sourceName: string;
}

export interface StoredFile {
  sha256: string;
  file: string;
  originalPath: string | null;
  sourceName: string;
  status: FileResult['status'];
  pages: number;
  savedAt: string;
  /** The FileResult as saved (without corrections). */
  result: FileResult;
}

export interface SaveOutcome {
  /** Node key of each document of the file, by position. */
  documentKeys: string[];
}

export interface Store {
  readonly kind: DialectKind;
  findFile(sha256: string): Promise<StoredFile | null>;
  /** Every stored file, in the order first stored. */
  listFiles(): Promise<StoredFile[]>;
  saveFileResult(result: FileResult, meta: SaveMeta): Promise<SaveOutcome>;
  /** Every saved FileResult in first-saved order, with clerk corrections applied. */
  exportFiles(): Promise<FileResult[]>;
  search(query: string, opts?: { limit?: number }): Promise<SearchHit[]>;
  /** By node key or alias; null when unknown. */
  getDocument(key: string): Promise<DocumentView | null>;
  graph(): Promise<Graph>;
  /** By node key, alias or bare ref ("1486/QĐ-TTg"); VanthuError('not-found') when unknown. */
  trace(refOrKey: string): Promise<TraceTree>;
  correctField(docKey: string, field: CorrectableField, value: unknown, by: string): Promise<Correction>;
  /** A trace as indented text (pure; same as formatTrace from src/store/trace.ts). */
  formatTrace(tree: TraceTree): string;
  close(): Promise<void>;
}

/** A connection inside a write transaction. */
type Trx = Kysely<Database>;

/** pg_advisory_xact_lock key for store writes ("vanthu" in ASCII). */
const WRITE_LOCK_ID = 0x76616e746875;

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300', '3D000', '28000', '28P01',
  'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_READONLY',
]);

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|driver has already been destroyed|database connection is not open/i.test(error.message);
}

async function guard<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof VanthuError) throw error;
    if (isConnectionError(error)) {
      throw new VanthuError('store-unavailable', `${what}: ${error instanceof Error ? error.message : String(error)}`, { stage: 'store', cause: error });
    }
    throw error;
  }
}

function meanConfidence(doc: DocumentRecord): number {
  const values = Object.values(doc.confidence);
  if (values.length === 0) return 0;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function applyCorrections(record: DocumentRecord, corrections: Correction[]): DocumentRecord {
  if (corrections.length === 0) return record;
  const copy: Record<string, unknown> = { ...record };
  for (const c of corrections) copy[c.field] = c.value;
  return copy as DocumentRecord;
}

function toStoredFile(row: Database['files']): StoredFile {
  return {
    sha256: row.sha256,
    file: row.file,
    originalPath: row.original_path,
    sourceName: row.source_name,
    status: FileResult.shape.status.parse(row.status),
    pages: row.pages,
    savedAt: row.saved_at,
    result: FileResult.parse(JSON.parse(row.result_json)),
  };
}

function toCorrection(row: Database['corrections']): Correction {
  return { docKey: row.doc_key, field: CorrectableFieldSchema.parse(row.field), value: JSON.parse(row.value_json) as unknown, by: row.corrected_by, at: row.corrected_at };
}

function refOfKey(key: string): string | null {
  if (key.startsWith('org|') || key.startsWith('doc|') || key.includes('|')) return null;
  const at = key.lastIndexOf('@');
  return at > 0 ? key.slice(0, at) : null;
}

/** First non-null value of each field over the citations that name a stub. */
function mergeCitations(citations: Citation[]): Citation {
  const pick = <K extends keyof Citation>(k: K): Citation[K] => citations.find((c) => c[k] != null)?.[k] ?? (null as Citation[K]);
  return { type: pick('type'), ref: pick('ref'), title: pick('title'), date: pick('date'), issuer: pick('issuer') };
}

/** Tail of the write queue of each open database (see SqlStore.serialize). */
const writeQueues = new Map<string, Promise<void>>();

class SqlStore implements Store {
  readonly kind: DialectKind;
  private readonly conn: Connection;

  constructor(conn: Connection) {
    this.conn = conn;
    this.kind = conn.kind;
  }

  private get db() {
    return this.conn.db;
  }

  /**
   * Saves and corrections on one database run one at a time within this process, across store
   * instances: better-sqlite3 is synchronous, so a second connection waiting for the write lock would
   * block the event loop while the first one cannot finish.
   */
  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const tail = writeQueues.get(this.conn.id) ?? Promise.resolve();
    const run = tail.then(fn, fn);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    writeQueues.set(this.conn.id, settled);
    void settled.then(() => {
      if (writeQueues.get(this.conn.id) === settled) writeQueues.delete(this.conn.id);
    });
    return run;
  }

  async findFile(sha256: string): Promise<StoredFile | null> {
    return guard('findFile', async () => {
      const row = await this.db.selectFrom('files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
      return row ? toStoredFile(row) : null;
    });
  }

  async listFiles(): Promise<StoredFile[]> {
    return guard('listFiles', async () => {
      const rows = await this.db.selectFrom('files').selectAll().orderBy('seq').execute();
      return rows.map(toStoredFile);
    });
  }

  saveFileResult(input: FileResult, meta: SaveMeta): Promise<SaveOutcome> {
    const parsed = FileResult.safeParse(input);
    if (!parsed.success) return Promise.reject(new VanthuError('invalid-input', `Not a FileResult: ${parsed.error.message}`, { stage: 'store' }));
    const result = parsed.data;
    const linked = linkFile(result);
    return this.serialize(() =>
      guard('saveFileResult', () =>
        this.writeTransaction(async (trx) => {
          const sha = result.sha256;
          const affected = new Set<string>();
          const oldOccs = await trx.selectFrom('occurrences').select('doc_key').where('file_sha', '=', sha).execute();
          const oldEdges = await trx.selectFrom('edges').select(['from_key', 'target_key']).where('file_sha', '=', sha).execute();
          for (const o of oldOccs) affected.add(o.doc_key);
          for (const e of oldEdges) affected.add(e.from_key).add(e.target_key);

          const prev = await trx.selectFrom('files').select('seq').where('sha256', '=', sha).executeTakeFirst();
          let seq = prev?.seq;
          if (seq === undefined) {
            const max = await trx.selectFrom('files').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
            seq = Number(max?.m ?? 0) + 1;
          }
          await trx.deleteFrom('edges').where('file_sha', '=', sha).execute();
          await trx.deleteFrom('occurrences').where('file_sha', '=', sha).execute();
          await trx.deleteFrom('files').where('sha256', '=', sha).execute();
          await trx
            .insertInto('files')
            .values({
              sha256: sha,
              file: result.file,
              original_path: meta.originalPath,
              source_name: meta.sourceName,
              status: result.status,
              pages: result.pages,
              result_json: JSON.stringify(result),
              seq,
              saved_at: new Date().toISOString(),
            })
            .execute();

          const occRows = result.documents.map((doc, i) => ({
            file_sha: sha,
            doc_index: i + 1,
            doc_key: linked.documentKeys[i] as string,
            pages_json: JSON.stringify(doc.pages),
            record_json: JSON.stringify(doc),
            quality: meanConfidence(doc),
            arrival_receiver: doc.arrival?.receiver ?? null,
            arrival_number: doc.arrival?.number ?? null,
            arrival_date: doc.arrival?.date ?? null,
          }));
          for (const row of occRows) {
            await trx.insertInto('occurrences').values(row).execute();
            affected.add(row.doc_key);
          }

          const seqByIndex = new Map<number, number>();
          for (const e of linked.edges) {
            const n = (seqByIndex.get(e.index) ?? 0) + 1;
            seqByIndex.set(e.index, n);
            await trx
              .insertInto('edges')
              .values({
                file_sha: sha,
                doc_index: e.index,
                seq: n,
                from_key: e.from,
                cited_key: e.to,
                target_key: e.to,
                type: e.type,
                role: e.role,
                number: e.number,
                date: e.date,
                evidence: e.evidence,
                citation_json: e.citation ? JSON.stringify(e.citation) : null,
              })
              .execute();
            affected.add(e.from).add(e.to);
          }

          for (const node of linked.nodes) {
            for (const alias of node.aliases) {
              await trx.insertInto('aliases').values({ alias, key: node.key }).onConflict((oc) => oc.column('alias').doNothing()).execute();
            }
          }

          for (const key of await this.unifyUndated(trx)) affected.add(key);
          for (const key of affected) await this.recomputeNode(trx, key);
          return { documentKeys: linked.documentKeys };
        }),
      ),
    );
  }

  /**
   * One write transaction. SQLite: BEGIN IMMEDIATE, so a second writer (another process) waits for
   * the write lock (busy_timeout) instead of failing when a read transaction tries to upgrade.
   * PostgreSQL: one writer at a time across processes (advisory lock held until commit), so node
   * recomputation never works from another transaction's stale view.
   */
  private writeTransaction<T>(fn: (trx: Trx) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      await sql.raw(this.kind === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
      try {
        if (this.kind === 'postgres') await sql`select pg_advisory_xact_lock(${WRITE_LOCK_ID})`.execute(conn);
        const out = await fn(conn);
        await sql.raw('commit').execute(conn);
        return out;
      } catch (error) {
        await sql.raw('rollback').execute(conn).catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * `ref@?` citations point at the one dated node of that ref once it exists (present or cited with a
   * date); with none or several candidates they stay on the `ref@?` stub. Returns keys whose edges moved.
   */
  private async unifyUndated(trx: Trx): Promise<Set<string>> {
    const changed = new Set<string>();
    const undated = await trx.selectFrom('edges').select('cited_key').distinct().where('cited_key', 'like', '%@?').execute();
    for (const { cited_key: cited } of undated) {
      const ref = undatedRef(cited);
      if (!ref) continue;
      const occKeys = await trx.selectFrom('occurrences').select('doc_key').distinct().where('doc_key', 'like', `${ref}@%`).execute();
      const citedKeys = await trx.selectFrom('edges').select('cited_key').distinct().where('cited_key', 'like', `${ref}@%`).execute();
      const candidates = new Set(
        [...occKeys.map((r) => r.doc_key), ...citedKeys.map((r) => r.cited_key)].filter((k) => k !== cited && k.slice(0, k.lastIndexOf('@')) === ref),
      );
      const target = candidates.size === 1 ? ([...candidates][0] as string) : cited;
      const current = await trx.selectFrom('edges').select('target_key').distinct().where('cited_key', '=', cited).execute();
      if (current.some((r) => r.target_key !== target)) {
        for (const r of current) changed.add(r.target_key);
        changed.add(target);
        await trx.updateTable('edges').set({ target_key: target }).where('cited_key', '=', cited).execute();
      }
    }
    return changed;
  }

  private async correctionsOf(trx: Trx, key: string): Promise<Correction[]> {
    const rows = await trx.selectFrom('corrections').selectAll().where('doc_key', '=', key).orderBy('field').execute();
    return rows.map(toCorrection);
  }

  /** Rebuilds one node and its search row from occurrences, inbound edges and corrections. */
  private async recomputeNode(trx: Trx, key: string): Promise<void> {
    if (key.startsWith('org|')) {
      const inbound = await trx.selectFrom('edges').select('target_key').where('target_key', '=', key).limit(1).execute();
      if (inbound.length === 0) return this.dropNode(trx, key);
      const node: NodesTable = { key, kind: 'organization', present: 1, ref: null, type: null, issued_date: null, issuer: null, subject: null, title: null, name: key.slice(4) };
      return this.writeNode(trx, node, indexRow({ key, refs: [], node, records: [] }));
    }

    const aliasRows = await trx.selectFrom('aliases').select('alias').where('key', '=', key).orderBy('alias').execute();
    const aliasRefs = aliasRows.map((a) => refOfKey(a.alias)).filter((r): r is string => r !== null);
    const corrections = await this.correctionsOf(trx, key);
    const occs = await trx.selectFrom('occurrences').select(['record_json']).where('doc_key', '=', key).orderBy('quality', 'desc').orderBy('file_sha').orderBy('doc_index').execute();

    if (occs.length > 0) {
      const records = occs.map((o) => applyCorrections(JSON.parse(o.record_json) as DocumentRecord, corrections));
      const best = records[0] as DocumentRecord;
      const node: NodesTable = {
        key,
        kind: 'document',
        present: 1,
        ref: best.ref ?? refOfKey(key),
        type: best.type,
        issued_date: best.issuedDate,
        issuer: best.issuer,
        subject: best.subject,
        title: null,
        name: null,
      };
      return this.writeNode(trx, node, indexRow({ key, refs: [node.ref ?? '', ...aliasRefs], node, records }));
    }

    const inbound = await trx.selectFrom('edges').select(['citation_json']).where('target_key', '=', key).orderBy('file_sha').orderBy('doc_index').orderBy('seq').execute();
    if (inbound.length === 0) return this.dropNode(trx, key);
    const citation = mergeCitations(inbound.map((e) => (e.citation_json ? (JSON.parse(e.citation_json) as Citation) : null)).filter((c): c is Citation => c !== null));
    const fixed = applyCorrections(
      { type: citation.type, ref: citation.ref, issuedDate: citation.date, issuer: citation.issuer, subject: null } as unknown as DocumentRecord,
      corrections,
    );
    const node: NodesTable = {
      key,
      kind: 'document',
      present: 0,
      ref: fixed.ref ?? refOfKey(key),
      type: fixed.type,
      issued_date: fixed.issuedDate,
      issuer: fixed.issuer,
      subject: fixed.subject,
      title: citation.title ?? null,
      name: null,
    };
    return this.writeNode(trx, node, indexRow({ key, refs: [node.ref ?? '', ...aliasRefs], node, records: [] }));
  }

  private async dropNode(trx: Trx, key: string): Promise<void> {
    await trx.deleteFrom('nodes').where('key', '=', key).execute();
    await trx.deleteFrom('search_docs').where('key', '=', key).execute();
  }

  /** Upserts the node; its search row is replaced (FTS5 tables have no unique key to upsert on). */
  private async writeNode(trx: Trx, node: NodesTable, row: SearchDocsTable): Promise<void> {
    const { key: _key, ...rest } = node;
    await trx.insertInto('nodes').values(node).onConflict((oc) => oc.column('key').doUpdateSet(rest)).execute();
    if (this.kind === 'postgres') {
      const { key: _k, ...text } = row;
      await trx.insertInto('search_docs').values(row).onConflict((oc) => oc.column('key').doUpdateSet(text)).execute();
    } else {
      await trx.deleteFrom('search_docs').where('key', '=', row.key).execute();
      await trx.insertInto('search_docs').values(row).execute();
    }
  }

  async exportFiles(): Promise<FileResult[]> {
    return guard('exportFiles', async () => {
      const files = await this.db.selectFrom('files').select(['sha256', 'result_json']).orderBy('seq').execute();
      const corrections = (await this.db.selectFrom('corrections').selectAll().execute()).map(toCorrection);
      const byKey = new Map<string, Correction[]>();
      for (const c of corrections) byKey.set(c.docKey, [...(byKey.get(c.docKey) ?? []), c]);
      const occs = corrections.length > 0 ? await this.db.selectFrom('occurrences').select(['file_sha', 'doc_index', 'doc_key']).execute() : [];
      return files.map((f) => {
        const result = JSON.parse(f.result_json) as FileResult;
        for (const o of occs) {
          if (o.file_sha !== f.sha256) continue;
          const list = byKey.get(o.doc_key);
          const doc = result.documents[o.doc_index - 1];
          if (list && doc) result.documents[o.doc_index - 1] = applyCorrections(doc, list);
        }
        return result;
      });
    });
  }

  search(query: string, opts: { limit?: number } = {}): Promise<SearchHit[]> {
    return guard('search', () => runSearch(this.conn, query, opts.limit ?? 20));
  }

  private async resolveKey(key: string): Promise<string | null> {
    const node = await this.db.selectFrom('nodes').select('key').where('key', '=', key).executeTakeFirst();
    if (node) return node.key;
    const alias = await this.db.selectFrom('aliases').select('key').where('alias', '=', key).executeTakeFirst();
    if (alias) {
      const target = await this.db.selectFrom('nodes').select('key').where('key', '=', alias.key).executeTakeFirst();
      if (target) return target.key;
    }
    return null;
  }

  private async occurrencesOf(keys: string[] | null): Promise<Map<string, Occurrence[]>> {
    let q = this.db
      .selectFrom('occurrences')
      .innerJoin('files', 'files.sha256', 'occurrences.file_sha')
      .select(['occurrences.doc_key', 'files.file', 'occurrences.file_sha', 'occurrences.doc_index', 'occurrences.pages_json', 'occurrences.arrival_receiver', 'occurrences.arrival_number', 'occurrences.arrival_date'])
      .orderBy('files.seq')
      .orderBy('occurrences.doc_index');
    if (keys) q = q.where('occurrences.doc_key', 'in', keys.length > 0 ? keys : ['']);
    const rows = await q.execute();
    const out = new Map<string, Occurrence[]>();
    for (const r of rows) {
      const arrival = r.arrival_receiver || r.arrival_number || r.arrival_date ? { receiver: r.arrival_receiver, number: r.arrival_number, date: r.arrival_date } : null;
      const occ: Occurrence = { file: r.file, sha256: r.file_sha, index: r.doc_index, pages: JSON.parse(r.pages_json) as number[], arrival };
      out.set(r.doc_key, [...(out.get(r.doc_key) ?? []), occ]);
    }
    return out;
  }

  private async aliasesOf(): Promise<Map<string, string[]>> {
    const rows = await this.db.selectFrom('aliases').select(['alias', 'key']).orderBy('alias').execute();
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r.alias]);
    return out;
  }

  private toGraphNode(n: NodesTable, aliases: string[], occurrences: Occurrence[]): GraphNode {
    return {
      key: n.key,
      kind: n.kind === 'organization' ? 'organization' : 'document',
      present: n.present === 1,
      aliases,
      type: n.type,
      ref: n.ref,
      date: n.issued_date,
      issuer: n.issuer,
      subject: n.subject,
      title: n.title,
      name: n.name,
      occurrences,
    };
  }

  async getDocument(key: string): Promise<DocumentView | null> {
    return guard('getDocument', async () => {
      const resolved = await this.resolveKey(key);
      if (!resolved) return null;
      const n = await this.db.selectFrom('nodes').selectAll().where('key', '=', resolved).executeTakeFirstOrThrow();
      const aliases = (await this.db.selectFrom('aliases').select('alias').where('key', '=', resolved).orderBy('alias').execute()).map((a) => a.alias);
      const occurrences = (await this.occurrencesOf([resolved])).get(resolved) ?? [];
      const corrections = (await this.db.selectFrom('corrections').selectAll().where('doc_key', '=', resolved).orderBy('field').execute()).map(toCorrection);
      const best = await this.db.selectFrom('occurrences').select('record_json').where('doc_key', '=', resolved).orderBy('quality', 'desc').orderBy('file_sha').orderBy('doc_index').executeTakeFirst();
      const record = best ? applyCorrections(JSON.parse(best.record_json) as DocumentRecord, corrections) : null;
      let citation: Citation | null = null;
      if (!best && n.kind === 'document') {
        const inbound = await this.db.selectFrom('edges').select('citation_json').where('target_key', '=', resolved).orderBy('file_sha').orderBy('doc_index').orderBy('seq').execute();
        citation = mergeCitations(inbound.map((e) => (e.citation_json ? (JSON.parse(e.citation_json) as Citation) : null)).filter((c): c is Citation => c !== null));
      }
      return { node: this.toGraphNode(n, aliases, occurrences), record, citation, corrections };
    });
  }

  async graph(): Promise<Graph> {
    return guard('graph', async () => {
      const nodes = await this.db.selectFrom('nodes').selectAll().orderBy('key').execute();
      const aliases = await this.aliasesOf();
      const occs = await this.occurrencesOf(null);
      const edgeRows = await this.db
        .selectFrom('edges')
        .select(['from_key', 'target_key', 'type', 'role', 'number', 'date', 'evidence'])
        .orderBy('from_key')
        .orderBy('target_key')
        .orderBy('evidence')
        .execute();
      const edges = new Map<string, GraphEdge>();
      for (const e of edgeRows) {
        const id = [e.from_key, e.target_key, e.type, e.role ?? '', e.number ?? '', e.date ?? ''].join('\u0000');
        const prev = edges.get(id);
        if (prev) {
          if (!prev.evidence.includes(e.evidence)) prev.evidence.push(e.evidence);
          continue;
        }
        edges.set(id, { from: e.from_key, to: e.target_key, type: e.type as EdgeType, role: e.role as CiteRole | null, number: e.number, date: e.date, evidence: [e.evidence] });
      }
      return {
        nodes: nodes.map((n) => this.toGraphNode(n, aliases.get(n.key) ?? [], occs.get(n.key) ?? [])),
        edges: [...edges.values()],
      };
    });
  }

  async trace(refOrKey: string): Promise<TraceTree> {
    return guard('trace', async () => {
      let key = await this.resolveKey(refOrKey.trim());
      if (!key) {
        const candidates = await this.db.selectFrom('nodes').selectAll().where('ref', '=', refOrKey.trim().replace(/\s+/g, '')).execute();
        candidates.sort((a, b) => b.present - a.present || (b.issued_date ?? '').localeCompare(a.issued_date ?? ''));
        key = candidates[0]?.key ?? null;
      }
      if (!key) throw new VanthuError('not-found', `No document ${refOrKey}`, { stage: 'store' });
      const nodes = await this.db.selectFrom('nodes').selectAll().where('kind', '=', 'document').execute();
      const implementsEdges = await this.db.selectFrom('edges').select(['from_key', 'target_key']).distinct().where('type', '=', 'implements').execute();
      const occs = await this.occurrencesOf(null);
      return buildTrace(key, nodes, implementsEdges.map((e) => ({ from: e.from_key, to: e.target_key })), occs);
    });
  }

  correctField(docKey: string, field: CorrectableField, value: unknown, by: string): Promise<Correction> {
    const f = CorrectableFieldSchema.safeParse(field);
    if (!f.success) return Promise.reject(new VanthuError('invalid-input', `Field ${String(field)} cannot be corrected`, { stage: 'store' }));
    const v = correctionValueSchema(f.data).safeParse(value);
    if (!v.success) return Promise.reject(new VanthuError('invalid-input', `Bad value for ${field}: ${v.error.message}`, { stage: 'store' }));
    return this.serialize(() =>
      guard('correctField', async () => {
        const key = await this.resolveKey(docKey);
        if (!key) throw new VanthuError('not-found', `No document ${docKey}`, { stage: 'store' });
        const correction: Correction = { docKey: key, field: f.data, value: v.data, by, at: new Date().toISOString() };
        await this.writeTransaction(async (trx) => {
          await trx.deleteFrom('corrections').where('doc_key', '=', key).where('field', '=', f.data).execute();
          await trx
            .insertInto('corrections')
            .values({ doc_key: key, field: f.data, value_json: JSON.stringify(v.data), corrected_by: by, corrected_at: correction.at })
            .execute();
          await this.recomputeNode(trx, key);
        });
        return correction;
      }),
    );
  }

  formatTrace(tree: TraceTree): string {
    return formatTrace(tree);
  }

  async close(): Promise<void> {
    await (writeQueues.get(this.conn.id) ?? Promise.resolve());
    await this.db.destroy();
  }
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const conn = connect({ dataDir: options.dataDir, databaseUrl: options.databaseUrl ?? null, schema: options.schema ?? null });
  try {
    await ensureSchema(conn, options.schema);
    await migrateToLatest(conn.db as never, conn.kind);
  } catch (error) {
    await conn.db.destroy().catch(() => undefined);
    if (error instanceof VanthuError) throw error;
    const where = conn.kind === 'postgres' ? 'PostgreSQL' : `SQLite in ${options.dataDir}`;
    throw new VanthuError('store-unavailable', `Cannot open the store (${where}): ${error instanceof Error ? error.message : String(error)}`, { stage: 'store', cause: error });
  }
  return new SqlStore(conn);
}
