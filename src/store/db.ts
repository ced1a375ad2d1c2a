/** Database connection (SQLite by default, PostgreSQL when a URL is given) and the table types. */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { VanthuError } from '../errors.js';

export type DialectKind = 'sqlite' | 'postgres';

export interface FilesTable {
  sha256: string;
  file: string;
  original_path: string | null;
  source_name: string;
  status: string;
  pages: number;
  /** The FileResult exactly as saved (JSON). */
  result_json: string;
  /** Order of first save; kept when a file is saved again. */
  seq: number;
  saved_at: string;
}

export interface OccurrencesTable {
  file_sha: string;
  /** 1-based position of the document in the file. */
  doc_index: number;
  doc_key: string;
  pages_json: string;
  /** The DocumentRecord as extracted (JSON). */
  record_json: string;
  /** Mean field confidence, to choose which occurrence describes the node. */
  quality: number;
  arrival_receiver: string | null;
  arrival_number: string | null;
  arrival_date: string | null;
}

export interface EdgesTable {
  file_sha: string;
  doc_index: number;
  seq: number;
  from_key: string;
  /** The key the linker produced (may be `ref@?`). */
  cited_key: string;
  /** cited_key after unification of `ref@?` with the one dated node of that ref. */
  target_key: string;
  type: string;
  role: string | null;
  number: string | null;
  date: string | null;
  evidence: string;
  /** The citation as read (JSON) — describes the stub node; null for received_by. */
  citation_json: string | null;
}

export interface NodesTable {
  key: string;
  kind: string;
  present: number;
  ref: string | null;
  type: string | null;
  issued_date: string | null;
  issuer: string | null;
  subject: string | null;
  title: string | null;
  name: string | null;
}

export interface AliasesTable {
  alias: string;
  key: string;
}

export interface CorrectionsTable {
  doc_key: string;
  field: string;
  value_json: string;
  corrected_by: string;
  corrected_at: string;
}

/** SQLite: an FTS5 table; PostgreSQL: a table with a generated tsvector column. Folded text only. */
export interface SearchDocsTable {
  key: string;
  ref_text: string;
  meta_text: string;
  body_text: string;
}

export interface Database {
  files: FilesTable;
  occurrences: OccurrencesTable;
  edges: EdgesTable;
  nodes: NodesTable;
  aliases: AliasesTable;
  corrections: CorrectionsTable;
  search_docs: SearchDocsTable;
}

export interface Connection {
  db: Kysely<Database>;
  kind: DialectKind;
  /** Identifies the database, so store instances in one process can queue their writes together. */
  id: string;
}

export interface ConnectOptions {
  dataDir: string;
  databaseUrl?: string | null;
  /** PostgreSQL only: schema to use (created when missing) via search_path. */
  schema?: string | null;
}

/** PostgreSQL writers are kept apart by an advisory lock (see store.ts), not by an in-process queue. */
let pgInstances = 0;

export function connect(options: ConnectOptions): Connection {
  if (options.databaseUrl) {
    const schema = options.schema ?? null;
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new VanthuError('invalid-input', `Bad schema name: ${schema}`);
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 4,
      connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => undefined);
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres', id: `postgres:${++pgInstances}` };
  }
  try {
    fs.mkdirSync(options.dataDir, { recursive: true });
    const file = path.resolve(options.dataDir, 'vanthu.db');
    const database = new BetterSqlite3(file);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), kind: 'sqlite', id: `sqlite:${file}` };
  } catch (error) {
    throw new VanthuError('store-unavailable', `Cannot open the SQLite database in ${options.dataDir}: ${String(error)}`, { cause: error });
  }
}

/** Creates the PostgreSQL schema named in the options, before the pool uses it. */
export async function ensureSchema(conn: Connection, schema: string | null | undefined): Promise<void> {
  if (conn.kind !== 'postgres' || !schema) return;
  await sql`create schema if not exists ${sql.id(schema)}`.execute(conn.db);
}
