import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { filePages } from './build.js';
import { loadFixtures, truthDocs } from './fixtures.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const noTitle = <T extends { title?: string | null }>(xs: T[]): Omit<T, 'title'>[] =>
  xs.map(({ title: _t, ...rest }) => rest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/**
 * Where the extractor follows the corpus README's definition and the truth does not: 794/SNV-CCHC's
 * body names "Nghị định số 30/2020/NĐ-CP" (item 1), which the README's "mentions = any other document
 * named in the body" covers but the truth file leaves out. Kept visible here instead of fitted away.
 */
const EXTRA_MENTIONS: Record<string, string[]> = { '794/SNV-CCHC': ['30/2020/NĐ-CP'] };

describe.each(loadFixtures().map((f) => [f.name, f] as const))('truth text of %s', (_name, fixture) => {
  const got = extractDocuments(filePages(truthDocs(fixture), { stampAt: 2 }), { now: NOW });

  it('segments the file as the truth does', () => {
    expect(got.map((d) => d.pages)).toEqual(fixture.documents.map((d) => d.expected.pages));
  });

  it.each(fixture.documents.map((d, i) => [d.expected.ref, i] as const))('fields of %s', (_ref, i) => {
    const want = fixture.documents[i]!.expected;
    const g = got[i]!;
    for (const k of ['type', 'ref', 'number', 'symbol', 'issuedDate', 'place', 'issuer', 'parentBody', 'subject', 'recipients', 'signer', 'urgency', 'arrival'] as const) {
      expect({ field: k, value: g[k] }).toEqual({ field: k, value: want[k] });
    }
    expect(noTitle(g.legalBases)).toEqual(noTitle(want.legalBases));
    const extra = EXTRA_MENTIONS[want.ref ?? ''] ?? [];
    for (const ref of extra) expect(g.references.find((r) => r.ref === ref)?.relation).toBe('mentions');
    expect(noTitle(g.references.filter((r) => !extra.includes(r.ref ?? '')))).toEqual(noTitle(want.references));
    for (const v of Object.values(g.confidence)) expect(v).toBeGreaterThanOrEqual(0);
  });
});
