import { describe, expect, it } from 'vitest';
import { DocumentRecord } from '../../../schemas/document.js';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { filePages } from './build.js';
import { loadFixture, truthDocs } from './fixtures.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const seed = loadFixture('000_47729b0b45449708');

describe.each([0, 1, 3])('seed dispatch, stamp lines at %i', (stampAt) => {
  const docs = extractDocuments(filePages(truthDocs(seed), { stampAt }), { now: NOW });

  it('finds the letter and the photocopied decision', () => {
    expect(docs.map((d) => d.pages)).toEqual([[1], [2, 3, 4, 5, 6, 7, 8, 9]]);
    for (const d of docs) expect(DocumentRecord.safeParse(d).success).toBe(true);
  });

  it('reads letter 10023/UBND-KGVX exactly', () => {
    const l = docs[0]!;
    expect(l).toMatchObject({
      type: 'Công văn', ref: '10023/UBND-KGVX', number: '10023', symbol: 'UBND-KGVX', issuedDate: '2018-11-15',
      place: 'Đắk Lắk', issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk', parentBody: null,
      subject: 'thực hiện QĐ số 1486/QĐ-TTg ngày 06/11/2018 của TTCP',
      recipients: ['Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
      signer: { name: 'Nguyễn Tiến Dũng', authority: ['TL. CHỦ TỊCH', 'KT. CHÁNH VĂN PHÒNG'], title: 'PHÓ CHÁNH VĂN PHÒNG' },
      urgency: null, arrival: null, legalBases: [],
    });
    expect(l.references.map(({ title: _t, ...r }) => r)).toEqual([
      { type: 'Quyết định', ref: '1486/QĐ-TTg', date: '2018-11-06', issuer: 'Thủ tướng Chính phủ', relation: 'implements' },
    ]);
  });

  it('reads decision 1486/QĐ-TTg with its stamp, bases and references', () => {
    const q = docs[1]!;
    const want = seed.documents[1]!.expected;
    expect(q.arrival).toEqual({ receiver: 'Văn phòng Ủy ban nhân dân tỉnh Đắk Lắk', number: '10781', date: '2018-11-09' });
    expect(q.ref).toBe('1486/QĐ-TTg');
    expect(q.type).toBe('Quyết định');
    expect(q.issuer).toBe('Thủ tướng Chính phủ');
    expect(q.issuedDate).toBe('2018-11-06');
    expect(q.subject).toBe(want.subject);
    expect(q.signer).toEqual(want.signer);
    expect(q.legalBases).toEqual(want.legalBases);
    expect(q.references.map((r) => [r.ref, r.relation, r.type, r.date, r.issuer])).toEqual([
      ['51/TTr-BTTTT', 'replies-to', 'Tờ trình', '2018-10-15', 'Bộ Thông tin và Truyền thông'],
      ['06-NQ/TW', 'mentions', 'Nghị quyết', '2016-11-05', 'Ban Chấp hành Trung ương Đảng'],
    ]);
  });

  it('keeps the page text and gives evidence with page and box', () => {
    expect(docs[0]!.text).toBe(filePages(truthDocs(seed), { stampAt })[0]!.text);
    expect(docs[1]!.evidence?.ref).toMatchObject({ page: 2, text: 'Số: 1486/QĐ-TTg' });
    expect(docs[1]!.evidence?.ref?.bbox).toHaveLength(4);
    expect(docs[0]!.needsReview).toEqual([]);
  });
});
