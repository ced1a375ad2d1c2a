import { describe, expect, it } from 'vitest';
import { completeSubjectCitations } from '../../../src/stages/extract/subject-citations.js';
import type { Citation } from '../../../schemas/document.js';

const cite = (type: string, ref: string, date: string | null): Citation => ({ type, ref, title: null, date, issuer: null });
const PLAN = cite('Kế hoạch', '143/KH-UBND', '2022-07-25');
const DECREE = cite('Nghị định', '30/2020/NĐ-CP', '2020-03-05');

describe('subject citations completed from the body', () => {
  it('fills a number lost between "số" and "ngày" from the one body citation of that date and type', () => {
    const r = completeSubjectCitations('triển khai thực hiện KH số ngày 25/7/2022 của UBND tỉnh', [PLAN, DECREE]);
    expect(r).toEqual({ text: 'triển khai thực hiện KH số 143/KH-UBND ngày 25/7/2022 của UBND tỉnh', repaired: true, doubtful: false });
  });
  it('leaves the gap when no citation, another type or two citations have that date', () => {
    const s = 'triển khai thực hiện KH số ngày 25/7/2022 của UBND tỉnh';
    expect(completeSubjectCitations(s, [DECREE]).repaired).toBe(false);
    expect(completeSubjectCitations(s, [cite('Quyết định', '12/QĐ-UBND', '2022-07-25')]).repaired).toBe(false);
    expect(completeSubjectCitations('thực hiện văn bản số ngày 25/7/2022', [PLAN, cite('Công văn', '99/UBND-VX', '2022-07-25')]).repaired).toBe(false);
  });
  it('restores the lost start of a type name the body cites the document by', () => {
    expect(completeSubjectCitations('triển khai thực hiện định số 30/2020/NĐ-CP', [DECREE]))
      .toMatchObject({ text: 'triển khai thực hiện Nghị định số 30/2020/NĐ-CP', repaired: true });
    expect(completeSubjectCitations('triển khai thực hiện định số 30/2020/NĐ-CP', []).repaired).toBe(false);
  });
  it('keeps a whole type name', () => {
    expect(completeSubjectCitations('triển khai thực hiện Nghị định số 30/2020/NĐ-CP', [DECREE]).repaired).toBe(false);
  });
});

describe('subject references and wording checked against the body', () => {
  it('takes the body spelling of a cited reference the file prints twice, never the subject\'s, its code a look-alike', () => {
    const cited = [cite('Công văn', '3371/UBND-NC', '2020-04-06')];
    const file = 'Triển khai Văn bản số 3371/UBND-NC ngày 6/4/2020\nSố: 3371/UBND-NC';
    expect(completeSubjectCitations('triển khai thực hiện Công văn số 3371/UBND-NG ngày 6/4/2020', cited, '', file).text)
      .toBe('triển khai thực hiện Công văn số 3371/UBND-NC ngày 6/4/2020');
    expect(completeSubjectCitations('thực hiện Công văn số 3371/UBND-XH', cited).repaired).toBe(false);
  });
  it.each([['33/UBND-TG', '33/UBND-TC'], ['33/UBND-HCC', '33/UBND-HC']])('keeps a plausible code %s read once beside the body\'s %s, flagged', (read, body) => {
    const r = completeSubjectCitations(`thực hiện Công văn số ${read}`, [cite('Công văn', body, null)], `Thực hiện Công văn số ${body} của UBND tỉnh`);
    expect(r).toEqual({ text: `thực hiện Công văn số ${read}`, repaired: false, doubtful: true });
  });
  it('leaves the number of a draft empty', () => {
    const r = completeSubjectCitations('góp ý dự thảo Quyết định số ngày 25/7/2022', [cite('Quyết định', '45/QĐ-UBND', '2022-07-25')]);
    expect(r.text).toBe('góp ý dự thảo Quyết định số ngày 25/7/2022');
  });
  it('restores a lost "số" where the document prints the citation with it', () => {
    expect(completeSubjectCitations('văn thư theo Nghị định 30/2020/NĐ-CP', [DECREE], 'theo Nghị định số 30/2020/NĐ-CP, đề nghị').text)
      .toBe('văn thư theo Nghị định số 30/2020/NĐ-CP');
    expect(completeSubjectCitations('văn thư theo Nghị định 30/2020/NĐ-CP', [DECREE], 'theo Nghị định 30/2020/NĐ-CP').repaired).toBe(false);
  });
});

describe('a subject cut after a type name', () => {
  const body = 'Thực hiện Công văn số 2201/UBND-NC ngày 14 tháng 04 năm 2020 của Ủy ban nhân dân tỉnh về việc triển khai công tác văn thư theo Nghị định\n. nội Số 30/2020/NĐ-CP, Sở đề nghị:';
  it('takes the number the body prints where it restates the subject', () => {
    expect(completeSubjectCitations('triển khai công tác văn thư theo Nghị định', [], body))
      .toMatchObject({ text: 'triển khai công tác văn thư theo Nghị định số 30/2020/NĐ-CP', repaired: true });
  });
  it('needs the restated words and a reference of that type', () => {
    expect(completeSubjectCitations('triển khai công tác lưu trữ theo Nghị định', [], body).repaired).toBe(false);
    expect(completeSubjectCitations('triển khai công tác văn thư theo Nghị định', [], body.replace('30/2020/NĐ-CP', '30/2020/TT-BNV')).repaired).toBe(false);
  });
});
