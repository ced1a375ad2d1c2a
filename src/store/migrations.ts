/** The one set of migrations for SQLite and PostgreSQL (kysely Migrator, in-code provider). */
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DialectKind } from './db.js';

function initial(kind: DialectKind): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('files')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('original_path', 'text')
        .addColumn('source_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('pages', 'integer', (c) => c.notNull())
        .addColumn('result_json', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('saved_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('occurrences')
        .addColumn('file_sha', 'text', (c) => c.notNull().references('files.sha256').onDelete('cascade'))
        .addColumn('doc_index', 'integer', (c) => c.notNull())
        .addColumn('doc_key', 'text', (c) => c.notNull())
        .addColumn('pages_json', 'text', (c) => c.notNull())
        .addColumn('record_json', 'text', (c) => c.notNull())
        .addColumn('quality', 'real', (c) => c.notNull())
        .addColumn('arrival_receiver', 'text')
        .addColumn('arrival_number', 'text')
        .addColumn('arrival_date', 'text')
        .addPrimaryKeyConstraint('occurrences_pk', ['file_sha', 'doc_index'])
        .execute();
      await db.schema.createIndex('occurrences_doc_key').on('occurrences').column('doc_key').execute();

      await db.schema
        .createTable('edges')
        .addColumn('file_sha', 'text', (c) => c.notNull().references('files.sha256').onDelete('cascade'))
        .addColumn('doc_index', 'integer', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('from_key', 'text', (c) => c.notNull())
        .addColumn('cited_key', 'text', (c) => c.notNull())
        .addColumn('target_key', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('number', 'text')
        .addColumn('date', 'text')
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('citation_json', 'text')
        .addPrimaryKeyConstraint('edges_pk', ['file_sha', 'doc_index', 'seq'])
        .execute();
      await db.schema.createIndex('edges_from').on('edges').column('from_key').execute();
      await db.schema.createIndex('edges_target').on('edges').column('target_key').execute();
      await db.schema.createIndex('edges_cited').on('edges').column('cited_key').execute();

      await db.schema
        .createTable('nodes')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('present', 'integer', (c) => c.notNull())
        .addColumn('ref', 'text')
        .addColumn('type', 'text')
        .addColumn('issued_date', 'text')
        .addColumn('issuer', 'text')
        .addColumn('subject', 'text')
        .addColumn('title', 'text')
        .addColumn('name', 'text')
        .execute();
      await db.schema.createIndex('nodes_ref').on('nodes').column('ref').execute();

      await db.schema
        .createTable('aliases')
        .addColumn('alias', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('corrections')
        .addColumn('doc_key', 'text', (c) => c.notNull())
        .addColumn('field', 'text', (c) => c.notNull())
        .addColumn('value_json', 'text', (c) => c.notNull())
        .addColumn('corrected_by', 'text', (c) => c.notNull())
        .addColumn('corrected_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('corrections_pk', ['doc_key', 'field'])
        .execute();

      if (kind === 'sqlite') {
        // Text is folded by src/text/fold.ts and split into plain tokens before it gets here.
        await sql`create virtual table search_docs using fts5(key unindexed, ref_text, meta_text, body_text, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
      } else {
        await db.schema
          .createTable('search_docs')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('ref_text', 'text', (c) => c.notNull())
          .addColumn('meta_text', 'text', (c) => c.notNull())
          .addColumn('body_text', 'text', (c) => c.notNull())
          .execute();
        await sql`alter table search_docs add column tsv tsvector generated always as (to_tsvector('simple'::regconfig, ref_text || ' ' || meta_text || ' ' || body_text)) stored`.execute(db);
        await sql`create index search_docs_tsv on search_docs using gin (tsv)`.execute(db);
      }
    },
  };
}

export function migrationProvider(kind: DialectKind): MigrationProvider {
  return {
    getMigrations: () => Promise.resolve({ '0001_initial': initial(kind) }),
  };
}

export async function migrateToLatest(db: Kysely<unknown>, kind: DialectKind): Promise<void> {
  // PostgreSQL: kysely looks for its migration tables in every schema it can see; name ours, or a
  // kysely_migration table in another schema (another app, another test run) would be taken for it.
  let migrationTableSchema: string | undefined;
  if (kind === 'postgres') {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
    if (!migrationTableSchema) throw new Error('PostgreSQL search_path names no existing schema');
  }
  const migrator = new Migrator({ db, provider: migrationProvider(kind), migrationTableSchema });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}
