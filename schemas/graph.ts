import { z } from 'zod';
import { Arrival, Citation, DocumentRecord, IsoDate } from './document.js';

/** Typed edges of the document graph (see DESIGN.md "The graph" and corpus graph.truth.json). */
export const EdgeType = z.enum(['implements', 'cites', 'received_by', 'amends', 'replaces', 'repeals', 'guides']);
export type EdgeType = z.infer<typeof EdgeType>;

/** Role of a `cites` edge: a `Căn cứ` line, a proposal the document answers, or any other mention. */
export const CiteRole = z.enum(['legal_basis', 'proposal', 'mention']);
export type CiteRole = z.infer<typeof CiteRole>;

export const NodeKind = z.enum(['document', 'organization']);
export type NodeKind = z.infer<typeof NodeKind>;

/** Where a document was seen: file (name + sha256), 1-based document index inside it, pages. */
export const Occurrence = z.object({
  file: z.string(),
  sha256: z.string(),
  index: z.number().int().positive(),
  pages: z.array(z.number().int().positive()),
  arrival: Arrival.nullable(),
});
export type Occurrence = z.infer<typeof Occurrence>;

export const GraphNode = z.object({
  /** Canonical key: `ref@year`, `ref@?` (year unknown yet), `Luật|<title>|<date>`, `org|<name>`, `doc|...`. */
  key: z.string(),
  kind: NodeKind,
  /** False for a stub: a document only known because something cites it. */
  present: z.boolean(),
  /** Other keys that name the same node (e.g. a law's numbered key beside its by-name key). */
  aliases: z.array(z.string()),
  type: z.string().nullable(),
  ref: z.string().nullable(),
  date: IsoDate.nullable(),
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  title: z.string().nullable(),
  /** Organizations: canonical name. */
  name: z.string().nullable(),
  occurrences: z.array(Occurrence),
});
export type GraphNode = z.infer<typeof GraphNode>;

export const GraphEdge = z.object({
  from: z.string(),
  to: z.string(),
  type: EdgeType,
  role: CiteRole.nullable(),
  /** received_by: arrival number and date. */
  number: z.string().nullable(),
  date: IsoDate.nullable(),
  /** `file#documentIndex` (1-based), one per file that shows this edge. */
  evidence: z.array(z.string()),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const Graph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge) });
export type Graph = z.infer<typeof Graph>;

/** What the linker knows about a node from one file: a present document or a citation (stub). */
export const LinkedNode = z.object({
  key: z.string(),
  kind: NodeKind,
  present: z.boolean(),
  aliases: z.array(z.string()),
  /** Present documents: 1-based index of the document inside the file. */
  index: z.number().int().positive().nullable(),
  /** Stubs: what the citing document says about it. */
  citation: Citation.nullable(),
  name: z.string().nullable(),
});
export type LinkedNode = z.infer<typeof LinkedNode>;

export const LinkedEdge = z.object({
  from: z.string(),
  to: z.string(),
  type: EdgeType,
  role: CiteRole.nullable(),
  number: z.string().nullable(),
  date: IsoDate.nullable(),
  /** 1-based index of the document inside the file that shows the edge. */
  index: z.number().int().positive(),
  /** `file#index` */
  evidence: z.string(),
  /** The citation as read (stubs are described from it). */
  citation: Citation.nullable(),
});
export type LinkedEdge = z.infer<typeof LinkedEdge>;

export const SearchField = z.enum(['ref', 'meta', 'text']);

export const SearchHit = z.object({
  key: z.string(),
  kind: NodeKind,
  present: z.boolean(),
  ref: z.string().nullable(),
  type: z.string().nullable(),
  issuer: z.string().nullable(),
  subject: z.string().nullable(),
  date: IsoDate.nullable(),
  score: z.number(),
  /** Which parts of the document matched at least one query term. */
  matched: z.array(SearchField),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const TraceArrival = z.object({
  receiver: z.string().nullable(),
  number: z.string().nullable(),
  date: IsoDate.nullable(),
  /** Arrival date − this document's issue date, in days. */
  delayDays: z.number().int().nullable(),
});
export type TraceArrival = z.infer<typeof TraceArrival>;

export interface TraceNode {
  key: string;
  ref: string | null;
  type: string | null;
  issuer: string | null;
  issuedDate: string | null;
  present: boolean;
  arrivals: TraceArrival[];
  /** This document's issue date − the parent's issue date. */
  daysAfterParent: number | null;
  /** The parent's arrival at this document's issuer's office, when a stamp shows it. */
  parentArrival: TraceArrival | null;
  /** This document's issue date − parentArrival.date: how long the office took to forward it. */
  forwardingDelayDays: number | null;
  /** Documents implementing this one. */
  children: TraceNode[];
}

export const TraceNode: z.ZodType<TraceNode> = z.lazy(() =>
  z.object({
    key: z.string(),
    ref: z.string().nullable(),
    type: z.string().nullable(),
    issuer: z.string().nullable(),
    issuedDate: IsoDate.nullable(),
    present: z.boolean(),
    arrivals: z.array(TraceArrival),
    daysAfterParent: z.number().int().nullable(),
    parentArrival: TraceArrival.nullable(),
    forwardingDelayDays: z.number().int().nullable(),
    children: z.array(TraceNode),
  }),
);

export const TraceAncestor = z.object({
  key: z.string(),
  ref: z.string().nullable(),
  type: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedDate: IsoDate.nullable(),
  present: z.boolean(),
  /** 1 = the document the traced one implements, 2 = what that one implements, ... */
  depth: z.number().int().positive(),
});
export type TraceAncestor = z.infer<typeof TraceAncestor>;

export const TraceTree = z.object({ root: TraceNode, ancestors: z.array(TraceAncestor) });
export type TraceTree = z.infer<typeof TraceTree>;

/** Fields of a DocumentRecord a clerk may correct. */
export const CorrectableField = z.enum([
  'type', 'ref', 'number', 'symbol', 'issuedDate', 'place', 'issuer', 'parentBody', 'subject', 'recipients', 'signer', 'urgency',
]);
export type CorrectableField = z.infer<typeof CorrectableField>;

/** Validates a corrected value against the DocumentRecord contract for that field. */
export function correctionValueSchema(field: CorrectableField): z.ZodType {
  return DocumentRecord.shape[field];
}

export const Correction = z.object({
  docKey: z.string(),
  field: CorrectableField,
  value: z.unknown(),
  by: z.string(),
  at: z.string(),
});
export type Correction = z.infer<typeof Correction>;

export const DocumentView = z.object({
  node: GraphNode,
  /** The document as extracted from its best occurrence, with corrections applied; null for stubs. */
  record: DocumentRecord.nullable(),
  /** Stubs: the citation that made the node. */
  citation: Citation.nullable(),
  corrections: z.array(Correction),
});
export type DocumentView = z.infer<typeof DocumentView>;
