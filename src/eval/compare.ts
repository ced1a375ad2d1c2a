import type { Citation, DocumentRecord, FileResult, Reference } from '../../schemas/document.js';
import { foldAccents, squash } from '../text/fold.js';

/** The subset of a corpus truth file that evaluation reads (the truth files have the output shape). */
export interface TruthFile {
  file: string;
  bad: string | null;
  documents: Array<Omit<DocumentRecord, 'confidence' | 'text'> & { text?: string }>;
}

/** Fields compared by exact match, each as a getter on a document record. */
const FIELDS: Record<string, (doc: TruthDoc) => unknown> = {
  type: (d) => d.type,
  ref: (d) => d.ref,
  number: (d) => d.number,
  symbol: (d) => d.symbol,
  issuedDate: (d) => d.issuedDate,
  place: (d) => d.place,
  issuer: (d) => d.issuer,
  parentBody: (d) => d.parentBody,
  subject: (d) => (d.subject == null ? null : squash(d.subject)),
  recipients: (d) => [...d.recipients].sort(),
  'signer.name': (d) => d.signer?.name ?? null,
  'signer.authority': (d) => d.signer?.authority ?? [],
  'signer.title': (d) => d.signer?.title ?? null,
  urgency: (d) => d.urgency,
  arrival: (d) => (d.arrival ? [d.arrival.receiver, d.arrival.number, d.arrival.date] : null),
  'arrival.number': (d) => d.arrival?.number ?? null,
  'arrival.date': (d) => d.arrival?.date ?? null,
  'arrival.receiver': (d) => d.arrival?.receiver ?? null,
};

/** Which confidence key speaks for a compared field. */
const CONFIDENCE_KEY: Record<string, string> = {
  'signer.name': 'signer',
  'signer.authority': 'signer',
  'signer.title': 'signer',
  'arrival.number': 'arrival',
  'arrival.date': 'arrival',
  'arrival.receiver': 'arrival',
};

type TruthDoc = TruthFile['documents'][number];

export interface FieldScore {
  field: string;
  correct: number;
  total: number;
  /** Wrong values that the extractor still marked confident (≥ CONFIDENT). */
  wrongConfident: number;
}

export interface SetScore {
  name: string;
  truePositives: number;
  predicted: number;
  expected: number;
}

export interface EvalReport {
  files: number;
  fields: FieldScore[];
  sets: SetScore[];
  segmentation: { correct: number; total: number };
  badInputs: { handled: number; total: number };
  wrongConfident: { count: number; fields: number };
  mismatches: Array<{ file: string; document: number; field: string; expected: unknown; actual: unknown }>;
}

export const CONFIDENT = 0.9;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function overlap(a: number[], b: number[]): number {
  const set = new Set(a);
  return b.filter((page) => set.has(page)).length;
}

/** Pairs each truth document with the predicted document sharing most pages (one-to-one). */
export function alignDocuments(truth: TruthDoc[], predicted: DocumentRecord[]): Array<DocumentRecord | null> {
  const taken = new Set<number>();
  return truth.map((doc) => {
    let best = -1;
    let bestOverlap = 0;
    predicted.forEach((candidate, index) => {
      const shared = overlap(doc.pages, candidate.pages);
      if (!taken.has(index) && shared > bestOverlap) {
        best = index;
        bestOverlap = shared;
      }
    });
    if (best < 0) return null;
    taken.add(best);
    return predicted[best]!;
  });
}

/** Identity of a citation for set comparison: the ref when given, else type + folded title + date. */
export function citationIdentity(citation: Citation): string {
  if (citation.ref) return `${citation.ref}@${citation.date ?? ''}`;
  return `${citation.type ?? ''}|${foldAccents(squash(citation.title ?? ''))}|${citation.date ?? ''}`;
}

function referenceIdentity(reference: Reference): string {
  return `${citationIdentity(reference)}#${reference.relation}`;
}

function scoreSet(name: string, expected: string[], predicted: string[]): SetScore {
  const remaining = [...expected];
  let truePositives = 0;
  for (const item of predicted) {
    const at = remaining.indexOf(item);
    if (at >= 0) {
      truePositives += 1;
      remaining.splice(at, 1);
    }
  }
  return { name, truePositives, predicted: predicted.length, expected: expected.length };
}

/** Items of `expected` not predicted, and predicted items not expected (multisets). */
export function setDifference(expected: string[], predicted: string[]): { missing: string[]; extra: string[] } {
  const missing = [...expected];
  const extra: string[] = [];
  for (const item of predicted) {
    const at = missing.indexOf(item);
    if (at >= 0) missing.splice(at, 1);
    else extra.push(item);
  }
  return { missing, extra };
}

