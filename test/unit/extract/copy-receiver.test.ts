import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { receivingOffice } from '../../../src/stages/normalize/issuers.js';
import { filePages } from './build.js';
import { loadFixture, truthDocs, type Fixture } from './fixtures.js';

const NOW = new Date('2026-01-01T00:00:00Z');

/** The fixture with the attached copy's stamp reduced to its number and date (the office line unread). */
function withoutStampOffice(f: Fixture, letterText = (t: string) => t) {
  const docs = truthDocs(f);
  docs[0] = { ...docs[0]!, text: letterText(docs[0]!.text) };
  docs[1] = { ...docs[1]!, arrival: { stampText: docs[1]!.arrival!.stampText!.filter((l) => /^(ĐẾN|Số:|Ngày:)/u.test(l)) } };
  // stamp lines after the Kính gửi list, away from the header lines (as an arrival stamp usually sits)
  return extractDocuments(filePages(docs, { stampAt: 16 }), { now: NOW });
}

describe('the receiver of an attached copy', () => {
  it('is the forwarding letter\'s issuer when the copy\'s stamp lost its office line, flagged', () => {
    const [, copy] = withoutStampOffice(loadFixture('CV_den_508'));
    expect(copy!.arrival).toEqual({ receiver: 'Sở Tài chính tỉnh Bình Định', number: '3297', date: '2022-07-05' });
    expect(copy!.needsReview).toContain('arrival');
    expect(copy!.confidence.arrival).toBeLessThan(0.9);
  });

  it('is a people\'s committee\'s office when the committee forwards it', () => {
    const [, copy] = withoutStampOffice(loadFixture('Scan_20220725_29'));
    expect(copy!.arrival?.receiver).toBe('Văn phòng Ủy ban nhân dân tỉnh Nghệ An');
  });

  it('stays unknown when no earlier document implements the copy', () => {
    const f = loadFixture('CV_den_508');
    const copyRef = f.documents[1]!.expected.ref!;
    const [, copy] = withoutStampOffice(f, (t) => t.split(copyRef).join('9999/UBND-VP'));
    expect(copy!.arrival?.number).toBe('3297');
    expect(copy!.arrival?.receiver).toBeNull();
  });
});

describe('receivingOffice', () => {
  it.each([
    ['Ủy ban nhân dân tỉnh Gia Lai', 'Văn phòng Ủy ban nhân dân tỉnh Gia Lai'],
    ['Ủy ban nhân dân thành phố Hà Nội', 'Văn phòng Ủy ban nhân dân thành phố Hà Nội'],
    ['Ủy ban nhân dân Thành phố Hồ Chí Minh', 'Văn phòng Ủy ban nhân dân Thành phố Hồ Chí Minh'],
    ['Ủy ban nhân dân thành phố Pleiku', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân thành phố Pleiku'],
    ['Ủy ban nhân dân huyện Krông Pắc', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Krông Pắc'],
    ['Ủy ban nhân dân quận Ninh Kiều', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận Ninh Kiều'],
    ['Ủy ban nhân dân xã Ea Tu', 'Ủy ban nhân dân xã Ea Tu'],
    ['Sở Nội vụ tỉnh Bình Định', 'Sở Nội vụ tỉnh Bình Định'],
    ['Bộ Nội vụ', 'Bộ Nội vụ'],
  ])('%s → %s', (body, office) => {
    expect(receivingOffice(body)).toBe(office);
  });
});
