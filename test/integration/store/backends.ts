/** The two real databases the store suite runs against, with raw access for row counts and faults. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openStore, type Store } from '../../../src/store/index.js';

export const PG_URL = process.env.VANTHU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const TABLES = ['files', 'occurrences', 'edges', 'nodes', 'aliases', 'corrections', 'search_docs'] as const;

export interface TestDb {
  store: Store;
  /** Reopens the same database (as a restarted process would). */
  reopen(): Promise<Store>;
  rowCounts(): Promise<Record<string, number>>;
  /** Makes any insert of an edge whose cited key starts with `prefix` fail inside the database. */
  failEdgeInserts(prefix: string): Promise<void>;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDb>;
}

const sqlite: Backend = {
  name: 'sqlite',
  async create() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vanthu-store-'));
    const dbPath = path.join(dataDir, 'vanthu.db');
    const stores: Store[] = [];
    const open = async (): Promise<Store> => {
      const s = await openStore({ dataDir });
      stores.push(s);
      return s;
    };
    const raw = <T>(fn: (db: BetterSqlite3.Database) => T): T => {
      const db = new BetterSqlite3(dbPath);
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    return {
      store: await open(),
      reopen: open,
      rowCounts: () =>
        Promise.resolve(raw((db) => Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n])))),
      failEdgeInserts: (prefix) =>
        Promise.resolve(
          raw((db) => {
            db.exec(`create trigger fail_edges before insert on edges when new.cited_key like '${prefix}%' begin select raise(abort, 'injected failure'); end;`);
          }),
        ),
      async cleanup() {
        for (const s of stores) await s.close().catch(() => undefined);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: Backend = {
  name: 'postgres',
  async create() {
    const schema = `vanthu_${crypto.randomBytes(6).toString('hex')}`;
    const stores: Store[] = [];
    const open = async (): Promise<Store> => {
      const s = await openStore({ dataDir: 'unused', databaseUrl: PG_URL, schema });
      stores.push(s);
      return s;
    };
    const raw = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    const drop = (): Promise<unknown> => raw((c) => c.query(`drop schema if exists ${schema} cascade`));
    let first: Store;
    try {
      first = await open();
    } catch (error) {
      await drop();
      throw error;
    }
    return {
      store: first,
      reopen: open,
      rowCounts: () =>
        raw(async (c) => {
          const out: Record<string, number> = {};
          for (const t of TABLES) out[t] = Number((await c.query<{ n: string }>(`select count(*) as n from ${t}`)).rows[0]?.n);
          return out;
        }),
      failEdgeInserts: (prefix) =>
        raw(async (c) => {
          await c.query(`create function fail_edges() returns trigger language plpgsql as $$ begin
            if new.cited_key like '${prefix}%' then raise exception 'injected failure'; end if; return new; end $$`);
          await c.query('create trigger fail_edges before insert on edges for each row execute function fail_edges()');
        }),
      async cleanup() {
        for (const s of stores) await s.close().catch(() => undefined);
        await drop();
      },
    };
  },
};

export const BACKENDS: Backend[] = [sqlite, postgres];
