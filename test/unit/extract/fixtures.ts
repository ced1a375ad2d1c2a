/** Loads the extraction fixtures (copied from the corpus truth; see test/fixtures/extract/README.md). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentRecord } from '../../../schemas/document.js';
import type { TruthDoc } from './build.js';

export type Expected = Omit<DocumentRecord, 'confidence' | 'evidence' | 'needsReview' | 'text'>;

export interface FixtureDoc {
  text: string;
  stampText: string[] | null;
  expected: Expected;
}

export interface Fixture {
  name: string;
  origin: string;
  pages: number;
  documents: FixtureDoc[];
}

const dir = fileURLToPath(new URL('../../fixtures/extract/', import.meta.url));

export function loadFixtures(): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), ...(JSON.parse(readFileSync(dir + f, 'utf8')) as Omit<Fixture, 'name'>) }));
}

export function loadFixture(name: string): Fixture {
  const f = loadFixtures().find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
}

/** The fixture's documents in the shape the page builder takes. */
export function truthDocs(f: Fixture): TruthDoc[] {
  return f.documents.map((d) => ({ pages: d.expected.pages, text: d.text, arrival: d.stampText ? { stampText: d.stampText } : null }));
}
