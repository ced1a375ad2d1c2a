/**
 * Link stage (pure): canonical node keys for documents and citations, and the typed edges one file
 * shows. No I/O. The store merges what every file says into one graph.
 *
 * Keys (same format as corpus graph.truth.json):
 * - `ref@year`            administrative/normative documents: normalized number/symbol + year of issue
 * - `ref@?`               a numbered citation whose year is not known yet; the store unifies it with the
 *                         one `ref@year` node once such a node exists (see src/store)
 * - `Luật|<title>|<date>` a law cited by name and date (well-known laws: numbered form is an alias)
 * - `org|<name>`          a receiving office
 * - `doc|<issuer>|<type>|<date>` a document whose number is missing or unreadable
 */
import type { Citation, DocumentRecord, FileResult, Relation } from '../../schemas/document.js';
import type { CiteRole, EdgeType, LinkedEdge, LinkedNode } from '../../schemas/graph.js';
import { normalizeText } from '../text/fold.js';
import { lawByRef, lawByTitle, type KnownLaw } from './normalize/laws.js';

/** NFC, OCR look-alikes mapped, no whitespace: "Số: 10646 /UBND-KGVX" style spacing removed. */
export function normalizeRef(ref: string): string {
  return normalizeText(ref)
    .replace(/^\s*(số|so)\s*[:.]?\s*/iu, '')
    .replace(/\s+/g, '')
    .replace(/[.;,]+$/, '');
}

/** A usable reference starts with its number ("1486/QĐ-TTg", "06-NQ/TW", "72/2015/NĐ-CP"). */
function isUsableRef(ref: string): boolean {
  return /^\d{1,6}[a-zA-Z]?[/-]\S+$/u.test(ref);
}

/** Year printed inside normative references: "72/2015/NĐ-CP" → "2015". */
export function yearInRef(ref: string): string | null {
  const m = /\/((?:19|20)\d{2})\//.exec(ref);
  return m?.[1] ?? null;
}

function yearOf(date: string | null | undefined): string | null {
  return date && /^\d{4}-/.test(date) ? date.slice(0, 4) : null;
}

/** The ref as written in the record, or rebuilt from number + symbol. */
function recordRef(doc: Pick<DocumentRecord, 'ref' | 'number' | 'symbol'>): string | null {
  if (doc.ref) return normalizeRef(doc.ref);
  if (doc.number && doc.symbol) return normalizeRef(`${doc.number}/${doc.symbol}`);
  return null;
}

export type KeyableDocument = Pick<DocumentRecord, 'ref' | 'number' | 'symbol' | 'issuedDate' | 'issuer' | 'type'>;

/**
 * Node key of a document that is present in a file. `fallbackId` keeps documents apart when neither a
 * ref nor issuer/date can identify them (e.g. `<sha256>#<index>`).
 */
export function documentKey(doc: KeyableDocument, fallbackId?: string): string {
  const ref = recordRef(doc);
  const law = ref ? lawByRef(ref) : null;
  if (law) return lawNameKey(law.title, law.date);
  if (ref && isUsableRef(ref)) {
    const year = yearOf(doc.issuedDate) ?? yearInRef(ref) ?? '?';
    return `${ref}@${year}`;
  }
  // Missing or unreadable number (e.g. a handwritten "Số: ..../UBND-VP" that OCR lost).
  const issuer = doc.issuer ? normalizeText(doc.issuer).trim() : null;
  const parts = ['doc', issuer ?? '?', doc.type ? normalizeText(doc.type).trim() : '?', doc.issuedDate ?? '?'];
  if (ref) parts.push(ref);
  if ((!issuer || !doc.issuedDate) && fallbackId) parts.push(fallbackId);
  return parts.join('|');
}

export { KNOWN_LAWS, type KnownLaw } from './normalize/laws.js';

function lawNameKey(title: string, date: string): string {
  return `Luật|${title}|${date}`;
}

function numberedKey(ref: string, date: string | null): string {
  return `${ref}@${yearOf(date) ?? yearInRef(ref) ?? '?'}`;
}

/** "Tổ chức Chính phủ" with type Luật → "Luật Tổ chức Chính phủ"; whitespace squashed. */
function lawTitle(type: string | null, title: string): string {
  const t = normalizeText(title).replace(/\s+/g, ' ').trim();
  if (/^(bộ\s+)?luật\b/iu.test(t)) return t;
  return type ? `${normalizeText(type).trim()} ${t}` : t;
}

function findKnownLaw(citation: Citation): KnownLaw | null {
  const byRef = citation.ref ? lawByRef(normalizeRef(citation.ref)) : null;
  if (byRef) return byRef;
  if (citation.title && citation.date) return lawByTitle(lawTitle(citation.type, citation.title), citation.date);
  return null;
}

