import { describe, expect, it } from 'vitest';
import type { DocumentRecord, FileResult } from '../../../schemas/document.js';
import { alignDocuments, citationIdentity, evaluate, formatReport, setDifference, type TruthFile } from '../../../src/eval/compare.js';

function doc(overrides: Partial<DocumentRecord>): DocumentRecord {
  return {
    pages: [1],
    type: 'Công văn',
    ref: '10023/UBND-KGVX',
    number: '10023',
    symbol: 'UBND-KGVX',
    issuedDate: '2018-11-15',
    place: 'Đắk Lắk',
    issuer: 'Ủy ban nhân dân tỉnh Đắk Lắk',
    parentBody: null,
    subject: 'thực hiện QĐ số 1486/QĐ-TTg',
    recipients: ['Sở Thông tin và Truyền thông tỉnh Đắk Lắk'],
    signer: { name: 'Nguyễn Tiến Dũng', authority: ['TL. CHỦ TỊCH'], title: 'PHÓ CHÁNH VĂN PHÒNG' },
    urgency: null,
    legalBases: [],
    references: [
      { type: 'Quyết định', ref: '1486/QĐ-TTg', date: '2018-11-06', issuer: 'Thủ tướng Chính phủ', relation: 'implements' },
    ],
    arrival: null,
    confidence: {},
    text: '',
    ...overrides,
  };
}

function result(file: string, documents: DocumentRecord[], status: FileResult['status'] = 'done'): FileResult {
  return { file, sha256: 'x'.repeat(64), status, error: status === 'failed' ? { code: 'empty-file', message: 'empty' } : null, pages: 2, documents };
}

describe('evaluate', () => {
  it('counts exact fields, set scores and segmentation', () => {
    const truthDocs = [doc({}), doc({ pages: [2], type: 'Quyết định', ref: '1486/QĐ-TTg', arrival: { receiver: 'VP', number: '10781', date: '2018-11-09' } })];
    const truth: TruthFile[] = [{ file: 'a.pdf', bad: null, documents: truthDocs }];
    const predicted = [
      doc({ confidence: { issuedDate: 0.95 }, issuedDate: '2018-11-16' }),
      doc({ pages: [2], type: 'Quyết định', ref: '1486/QĐ-TTg', arrival: { receiver: 'VP', number: '10787', date: '2018-11-09' }, references: [] }),
    ];
    const report = evaluate(truth, [result('a.pdf', predicted)]);
    const field = (name: string) => report.fields.find((f) => f.field === name)!;
    expect(field('ref')).toMatchObject({ correct: 2, total: 2 });
    expect(field('issuedDate')).toMatchObject({ correct: 1, total: 2, wrongConfident: 1 });
    expect(field('arrival.number')).toMatchObject({ correct: 1, total: 2 });
    expect(field('arrival.date')).toMatchObject({ correct: 2, total: 2 });
    expect(report.segmentation).toEqual({ correct: 1, total: 1 });
    const references = report.sets.find((s) => s.name === 'references')!;
    expect(references).toMatchObject({ truePositives: 1, predicted: 1, expected: 2 });
    expect(report.wrongConfident.count).toBe(1);
    expect(formatReport(report)).toContain('issuedDate');
    expect(report.mismatches.filter((m) => m.field === 'references (missing/extra)')).toEqual([
      { file: 'a.pdf', document: 2, field: 'references (missing/extra)', expected: ['1486/QĐ-TTg@2018-11-06#implements'], actual: [] },
    ]);
  });

  it('lists the set items missing and extra', () => {
    expect(setDifference(['a', 'b', 'b'], ['b', 'c'])).toEqual({ missing: ['a', 'b'], extra: ['c'] });
  });

  it('counts a missing file as wrong everywhere and a failed bad input as handled', () => {
    const truth: TruthFile[] = [
      { file: 'gone.pdf', bad: null, documents: [doc({})] },
      { file: 'empty.pdf', bad: 'empty', documents: [] },
    ];
    const report = evaluate(truth, [result('empty.pdf', [], 'failed')]);
    expect(report.fields.every((f) => f.correct === 0 && f.total === 1)).toBe(true);
    expect(report.badInputs).toEqual({ handled: 1, total: 1 });
    expect(report.segmentation).toEqual({ correct: 0, total: 1 });
  });
});

describe('alignDocuments', () => {
  it('pairs by page overlap, one to one', () => {
    const truth = [doc({ pages: [1] }), doc({ pages: [2, 3] })];
    const predicted = [doc({ pages: [2, 3], ref: 'b' }), doc({ pages: [1], ref: 'a' })];
    expect(alignDocuments(truth, predicted).map((d) => d?.ref)).toEqual(['a', 'b']);
    expect(alignDocuments(truth, [doc({ pages: [1, 2, 3], ref: 'all' })]).map((d) => d?.ref ?? null)).toEqual(['all', null]);
  });
});

describe('citationIdentity', () => {
  it('keys laws cited by name on folded title and date', () => {
    const a = citationIdentity({ type: 'Luật', ref: null, title: 'Luật Tổ chức Chính phủ', date: '2015-06-19', issuer: null });
    const b = citationIdentity({ type: 'Luật', ref: null, title: 'Luật tổ chức  Chính phủ', date: '2015-06-19', issuer: 'Quốc hội' });
    expect(a).toBe(b);
    expect(citationIdentity({ type: 'Nghị định', ref: '72/2015/NĐ-CP', date: '2015-09-07', issuer: null })).toBe('72/2015/NĐ-CP@2015-09-07');
  });
});
