/**
 * Accent-insensitive search. Both sides go through foldForSearch (src/text/fold.ts) and are then split
 * into plain letter/digit tokens ("1486/QĐ-TTg" → "1486 qd ttg"), so SQLite FTS5 and PostgreSQL's
 * 'simple' text search see the same tokens. A query term with / or - becomes a phrase. The engines
 * only select candidates; ranking is done here so both databases order hits the same way.
 */
import { sql } from 'kysely';
import type { DocumentRecord } from '../../schemas/document.js';
import type { SearchHit } from '../../schemas/graph.js';
import { foldForSearch } from '../text/fold.js';
import type { Connection, NodesTable, SearchDocsTable } from './db.js';

/** Folded, plain tokens separated by single spaces. */
export function searchTokens(text: string | null | undefined): string {
  if (!text) return '';
  return foldForSearch(text).replace(/[/-]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** ISO date plus the forms clerks type: 06/11/2018, 6/11/2018, "ngày 06 tháng 11 năm 2018". */
export function dateForms(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) return iso;
  return [iso, `${d}/${m}/${y}`, `${Number(d)}/${Number(m)}/${y}`, `ngày ${d} tháng ${m} năm ${y}`].join(' ');
}

export interface IndexInput {
  key: string;
  refs: string[];
  node: Pick<NodesTable, 'type' | 'issuer' | 'subject' | 'title' | 'name' | 'issued_date'>;
  records: DocumentRecord[];
}

export function indexRow(input: IndexInput): SearchDocsTable {
  const meta: string[] = [input.node.type ?? '', input.node.issuer ?? '', input.node.subject ?? '', input.node.title ?? '', input.node.name ?? '', dateForms(input.node.issued_date)];
  const body: string[] = [];
  for (const r of input.records) {
    meta.push(r.type ?? '', r.issuer ?? '', r.parentBody ?? '', r.subject ?? '', r.place ?? '', r.signer?.name ?? '', r.signer?.title ?? '', ...r.recipients, dateForms(r.issuedDate));
    if (r.arrival) meta.push(r.arrival.receiver ?? '', r.arrival.number ?? '', dateForms(r.arrival.date));
    body.push(r.text);
    for (const c of [...r.legalBases, ...r.references]) body.push(c.ref ?? '', c.title ?? '');
  }
  return {
    key: input.key,
    ref_text: searchTokens(input.refs.join(' ')),
    meta_text: searchTokens(meta.join(' ')),
    body_text: searchTokens(body.join(' ')),
  };
}

/** Query terms, each a list of tokens that must appear consecutively. */
export function queryPhrases(query: string): string[][] {
  return foldForSearch(query)
    .split(' ')
    .map((term) => term.split(/[/-]+/).filter(Boolean))
    .filter((phrase) => phrase.length > 0);
}

function containsPhrase(tokens: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

const CANDIDATES = 1000;

async function candidateKeys(conn: Connection, phrases: string[][]): Promise<string[]> {
  if (conn.kind === 'sqlite') {
    const match = phrases.map((p) => `"${p.join(' ')}"`).join(' AND ');
    const rows = await sql<{ key: string }>`select key from search_docs where search_docs match ${match} limit ${CANDIDATES}`.execute(conn.db);
    return rows.rows.map((r) => r.key);
  }
  const tsquery = phrases.map((p) => (p.length === 1 ? p[0] : `(${p.join(' <-> ')})`)).join(' & ');
  const rows = await sql<{ key: string }>`select key from search_docs where tsv @@ to_tsquery('simple'::regconfig, ${tsquery}) limit ${CANDIDATES}`.execute(conn.db);
  return rows.rows.map((r) => r.key);
}

export async function search(conn: Connection, query: string, limit: number): Promise<SearchHit[]> {
  const phrases = queryPhrases(query);
  if (phrases.length === 0) return [];
  const keys = await candidateKeys(conn, phrases);
  if (keys.length === 0) return [];
  const docs = await conn.db.selectFrom('search_docs').select(['key', 'ref_text', 'meta_text', 'body_text']).where('key', 'in', keys).execute();
  const nodes = await conn.db.selectFrom('nodes').selectAll().where('key', 'in', keys).execute();
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const whole = phrases.flat().join(' ');
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    const node = byKey.get(doc.key);
    if (!node) continue;
    const ref = doc.ref_text.split(' ');
    const meta = doc.meta_text.split(' ');
    const body = doc.body_text.split(' ');
    let score = 0;
    const matched = new Set<'ref' | 'meta' | 'text'>();
    // The engines may tokenize slightly differently (and PostgreSQL's phrases can span fields):
    // every term must be found inside one field here, so both databases give the same hits.
    if (!phrases.every((p) => containsPhrase(ref, p) || containsPhrase(meta, p) || containsPhrase(body, p))) continue;
    for (const p of phrases) {
      if (containsPhrase(ref, p)) {
        score += 10;
        matched.add('ref');
      }
      if (containsPhrase(meta, p)) {
        score += 3;
        matched.add('meta');
      }
      if (containsPhrase(body, p)) {
        score += 1;
        matched.add('text');
      }
    }
    if (searchTokens(node.ref) === whole) score += 50;
    if (node.present) score += 0.5;
    hits.push({
      key: node.key,
      kind: node.kind === 'organization' ? 'organization' : 'document',
      present: node.present === 1,
      ref: node.ref,
      type: node.type,
      issuer: node.issuer,
      subject: node.subject ?? node.title,
      date: node.issued_date,
      score,
      matched: (['ref', 'meta', 'text'] as const).filter((f) => matched.has(f)),
    });
  }
  hits.sort((a, b) => b.score - a.score || (b.date ?? '').localeCompare(a.date ?? '') || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return hits.slice(0, limit);
}