/** Every key that names the node a citation points at; the first is canonical. */
export function citationKeys(citation: Citation): string[] {
  const law = findKnownLaw(citation);
  if (law) return [lawNameKey(law.title, law.date), numberedKey(law.ref, law.date)];
  if (citation.ref) {
    const ref = normalizeRef(citation.ref);
    if (isUsableRef(ref)) return [numberedKey(ref, citation.date)];
  }
  if (citation.title && citation.date) {
    const isLaw = /luật/iu.test(citation.type ?? '') || /^(bộ\s+)?luật\b/iu.test(citation.title.trim());
    if (isLaw) return [lawNameKey(lawTitle('Luật', citation.title), citation.date)];
    return [`${normalizeText(citation.type ?? '?').trim()}|${lawTitle(null, citation.title)}|${citation.date}`];
  }
  return [];
}

/** Canonical key of a cited document, or null when the citation cannot identify one. */
export function citationKey(citation: Citation): string | null {
  return citationKeys(citation)[0] ?? null;
}

/** For `ref@?` keys: the ref part, so the store can unify it with `ref@<year>` once known. */
export function undatedRef(key: string): string | null {
  return key.endsWith('@?') ? key.slice(0, -2) : null;
}

export function orgKey(name: string): string {
  return `org|${normalizeText(name).replace(/\s+/g, ' ').trim()}`;
}

const RELATION_EDGE: Record<Relation, { type: EdgeType; role: CiteRole | null }> = {
  implements: { type: 'implements', role: null },
  'replies-to': { type: 'cites', role: 'proposal' },
  mentions: { type: 'cites', role: 'mention' },
  amends: { type: 'amends', role: null },
  replaces: { type: 'replaces', role: null },
  repeals: { type: 'repeals', role: null },
  guides: { type: 'guides', role: null },
};

export interface LinkedFile {
  /** Key of each document of the file, by position (documents[i] → documentKeys[i]). */
  documentKeys: string[];
  nodes: LinkedNode[];
  edges: LinkedEdge[];
}

/** Nodes and typed edges shown by one file. Edges are deduplicated per (from, to, type, role). */
export function linkFile(result: FileResult): LinkedFile {
  const nodes = new Map<string, LinkedNode>();
  const edges = new Map<string, LinkedEdge>();
  const documentKeys: string[] = [];

  result.documents.forEach((doc, i) => {
    const index = i + 1;
    const key = documentKey(doc, `${result.sha256.slice(0, 16)}#${index}`);
    documentKeys.push(key);
    if (!nodes.has(key) || !nodes.get(key)?.present) {
      nodes.set(key, { key, kind: 'document', present: true, aliases: [], index, citation: null, name: null });
    }
  });

  const addStub = (keys: string[], citation: Citation): void => {
    const [key, ...aliases] = keys;
    if (!key) return;
    const prev = nodes.get(key);
    if (prev) {
      for (const a of aliases) if (!prev.aliases.includes(a)) prev.aliases.push(a);
      return;
    }
    nodes.set(key, { key, kind: 'document', present: false, aliases, index: null, citation, name: null });
  };

  const addEdge = (edge: LinkedEdge): void => {
    if (edge.from === edge.to) return;
    const id = [edge.from, edge.to, edge.type, edge.role ?? '', edge.number ?? '', edge.date ?? ''].join('\u0000');
    if (!edges.has(id)) edges.set(id, edge);
  };

  result.documents.forEach((doc, i) => {
    const index = i + 1;
    const from = documentKeys[i] as string;
    const evidence = `${result.file}#${index}`;
    const cite = (citation: Citation, type: EdgeType, role: CiteRole | null): void => {
      const keys = citationKeys(citation);
      const to = keys[0];
      if (!to || to === from) return;
      addStub(keys, citation);
      addEdge({ from, to, type, role, number: null, date: null, index, evidence, citation });
    };
    for (const basis of doc.legalBases) cite(basis, 'cites', 'legal_basis');
    for (const ref of doc.references) {
      const { relation, ...citation } = ref;
      const { type, role } = RELATION_EDGE[relation];
      cite(citation, type, role);
    }
    const arrival = doc.arrival;
    if (arrival?.receiver) {
      const to = orgKey(arrival.receiver);
      if (!nodes.has(to)) {
        nodes.set(to, { key: to, kind: 'organization', present: true, aliases: [], index: null, citation: null, name: to.slice(4) });
      }
      addEdge({ from, to, type: 'received_by', role: null, number: arrival.number, date: arrival.date, index, evidence, citation: null });
    }
  });

  return { documentKeys, nodes: [...nodes.values()], edges: [...edges.values()] };
}
