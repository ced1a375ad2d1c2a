import { describe, expect, it } from 'vitest';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { breakAtHyphen, insertJunkLines, mergeFooterColumns, mergeHeaderColumns, noiseLine, noisePages, ocrLayoutNoise, rng, stampOfficeToEnd } from '../../helpers/noise.js';
import { filePages } from './build.js';
import { loadFixtures, truthDocs } from './fixtures.js';

const NOW = new Date('2026-01-01T00:00:00Z');

describe('noise generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const line = 'Số: 10023/UBND-KGVX Đắk Lắk, ngày 15 tháng 11 năm 2018 ĐẾN 09-11-2018';
    const a = Array.from({ length: 20 }, (_, i) => noiseLine(line, rng(i), 2));
    const b = Array.from({ length: 20 }, (_, i) => noiseLine(line, rng(i), 2));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBeGreaterThan(5);
    expect(a.some((x) => x !== line)).toBe(true);
  });

  it('merges the header columns line by line', () => {
    const merged = mergeHeaderColumns([
      'ỦY BAN NHÂN DÂN', 'TỈNH ĐẮK LẮK', 'Số: 10023/UBND-KGVX',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Đăk Lăk, ngày 15 tháng 11 năm 2018', 'Kính gửi: X',
    ]);
    expect(merged).toEqual([
      'ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'TỈNH ĐẮK LẮK   Độc lập - Tự do - Hạnh phúc',
      'Số: 10023/UBND-KGVX   Đăk Lăk, ngày 15 tháng 11 năm 2018',
      'Kính gửi: X',
    ]);
  });
});

describe('merged footer columns', () => {
  it('merges Nơi nhận with the signature block', () => {
    expect(mergeFooterColumns(['Nơi nhận:', '- Như trên;', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A', 'PHỤ LỤC'])).toEqual([
      'Nơi nhận:   KT. CHỦ TỊCH', '- Như trên;   PHÓ CHỦ TỊCH', '- Lưu: VT.   Nguyễn Văn A', 'PHỤ LỤC',
    ]);
  });

  it.each(loadFixtures().map((f) => [f.name, f] as const))('still reads the signer of %s', (_n, f) => {
    const got = extractDocuments(noisePages(filePages(truthDocs(f), { stampAt: 1 }), { seed: 5, level: 0, mergeFooter: true }), { now: NOW });
    expect(got.map((d) => d.signer)).toEqual(f.documents.map((d) => d.expected.signer));
  });
});

const fixtures = loadFixtures();
const cases = fixtures.flatMap((f) => [11, 23, 37].map((seed) => [f.name, seed, f] as const));

describe.each(cases)('noised %s (seed %i)', (_name, seed, fixture) => {
  const clean = extractDocuments(filePages(truthDocs(fixture), { stampAt: seed % 3 }), { now: NOW });
  const pages = noisePages(filePages(truthDocs(fixture), { stampAt: seed % 3 }), { seed, level: 1 });
  const got = extractDocuments(pages, { now: NOW });

  it('still gets segmentation and the key fields', () => {
    expect(pages.map((p) => p.text).join('\n')).not.toBe(filePages(truthDocs(fixture), { stampAt: seed % 3 }).map((p) => p.text).join('\n'));
    expect(got.map((d) => d.pages)).toEqual(fixture.documents.map((d) => d.expected.pages));
    fixture.documents.forEach((d, i) => {
      const want = d.expected;
      const g = got[i]!;
      expect([g.ref, g.type, g.issuedDate, g.place, g.issuer, g.urgency]).toEqual([want.ref, want.type, want.issuedDate, want.place, want.issuer, want.urgency]);
      expect(g.arrival?.number ?? null).toBe(want.arrival?.number ?? null);
      expect(g.arrival?.date ?? null).toBe(want.arrival?.date ?? null);
      expect(g.references.map((r) => r.ref)).toEqual(expect.arrayContaining(want.references.map((r) => r.ref)));
    });
  });

  it('reports lower confidence than on the clean text', () => {
    got.forEach((g, i) => expect(g.confidence.ref!).toBeLessThan(clean[i]!.confidence.ref!));
  });
});

describe('heavy noise (level 2)', () => {
  it('keeps ref, date and issuer on most documents', () => {
    let ok = 0;
    let n = 0;
    for (const f of fixtures) {
      const got = extractDocuments(noisePages(filePages(truthDocs(f), { stampAt: 1 }), { seed: 99, level: 2 }), { now: NOW });
      f.documents.forEach((d) => {
        n++;
        const g = got.find((x) => x.pages[0] === d.expected.pages[0]);
        if (g && g.ref === d.expected.ref && g.issuedDate === d.expected.issuedDate && g.issuer === d.expected.issuer) ok++;
      });
    }
    expect(ok / n).toBeGreaterThanOrEqual(0.9);
  });
});

describe('OCR layout noise (specks, hyphen breaks, stamp office after the body, "thúng", stray dots)', () => {
  it('generates each noise kind', () => {
    expect(insertJunkLines(['Nơi nhận:', '- Lưu: VT.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn A'], rng(1))).toHaveLength(7);
    expect(breakAtHyphen(['Xét đề nghị của Bộ tại văn bản số 51/TTr-BTTTT ngày 15 tháng 10 năm 2018,'])).toEqual([
      'Xét đề nghị của Bộ tại văn bản số 51/TTr-', 'BTTTT ngày 15 tháng 10 năm 2018,',
    ]);
    expect(stampOfficeToEnd(['A', 'SỞ Y TẾ', 'Số: 88', 'B'], /^SỞ Y TẾ$/)).toEqual(['A', 'Số: 88', 'B', 'SỞ Y TẾ']);
  });

  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  it.each(fixtures.map((f) => [f.name, f] as const))('still reads signer, ref, date, stamp and references of %s', (_n, f) => {
    // the stamp's office line goes after the body of the stamped page only
    const office = new Map(f.documents.flatMap((d) => (d.stampText?.length ? [[d.expected.pages[0]!, new RegExp(`^${esc(d.stampText[0]!)}$`)] as const] : [])));
    const pages = filePages(truthDocs(f), { stampAt: 1 }).flatMap((p) => ocrLayoutNoise([p], { seed: 7 + p.page, stampOffice: office.get(p.page) }));
    const got = extractDocuments(pages, { now: NOW });
    const clean = extractDocuments(filePages(truthDocs(f), { stampAt: 1 }), { now: NOW });
    expect(got.map((d) => d.pages)).toEqual(f.documents.map((d) => d.expected.pages));
    f.documents.forEach((d, i) => {
      const want = d.expected;
      const g = got[i]!;
      expect(g.signer).toEqual(want.signer);
      expect([g.ref, g.issuedDate, g.place, g.issuer]).toEqual([want.ref, want.issuedDate, want.place, want.issuer]);
      expect(g.arrival).toEqual(want.arrival ? { receiver: want.arrival.receiver, number: want.arrival.number, date: want.arrival.date } : null);
      // the same citations with the same relations as on the clean text (the expected ones among them)
      expect(g.references.map((r) => `${r.ref} ${r.relation}`)).toEqual(clean[i]!.references.map((r) => `${r.ref} ${r.relation}`));
      expect(g.references.map((r) => r.ref)).toEqual(expect.arrayContaining(want.references.map((r) => r.ref)));
      expect(g.needsReview).toContain('issuedDate'); // "thúng" was read tolerantly
      expect(g.subject).toBe(clean[i]!.subject); // "N ghị định" rejoined
    });
  });
});
