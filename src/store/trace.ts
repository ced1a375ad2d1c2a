/** How a directive was handed down: the tree of documents implementing it, with arrivals and delays. */
import type { Occurrence, TraceAncestor, TraceArrival, TraceNode, TraceTree } from '../../schemas/graph.js';
import { foldForSearch } from '../text/fold.js';
import type { NodesTable } from './db.js';

const DAY_MS = 86_400_000;

/** b − a in whole days; null when either date is unknown. */
export function daysBetween(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  const ta = Date.parse(`${a}T00:00:00Z`);
  const tb = Date.parse(`${b}T00:00:00Z`);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return null;
  return Math.round((tb - ta) / DAY_MS);
}

/**
 * Is `receiver` the office of `issuer`? "Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk" is the office of
 * "Ủy ban nhân dân tỉnh Đắk Lắk"; "Văn phòng HĐND và UBND thị xã X" of "Ủy ban nhân dân thị xã X".
 */
export function isOfficeOf(receiver: string | null, issuer: string | null): boolean {
  if (!receiver || !issuer) return false;
  const r = ` ${foldForSearch(receiver)} `;
  const i = ` ${foldForSearch(issuer)} `;
  return r.includes(i) || i.includes(r);
}

export interface ImplementsEdge {
  /** The implementing document. */
  from: string;
  /** The implemented directive. */
  to: string;
}

function arrivalsOf(occurrences: Occurrence[], issuedDate: string | null): TraceArrival[] {
  const seen = new Set<string>();
  const out: TraceArrival[] = [];
  for (const o of occurrences) {
    const a = o.arrival;
    if (!a) continue;
    const id = `${a.receiver ?? ''}\u0000${a.number ?? ''}\u0000${a.date ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ receiver: a.receiver, number: a.number, date: a.date, delayDays: daysBetween(issuedDate, a.date) });
  }
  return out.sort((x, y) => (x.date ?? '').localeCompare(y.date ?? ''));
}

export function buildTrace(rootKey: string, nodes: NodesTable[], edges: ImplementsEdge[], occurrences: Map<string, Occurrence[]>): TraceTree {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const children = new Map<string, string[]>();
  const parents = new Map<string, string[]>();
  for (const e of edges) {
    children.set(e.to, [...(children.get(e.to) ?? []), e.from]);
    parents.set(e.from, [...(parents.get(e.from) ?? []), e.to]);
  }

  const visit = (key: string, parent: TraceNode | null, path: Set<string>): TraceNode => {
    const n = byKey.get(key);
    const issuedDate = n?.issued_date ?? null;
    const issuer = n?.issuer ?? null;
    const parentArrival = parent ? (parent.arrivals.find((a) => isOfficeOf(a.receiver, issuer)) ?? null) : null;
    const node: TraceNode = {
      key,
      ref: n?.ref ?? null,
      type: n?.type ?? null,
      issuer,
      issuedDate,
      present: n?.present === 1,
      arrivals: arrivalsOf(occurrences.get(key) ?? [], issuedDate),
      daysAfterParent: parent ? daysBetween(parent.issuedDate, issuedDate) : null,
      parentArrival,
      forwardingDelayDays: parentArrival ? daysBetween(parentArrival.date, issuedDate) : null,
      children: [],
    };
    const next = new Set(path).add(key);
    const kids = [...new Set(children.get(key) ?? [])].filter((k) => !next.has(k));
    node.children = kids
      .map((k) => visit(k, node, next))
      .sort((a, b) => (a.issuedDate ?? '9999').localeCompare(b.issuedDate ?? '9999') || (a.key < b.key ? -1 : 1));
    return node;
  };

  const root = visit(rootKey, null, new Set());

  const ancestors: TraceAncestor[] = [];
  const seen = new Set([rootKey]);
  let level = [rootKey];
  for (let depth = 1; level.length > 0; depth++) {
    const next: string[] = [];
    for (const k of level) {
      for (const p of parents.get(k) ?? []) {
        if (seen.has(p)) continue;
        seen.add(p);
        next.push(p);
        const n = byKey.get(p);
        ancestors.push({ key: p, ref: n?.ref ?? null, type: n?.type ?? null, issuer: n?.issuer ?? null, issuedDate: n?.issued_date ?? null, present: n?.present === 1, depth });
      }
    }
    level = next;
  }
  return { root, ancestors };
}

function describe(n: { key: string; ref: string | null; type: string | null; issuer: string | null; issuedDate: string | null; present: boolean }): string {
  const head = n.ref ?? n.key;
  const parts = [n.type, n.issuer, n.issuedDate].filter((p): p is string => Boolean(p));
  return `${head}${parts.length ? ` — ${parts.join(', ')}` : ''}${n.present ? '' : ' [not in the archive]'}`;
}

function days(n: number | null): string {
  return n === null ? '?' : `${n} day${Math.abs(n) === 1 ? '' : 's'}`;
}

/** The trace as indented text for the terminal. */
export function formatTrace(tree: TraceTree): string {
  const lines: string[] = [];
  if (tree.ancestors.length > 0) {
    lines.push('Implements:');
    for (const a of tree.ancestors) lines.push(`${'  '.repeat(a.depth)}${describe(a)}`);
    lines.push('');
  }
  const walk = (node: TraceNode, indent: string, isRoot: boolean): void => {
    let line = `${indent}${isRoot ? '' : '└─ '}${describe(node)}`;
    if (!isRoot) {
      const extra = [`issued ${days(node.daysAfterParent)} after its parent`];
      if (node.parentArrival) extra.push(`forwarded ${days(node.forwardingDelayDays)} after arrival`);
      line += ` (${extra.join('; ')})`;
    }
    lines.push(line);
    const sub = isRoot ? '   ' : `${indent}   `;
    for (const a of node.arrivals) {
      lines.push(`${sub}received by ${a.receiver ?? '?'} no. ${a.number ?? '?'} on ${a.date ?? '?'} (${days(a.delayDays)} after issue)`);
    }
    for (const c of node.children) walk(c, sub, false);
  };
  walk(tree.root, '', true);
  return lines.join('\n');
}