/** Compares ingestion results with truth files; a file missing from `results` counts as all wrong. */
export function evaluate(truthFiles: TruthFile[], results: FileResult[]): EvalReport {
  const byName = new Map(results.map((result) => [result.file, result]));
  const fields = new Map<string, FieldScore>(
    Object.keys(FIELDS).map((field) => [field, { field, correct: 0, total: 0, wrongConfident: 0 }]),
  );
  const sets = new Map<string, SetScore>();
  const addSet = (score: SetScore): void => {
    const total = sets.get(score.name) ?? { name: score.name, truePositives: 0, predicted: 0, expected: 0 };
    total.truePositives += score.truePositives;
    total.predicted += score.predicted;
    total.expected += score.expected;
    sets.set(score.name, total);
  };
  const report: EvalReport = {
    files: truthFiles.length,
    fields: [],
    sets: [],
    segmentation: { correct: 0, total: 0 },
    badInputs: { handled: 0, total: 0 },
    wrongConfident: { count: 0, fields: 0 },
    mismatches: [],
  };

  for (const truth of truthFiles) {
    const result = byName.get(truth.file);
    if (truth.documents.length === 0) {
      report.badInputs.total += 1;
      if (result && result.status === 'failed' && result.error) report.badInputs.handled += 1;
      continue;
    }
    const predicted = result?.documents ?? [];
    report.segmentation.total += 1;
    if (same(truth.documents.map((d) => d.pages), predicted.map((d) => d.pages))) report.segmentation.correct += 1;

    const aligned = alignDocuments(truth.documents, predicted);
    truth.documents.forEach((expectedDoc, index) => {
      const actualDoc = aligned[index] ?? null;
      for (const [field, read] of Object.entries(FIELDS)) {
        const score = fields.get(field)!;
        const expected = read(expectedDoc);
        const actual = actualDoc ? read(actualDoc) : undefined;
        score.total += 1;
        report.wrongConfident.fields += 1;
        if (actualDoc && same(expected, actual)) {
          score.correct += 1;
          continue;
        }
        report.mismatches.push({ file: truth.file, document: index + 1, field, expected, actual });
        const confidence = actualDoc?.confidence[CONFIDENCE_KEY[field] ?? field.split('.')[0]!];
        const isEmpty = actual === null || actual === undefined || (Array.isArray(actual) && actual.length === 0);
        if (!isEmpty && confidence !== undefined && confidence >= CONFIDENT) {
          score.wrongConfident += 1;
          report.wrongConfident.count += 1;
        }
      }
      const sets: Array<[string, string[], string[]]> = [
        ['legalBases', expectedDoc.legalBases.map(citationIdentity), (actualDoc?.legalBases ?? []).map(citationIdentity)],
        ['references', expectedDoc.references.map(referenceIdentity), (actualDoc?.references ?? []).map(referenceIdentity)],
      ];
      for (const [name, expected, predicted] of sets) {
        addSet(scoreSet(name, expected, predicted));
        const { missing, extra } = setDifference(expected, predicted);
        if (missing.length || extra.length) report.mismatches.push({ file: truth.file, document: index + 1, field: `${name} (missing/extra)`, expected: missing, actual: extra });
      }
    });
  }
  report.fields = [...fields.values()];
  report.sets = [...sets.values()];
  return report;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}

/** The report as a plain-text table. */
export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`files: ${report.files}`);
  lines.push('field              correct/total  accuracy  wrong&confident');
  for (const score of report.fields) {
    lines.push(
      `${score.field.padEnd(18)} ${`${score.correct}/${score.total}`.padStart(13)}  ${percent(score.correct, score.total)}  ${String(score.wrongConfident).padStart(6)}`,
    );
  }
  lines.push('set               precision  recall      F1   (tp/predicted/expected)');
  for (const set of report.sets) {
    const precision = set.predicted ? set.truePositives / set.predicted : 0;
    const recall = set.expected ? set.truePositives / set.expected : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    lines.push(
      `${set.name.padEnd(16)} ${precision.toFixed(3).padStart(9)} ${recall.toFixed(3).padStart(7)} ${f1.toFixed(3).padStart(7)}   (${set.truePositives}/${set.predicted}/${set.expected})`,
    );
  }
  lines.push(`segmentation       ${`${report.segmentation.correct}/${report.segmentation.total}`.padStart(13)}  ${percent(report.segmentation.correct, report.segmentation.total)}`);
  lines.push(`bad inputs failed  ${`${report.badInputs.handled}/${report.badInputs.total}`.padStart(13)}  ${percent(report.badInputs.handled, report.badInputs.total)}`);
  lines.push(`wrong & confident  ${`${report.wrongConfident.count}/${report.wrongConfident.fields}`.padStart(13)}  ${percent(report.wrongConfident.count, report.wrongConfident.fields)}`);
  return lines.join('\n');
}
