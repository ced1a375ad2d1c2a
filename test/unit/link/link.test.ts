import { describe, expect, it } from 'vitest';
import { LinkedEdge, LinkedNode } from '../../../schemas/graph.js';
import { citationKey, citationKeys, documentKey, linkFile, normalizeRef, undatedRef } from '../../../src/stages/link.js';
import { DECISION_KEY, LAW_KEY, LETTER_KEY, VP_DAKLAK, decisionFile, doc, file, letter, seedFile } from '../../integration/store/fixtures.js';

describe('documentKey', () => {
  it('is ref@year of issue, with the ref normalized', () => {
    expect(documentKey(letter())).toBe(LETTER_KEY);
    expect(documentKey(doc({ ref: 'Số: 10646 /UBND-KGVX', issuedDate: '2018-12-01' }))).toBe('10646/UBND-KGVX@2018');
    expect(documentKey(doc({ ref: '1486/QÐ-TTg', issuedDate: '2018-11-06' }))).toBe(DECISION_KEY); // Ð U+00D0 look-alike
    expect(documentKey(doc({ ref: '1486⁄QĐ–TTg', issuedDate: '2018-11-06' }))).toBe(DECISION_KEY);
  });

  it('rebuilds the ref from number and symbol, and takes the year from a normative ref when undated', () => {
    expect(documentKey(doc({ ref: null, number: '05', symbol: 'KH-UBND', issuedDate: '2020-01-03' }))).toBe('05/KH-UBND@2020');
    expect(documentKey(doc({ ref: '72/2015/NĐ-CP', issuedDate: null }))).toBe('72/2015/NĐ-CP@2015');
    expect(documentKey(doc({ ref: '1486/QĐ-TTg', issuedDate: null }))).toBe('1486/QĐ-TTg@?');
  });

  it('falls back to issuer, type and date when the number is missing or unreadable', () => {
    const base = { issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk', type: 'Công văn', issuedDate: '2018-11-15' };
    expect(documentKey(doc({ ...base, ref: null }))).toBe('doc|Ủy ban nhân dân tỉnh Đắk Lắk|Công văn|2018-11-15');
    expect(documentKey(doc({ ...base, ref: '/UBND-KGVX' }))).toBe('doc|Ủy ban nhân dân tỉnh Đắk Lắk|Công văn|2018-11-15|/UBND-KGVX');
    expect(documentKey(doc({ ref: null }), 'abc#1')).toBe('doc|?|?|?|abc#1');
  });

  it('gives a scanned well-known law the same identity as its citations', () => {
    expect(documentKey(doc({ ref: '76/2015/QH13', issuedDate: '2015-06-19' }))).toBe(LAW_KEY);
  });
});

describe('citationKey', () => {
  it('keys numbered citations by ref@year, ref@? when the year is unknown', () => {
    expect(citationKey({ type: 'Quyết định', ref: '1486/QĐ-TTg', date: '2018-11-06', issuer: null })).toBe(DECISION_KEY);
    expect(citationKey({ type: 'Quyết định', ref: '1486/QĐ-TTg', date: null, issuer: null })).toBe('1486/QĐ-TTg@?');
    expect(citationKey({ type: 'Nghị định', ref: '72/2015/NĐ-CP', date: null, issuer: null })).toBe('72/2015/NĐ-CP@2015');
    expect(citationKey({ type: 'Nghị quyết', ref: '06-NQ/TW', date: '2016-11-05', issuer: null })).toBe('06-NQ/TW@2016');
    expect(undatedRef('1486/QĐ-TTg@?')).toBe('1486/QĐ-TTg');
    expect(undatedRef(DECISION_KEY)).toBeNull();
  });

  it('gives a well-known law one identity whether cited by name or by number', () => {
    const byName = citationKeys({ type: 'Luật', ref: null, title: 'Luật Tổ chức Chính phủ', date: '2015-06-19', issuer: 'Quốc hội' });
    const byNumber = citationKeys({ type: 'Luật', ref: '76/2015/QH13', title: null, date: null, issuer: null });
    const byShortName = citationKeys({ type: 'Luật', ref: null, title: 'tổ chức Chính phủ', date: '2015-06-19', issuer: null });
    expect(byName).toEqual([LAW_KEY, '76/2015/QH13@2015']);
    expect(byNumber).toEqual(byName);
    expect(byShortName).toEqual(byName);
  });

  it('keys other laws cited by name as Luật|title|date, and gives up on citations without ref or title', () => {
    expect(citationKey({ type: 'Luật', ref: null, title: 'Luật  Thư viện', date: '2019-11-21', issuer: null })).toBe('Luật|Luật Thư viện|2019-11-21');
    expect(citationKey({ type: 'Luật', ref: null, title: 'Luật Tổ chức Chính phủ', date: '2016-01-01', issuer: null })).toBe('Luật|Luật Tổ chức Chính phủ|2016-01-01');
    expect(citationKey({ type: 'Quyết định', ref: null, title: null, date: '2018-11-06', issuer: 'Thủ tướng Chính phủ' })).toBeNull();
  });

  it('normalizes refs', () => {
    expect(normalizeRef(' Số: 10646 / UBND-KGVX; ')).toBe('10646/UBND-KGVX');
  });
});

describe('linkFile', () => {
  it('links the seed file as graph.truth.json does', () => {
    const linked = linkFile(seedFile());
    for (const n of linked.nodes) LinkedNode.parse(n);
    for (const e of linked.edges) LinkedEdge.parse(e);
    expect(linked.documentKeys).toEqual([LETTER_KEY, DECISION_KEY]);
    const edges = linked.edges.map((e) => `${e.from} ${e.type}${e.role ? `/${e.role}` : ''} ${e.to} ${e.evidence}`);
    expect(edges).toEqual([
      `${LETTER_KEY} implements ${DECISION_KEY} 000_47729b0b45449708.pdf#1`,
      `${DECISION_KEY} cites/legal_basis ${LAW_KEY} 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} cites/legal_basis 72/2015/NĐ-CP@2015 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} cites/legal_basis 38/NQ-CP@2017 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} cites/legal_basis 368/QĐ-TTg@2013 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} cites/legal_basis 2434/QĐ-TTg@2016 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} cites/proposal 51/TTr-BTTTT@2018 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} cites/mention 06-NQ/TW@2016 000_47729b0b45449708.pdf#2`,
      `${DECISION_KEY} received_by org|${VP_DAKLAK} 000_47729b0b45449708.pdf#2`,
    ]);
    const received = linked.edges.find((e) => e.type === 'received_by');
    expect(received).toMatchObject({ number: '10781', date: '2018-11-09', index: 2 });
    const decisionNode = linked.nodes.find((n) => n.key === DECISION_KEY);
    expect(decisionNode).toMatchObject({ present: true, index: 2 });
    expect(linked.nodes.find((n) => n.key === LAW_KEY)).toMatchObject({ present: false, aliases: ['76/2015/QH13@2015'] });
    expect(linked.nodes.filter((n) => n.kind === 'organization').map((n) => n.name)).toEqual([VP_DAKLAK]);
  });

  it('a cited document that is also present in the file is not a stub', () => {
    const linked = linkFile(seedFile());
    expect(linked.nodes.filter((n) => n.key === DECISION_KEY)).toHaveLength(1);
    expect(linked.nodes.filter((n) => !n.present).map((n) => n.key)).not.toContain(DECISION_KEY);
  });

  it('maps amends and replaces, drops self-citations and duplicate citations', () => {
    const d = doc({
      ref: '10/QĐ-UBND',
      issuedDate: '2020-01-10',
      references: [
        { type: 'Quyết định', ref: '5/QĐ-UBND', date: '2019-02-01', issuer: null, relation: 'amends' },
        { type: 'Quyết định', ref: '4/QĐ-UBND', date: '2018-02-01', issuer: null, relation: 'replaces' },
        { type: 'Quyết định', ref: '4/QĐ-UBND', date: '2018-02-01', issuer: null, relation: 'replaces' },
        { type: 'Quyết định', ref: '10/QĐ-UBND', date: '2020-01-10', issuer: null, relation: 'mentions' },
      ],
    });
    const linked = linkFile(file('x.pdf', '1'.repeat(64), [d]));
    expect(linked.edges.map((e) => `${e.type} ${e.to}`)).toEqual(['amends 5/QĐ-UBND@2019', 'replaces 4/QĐ-UBND@2018']);
  });

  it('keeps the decision and its arrival when it is the only document', () => {
    const linked = linkFile(decisionFile());
    expect(linked.edges.filter((e) => e.type === 'received_by')).toEqual([
      expect.objectContaining({ from: DECISION_KEY, to: `org|${VP_DAKLAK}`, number: '10781', date: '2018-11-09', evidence: 'CV_den_10781.pdf#1' }),
    ]);
  });
});
