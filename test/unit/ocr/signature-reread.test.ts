import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Line, PageText } from '../../../schemas/page.js';
import { extractSigner } from '../../../src/stages/extract/signer.js';
import { pageLines } from '../../../src/stages/extract/text.js';
import { rereadSignatureBlock, type RegionReader } from '../../../src/stages/ocr/signature-block.js';
import { distributionLine, linesInside, signatureRegion } from '../../../src/stages/ocr/signature-region.js';

type Box = [number, number, number, number];

function line(text: string, bbox: Box, kind?: 'stamp'): Line {
  const parts = text.split(' ');
  const step = (bbox[2] - bbox[0]) / parts.length;
  const words = parts.map((t, i) => ({ text: t, bbox: [bbox[0] + i * step, bbox[1], bbox[0] + (i + 1) * step - 5, bbox[3]] as Box, confidence: 90 }));
  return { text, bbox, confidence: 90, words, ...(kind ? { kind } : {}) };
}

const merged = (a: Line, b: Line): Line => ({ ...a, text: `${a.text}\t${b.text}`, bbox: [a.bbox[0], a.bbox[1], b.bbox[2], b.bbox[3]], words: [...a.words, ...b.words] });

const page = (lines: Line[]): PageText => ({ page: 1, width: 2480, height: 3508, source: 'ocr', rotation: 0, lines, text: lines.map((l) => l.text).join('\n') });

/** A region reader returning lines given in page coordinates (placed back by the region's corner). */
class PlacedReader implements RegionReader {
  calls = 0;
  constructor(private readonly box: () => Box, private readonly lines: Array<[string, Box]>) {}
  recognizeWords(): Promise<{ lines: Line[]; confidence: number; chars: number }> {
    this.calls++;
    const [x, y] = this.box();
    return Promise.resolve({ lines: this.lines.map(([t, b]) => line(t, [b[0] - x, b[1] - y, b[2] - x, b[3] - y])), confidence: 90, chars: 30 });
  }
}

const raster = async () => ({ png: await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#ffffff' } }).png().toBuffer(), width: 2480, height: 3508, dpi: 300 });

const signer = (p: PageText) => {
  const r = extractSigner(pageLines(p), 0, new Set());
  return { ...r.signer, repaired: r.repaired };
};

/** A footer whose title line holds a word read twice (a repaired, so not clean, first reading). */
const footer = (name: string, more: Line[] = []): PageText =>
  page([
    line('Đề nghị các đơn vị thực hiện./.', [350, 1200, 2200, 1245]),
    line('Nơi nhận:', [350, 1300, 560, 1345]),
    merged(line('- Như trên;', [350, 1355, 560, 1395]), line('KT. GIÁM ĐỐC', [1500, 1350, 1900, 1395])),
    merged(line('- Lưu: VT, KGVX.', [350, 1405, 720, 1445]), line('PHÓ GIÁM ĐỐC ĐỐC', [1480, 1400, 1920, 1445])),
    ...(name ? [line(name, [1500, 1700, 1900, 1745])] : []),
    ...more,
  ]);

const block = (name: string): Array<[string, Box]> => [
  ['KT. GIÁM ĐỐC', [1500, 1350, 1900, 1395]], ['PHÓ GIÁM ĐỐC', [1480, 1400, 1920, 1445]], [name, [1500, 1700, 1900, 1745]],
];

describe('reading the block again: the name', () => {
  it.each([['Lạc Minh Khôi', 'Lại Minh Khôi'], ['Lê Minh Tâm', 'Lê Minh Tám'], ['Y Blin Ayun', 'Lê Blin Ayun']])(
    'keeps the first reading\'s name "%s" over a re-read "%s" that differs only in letters',
    async (first, again) => {
      const p = footer(first);
      const out = await rereadSignatureBlock(await raster(), p, new PlacedReader(() => signatureRegion(p)!, block(again)));
      expect(signer(out)).toMatchObject({ name: first, title: 'PHÓ GIÁM ĐỐC' });
      expect(out.text).not.toContain(again);
    },
  );
  it('takes the re-read name when the first one was cut short', async () => {
    const p = footer('Minh Khôi');
    const out = await rereadSignatureBlock(await raster(), p, new PlacedReader(() => signatureRegion(p)!, block('Lạc Minh Khôi')));
    expect(signer(out)).toMatchObject({ name: 'Lạc Minh Khôi' });
  });
  it('keeps a name printed under an arrival stamp, dropping only the stamp\'s own text', async () => {
    const p = footer('Đinh Quốc Bảo', [line('ĐẾN Số: 4521 Ngày 15/3', [1450, 1620, 2000, 1790], 'stamp')]);
    const reading = [...block('Đinh Quốc Bảo'), ['ĐẾN Số: 4521', [1460, 1630, 1800, 1670]] as [string, Box]];
    const out = await rereadSignatureBlock(await raster(), p, new PlacedReader(() => signatureRegion(p)!, reading));
    expect(signer(out)).toMatchObject({ name: 'Đinh Quốc Bảo', authority: ['KT. GIÁM ĐỐC'], title: 'PHÓ GIÁM ĐỐC' });
    expect(out.text.split('\n').filter((t) => t.startsWith('ĐẾN Số'))).toEqual(['ĐẾN Số: 4521 Ngày 15/3']);
  });
});

describe('reading the block again: the rest of the region', () => {
  it('keeps text in the region that is no part of the block (an unmarked arrival stamp)', async () => {
    const p = footer('', [
      line('SỞ GIÁO DỤC VÀ ĐÀO TẠO', [1100, 1500, 1500, 1540]),
      line('ĐẾN Số: 4521', [1100, 1550, 1400, 1590]),
      line('Ngày: 15/3/2023', [1100, 1600, 1400, 1640]),
      line('ˆ ~', [1500, 1700, 1600, 1745]),
    ]);
    const out = await rereadSignatureBlock(await raster(), p, new PlacedReader(() => signatureRegion(p)!, block('Đinh Quốc Bảo')));
    expect(out.text.split('\n')).toEqual(expect.arrayContaining(['SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'ĐẾN Số: 4521', 'Ngày: 15/3/2023', 'Đinh Quốc Bảo']));
    expect(out.text).not.toContain('ˆ ~');
    expect(out.text).not.toContain('ĐỐC ĐỐC');
  });
  it('ends the region above an appendix table starting on the page, and leaves its rows whole', async () => {
    const rows = [
      line('PHỤ LỤC', [1100, 1750, 1380, 1795]),
      merged(merged(line('STT', [300, 1810, 380, 1850]), line('Tên đơn vị', [450, 1810, 800, 1850])), line('Địa điểm họp', [1500, 1810, 1900, 1850])),
      merged(merged(line('1', [300, 1860, 330, 1895]), line('Sở Giáo dục và Đào tạo', [400, 1860, 1000, 1895])), line('Phòng họp tầng 3', [1500, 1860, 2100, 1895])),
    ];
    const p = footer('', rows);
    expect(signatureRegion(p)![3]).toBeLessThanOrEqual(1810);
    const reading = [...block('Đinh Quốc Bảo').map(([t, b]): [string, Box] => [t, b[1] === 1700 ? [1500, 1650, 1900, 1695] : b]), ['Phòng họp', [1500, 1860, 2100, 1895]] as [string, Box]];
    const out = await rereadSignatureBlock(await raster(), p, new PlacedReader(() => signatureRegion(p)!, reading));
    const text = out.text.split('\n');
    expect(text.slice(-3)).toEqual(rows.map((r) => r.text));
    expect(signer(out)).toMatchObject({ name: 'Đinh Quốc Bảo', title: 'PHÓ GIÁM ĐỐC' });
  });
  it('takes a wide authority line that starts left of the column into the region, whole', () => {
    const p = page([
      line('Đề nghị các đơn vị thực hiện./.', [350, 1100, 2200, 1145]),
      line('KT. GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', [900, 1250, 2300, 1295]),
      line('Nơi nhận:', [350, 1300, 560, 1345]),
      merged(line('- Như trên;', [350, 1355, 560, 1395]), line('PHÓ GIÁM ĐỐC', [1480, 1350, 1920, 1395])),
      line('- Lưu: VT, KGVX.', [350, 1405, 720, 1445]),
    ]);
    const box = signatureRegion(p)!;
    expect(box[0]).toBeLessThan(900);
    expect(box[1]).toBeLessThan(1250);
    expect(linesInside(p.lines, box).map((l) => l.text)).toEqual(['KT. GIÁM ĐỐC SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG', 'PHÓ GIÁM ĐỐC']);
  });
  it('never cuts a line running across the column edge into kept and re-read words', () => {
    const p = footer('Đinh Quốc Bảo');
    const box = signatureRegion(p)!;
    p.lines.push(line('Ý kiến góp ý gửi về Văn phòng Sở trước ngày 20', [box[0] - 400, 1600, box[0] + 500, 1640]));
    expect(linesInside(p.lines, box).map((l) => l.text)).not.toContainEqual(expect.stringContaining('ngày 20'));
  });
  it('stops trying readings once its time is spent', async () => {
    const p = footer('Đinh Quốc Bảo');
    const reader = new PlacedReader(() => signatureRegion(p)!, block('Đinh Quốc Bảo'));
    expect(await rereadSignatureBlock(await raster(), p, reader, Date.now() - 1)).toBe(p);
    expect(reader.calls).toBe(0);
  });
});

describe('the distribution heading of the region', () => {
  it('is the last "Nơi nhận:" of the page, not a body line naming a place that receives', () => {
    const lines = [
      line('Nơi nhận báo cáo tổng hợp', [350, 800, 800, 845]),
      line('a) Bộ phận một cửa', [350, 855, 850, 895]),
      line('Nơi nhận hồ sơ: Bộ phận một cửa', [350, 1000, 1200, 1045]),
      line('Đề nghị các đơn vị thực hiện./.', [350, 1200, 2200, 1245]),
      line('Nơi nhận:', [350, 1300, 560, 1345]),
      line('- Như trên;', [350, 1355, 560, 1395]),
    ];
    expect(distributionLine(lines)).toBe(4);
    expect(distributionLine(lines.slice(2, 4))).toBe(-1);
  });
});
