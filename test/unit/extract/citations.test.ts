/**
 * Cited documents: every surface form of a citation, every relation, OCR noise (generated with the
 * seeded helpers of test/helpers/noise.ts and the misreadings seen in real tesseract output of the
 * development corpus), and the identity of a law cited by name and date.
 */
import { describe, expect, it } from 'vitest';
import { extractCitations, type CitationsResult } from '../../../src/stages/extract/citations.js';
import { makeLine, type DocLine } from '../../../src/stages/extract/text.js';
import { citationKey, documentKey } from '../../../src/stages/link.js';
import { lawByTitle } from '../../../src/stages/normalize/laws.js';
import { extractDocuments } from '../../../src/stages/extract/index.js';
import { mergeHeaderColumns, noiseLine, rng } from '../../helpers/noise.js';
import { page } from './build.js';

const GIA_LAI = { province: 'Gia Lai', locality: 'tỉnh Gia Lai' };
const TTG = 'Thủ tướng Chính phủ';

const lines = (...texts: string[]): DocLine[] => texts.map((t, i) => makeLine(t, 1, [200, 200 + 60 * i, 1400, 250 + 60 * i], 90));
const cite = (texts: string[], subject: string[] = [], selfRef: string | null = null): CitationsResult =>
  extractCitations(lines(...texts), GIA_LAI, selfRef, lines(...subject));
const refs = (r: CitationsResult): Array<[string | null, string | null, string]> => r.references.map((c) => [c.ref, c.date, c.relation]);

describe('surface forms of a citation', () => {
  it.each([
    ['Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ tướng Chính phủ về việc ban hành Kế hoạch, UBND tỉnh chỉ đạo:'],
    ['Thực hiện Quyết định 1486/QĐ-TTg ngày 6/11/2018 của Thủ tướng Chính phủ, UBND tỉnh chỉ đạo:'],
    ['Thực hiện QĐ số 1486/QĐ-TTg ngày 06 tháng 11 năm 2018 của TTg, UBND tỉnh chỉ đạo:'],
    ['Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của TTCP, UBND tỉnh chỉ đạo:'],
    ['Thực hiện Quyết định số: 1486/QĐ-TTg, ngày 06/11/2018, UBND tỉnh chỉ đạo:'],
    ['Thực hiện Quyết định số 1486⁄QÐ-TTg ngày 06/11/2018, UBND tỉnh chỉ đạo:'],
  ])('%s', (text) => {
    const [c, ...rest] = cite([text]).references;
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ type: 'Quyết định', ref: '1486/QĐ-TTg', date: '2018-11-06', issuer: TTG, relation: 'implements' });
  });

  it('infers the issuer from the symbol when the text omits it', () => {
    const r = cite(['Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư;', 'Căn cứ Luật An ninh mạng số 24/2018/QH14 ngày 12/6/2018;', 'Căn cứ Quyết định số 1829/QĐ-TTg ngày 15/11/2021;']);
    expect(r.legalBases.map((c) => [c.ref, c.issuer, c.type])).toEqual([
      ['30/2020/NĐ-CP', 'Chính phủ', 'Nghị định'],
      ['24/2018/QH14', 'Quốc hội', 'Luật'],
    ]);
    // the plan's Căn cứ naming a directive: the parent it implements
    expect(r.references).toMatchObject([{ ref: '1829/QĐ-TTg', issuer: TTG, relation: 'implements' }]);
  });

  it('reads abbreviated issuing bodies with the document province', () => {
    const r = cite([
      'Thực hiện Công văn số 2926/GDTrH ngày 05/7/2022 của Bộ GD&ĐT về việc hướng dẫn nhiệm vụ năm học;',
      'Kế hoạch số 125/KH-CNTT ngày 01/12/2021 của Sở TT&TT về chuyển đổi số;',
      'Công văn số 5988/UBND-KGVX ngày 01/12/2021 của UBND tỉnh về chuyển đổi số.',
    ]);
    expect(r.references.map((c) => c.issuer)).toEqual([
      'Bộ Giáo dục và Đào tạo',
      'Sở Thông tin và Truyền thông tỉnh Gia Lai',
      'Ủy ban nhân dân tỉnh Gia Lai',
    ]);
  });

  it('a number before a date without "số" is a document only with a full symbol', () => {
    expect(cite(['Địa chỉ: thửa đất 125/UBND ngày 5/3/2020 cấp.']).references).toEqual([]);
    expect(refs(cite(['Thực hiện', '3371/UBND-NC ngày 6/4/2020 của UBND tỉnh, Sở đề nghị:']))).toEqual([['3371/UBND-NC', '2020-04-06', 'implements']]);
  });

  it('"… pháp luật" at a line end does not run the clause on', () => {
    const r = cite(['Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư theo quy định của pháp luật', 'Công văn số 12/UBND-VP ngày 05/01/2022 của UBND tỉnh đã giao nhiệm vụ cho các sở.']);
    expect(refs(r)).toEqual([['12/UBND-VP', '2022-01-05', 'mentions']]);
    expect(r.legalBases.map((c) => c.ref)).toEqual(['30/2020/NĐ-CP']);
  });

  it.each([
    ['Bộ TT&TT', 'Bộ Thông tin và Truyền thông'], ['Bộ GD&ĐT', 'Bộ Giáo dục và Đào tạo'], ['Bộ KH&ĐT', 'Bộ Kế hoạch và Đầu tư'],
    ['Bộ TN&MT', 'Bộ Tài nguyên và Môi trường'], ['Bộ LĐTB&XH', 'Bộ Lao động - Thương binh và Xã hội'],
    ['Bộ VHTT&DL', 'Bộ Văn hóa, Thể thao và Du lịch'], ['Bộ VH,TT&DL', 'Bộ Văn hóa, Thể thao và Du lịch'],
    ['Bộ NN&PTNT', 'Bộ Nông nghiệp và Phát triển nông thôn'], ['Bộ KH&CN', 'Bộ Khoa học và Công nghệ'],
    ['Bộ GTVT', 'Bộ Giao thông vận tải'], ['Bộ NN&MT', 'Bộ Nông nghiệp và Môi trường'], ['Bộ TC', 'Bộ Tài chính'],
    ['Bộ TP', 'Bộ Tư pháp'], ['Bộ CT', 'Bộ Công Thương'], ['Bộ YT', 'Bộ Y tế'], ['Bộ XD', 'Bộ Xây dựng'], ['Bộ NV', 'Bộ Nội vụ'],
    ['Bộ CA', 'Bộ Công an'], ['Bộ QP', 'Bộ Quốc phòng'], ['Bộ NG', 'Bộ Ngoại giao'],
    ['Sở TT&TT', 'Sở Thông tin và Truyền thông tỉnh Gia Lai'], ['Sở GD&ĐT', 'Sở Giáo dục và Đào tạo tỉnh Gia Lai'],
    ['Sở KH và ĐT', 'Sở Kế hoạch và Đầu tư tỉnh Gia Lai'], ['Sở TN&MT', 'Sở Tài nguyên và Môi trường tỉnh Gia Lai'],
    ['Sở LĐ-TB&XH', 'Sở Lao động - Thương binh và Xã hội tỉnh Gia Lai'], ['Sở VHTT&DL', 'Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai'],
    ['Sở NN&PTNT', 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Gia Lai'], ['Sở KH&CN', 'Sở Khoa học và Công nghệ tỉnh Gia Lai'],
    ['Sở GTVT', 'Sở Giao thông vận tải tỉnh Gia Lai'], ['Sở NN&MT', 'Sở Nông nghiệp và Môi trường tỉnh Gia Lai'],
    ['Sở VH&TT', 'Sở Văn hóa và Thể thao tỉnh Gia Lai'], ['Sở TC', 'Sở Tài chính tỉnh Gia Lai'], ['Sở TP', 'Sở Tư pháp tỉnh Gia Lai'],
    ['Sở CT', 'Sở Công Thương tỉnh Gia Lai'], ['Sở YT', 'Sở Y tế tỉnh Gia Lai'], ['Sở XD', 'Sở Xây dựng tỉnh Gia Lai'],
    ['Sở NV', 'Sở Nội vụ tỉnh Gia Lai'], ['Sở DL', 'Sở Du lịch tỉnh Gia Lai'],
  ])('reads the abbreviated body "%s"', (body, issuer) => {
    expect(cite([`Thực hiện Công văn số 12/XYZ-VP ngày 05/01/2022 của ${body}, UBND tỉnh chỉ đạo:`]).references).toMatchObject([{ issuer }]);
  });

  it('takes no abbreviation that names no such body ("Sở CA", "Bộ DL") or a word after "bộ"', () => {
    for (const body of ['Sở CA', 'Bộ DL', 'toàn bộ cơ quan']) {
      expect(cite([`Thực hiện Công văn số 12/XYZ-VP ngày 05/01/2022 của ${body}, UBND tỉnh chỉ đạo:`]).references).toMatchObject([{ issuer: null }]);
    }
  });

  it('takes a reference whose "Quyết định số" OCR lost when a date follows it', () => {
    expect(refs(cite(['Thực hiện', '1486/QĐ-TTg. ngày 06/11/2018 của Thủ tướng Chính phủ ban hành Kế hoạch, UBND tỉnh chỉ đạo:']))).toEqual([
      ['1486/QĐ-TTg', '2018-11-06', 'implements'],
    ]);
    // a bare number with an unknown symbol and no date is not a citation
    expect(cite(['Liên hệ số 0256/ABCX để biết thêm.']).references).toEqual([]);
  });
});

describe('relations', () => {
  it('replies-to: Phúc đáp, Theo đề nghị … tại Công văn số …, Xét đề nghị … tại Tờ trình số …', () => {
    expect(refs(cite(['Phúc đáp Công văn số 77/SNV-CCHC ngày 02/3/2020 của Sở Nội vụ, UBND tỉnh có ý kiến như sau:']))).toEqual([['77/SNV-CCHC', '2020-03-02', 'replies-to']]);
    expect(refs(cite(['Theo đề nghị của Sở Nội vụ tại Công văn số 77/SNV-CCHC ngày 02/3/2020, UBND tỉnh có ý kiến:']))).toEqual([['77/SNV-CCHC', '2020-03-02', 'replies-to']]);
    expect(refs(cite(['Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 51/TTr-SNV ngày 02/3/2020.']))).toEqual([['51/TTr-SNV', '2020-03-02', 'replies-to']]);
  });

  it('mentions: any other document named in the body', () => {
    const r = cite(['Triển khai Văn bản số 3371/UBND-NC ngày 6/4/2020 của UBND tỉnh, Sở đề nghị:', '1. Quán triệt các quy định của Nghị định số 30/2020/NĐ-CP tại cơ quan, đơn vị.']);
    expect(refs(r)).toEqual([['3371/UBND-NC', '2020-04-06', 'implements'], ['30/2020/NĐ-CP', null, 'mentions']]);
  });

  it.each([
    ['Quyết định này thay thế Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh.', 'replaces'],
    ['Bãi bỏ Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh.', 'repeals'],
    ['Sửa đổi, bổ sung một số điều của Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh như sau:', 'amends'],
    ['Văn bản này hướng dẫn thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh như sau:', 'guides'],
    ['Quyết định này có hiệu lực kể từ ngày ký và thay thế Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh.', 'replaces'],
    ['Điều 2. Bãi bỏ Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh.', 'repeals'],
  ])('%s → %s', (text, relation) => {
    expect(refs(cite([text]))).toEqual([['12/QĐ-UBND', '2019-01-05', relation]]);
  });

  it('the verb acts for the citing document only: not for the guide it follows, not for another cited document', () => {
    // the cited letter is the guide
    expect(refs(cite(['Đề nghị các đơn vị triển khai theo hướng dẫn Công văn số 12/SNV-CCHC ngày 05/01/2022 của Sở Nội vụ.']))).toEqual([['12/SNV-CCHC', '2022-01-05', 'mentions']]);
    expect(refs(cite(['Căn cứ hướng dẫn Công văn số 12/BNV-VTLTNN ngày 05/01/2022 của Bộ Nội vụ, UBND tỉnh chỉ đạo:']))[0]![2]).not.toBe('guides');
    // decision 15 repeals decision 12, not the citing document
    expect(refs(cite(['Ngày 05/01/2022, UBND tỉnh ban hành Quyết định số 15/QĐ-UBND bãi bỏ Quyết định số 12/QĐ-UBND ngày 05/01/2019.'])).map((c) => c[2])).toEqual(['mentions', 'mentions']);
    // a body that is maybe not the issuer
    expect(refs(cite(['Bộ Tài chính hướng dẫn thực hiện Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh tại Công văn số 5/BTC-NSNN.'])).map((c) => c[2])).toEqual(['mentions', 'mentions']);
  });

  it('"căn cứ nội dung … nêu trên" acts on a document already cited, it is no legal basis', () => {
    const r = cite(['Căn cứ nội dung Quyết định số 1486/QĐ-TTg nêu trên, các sở xây dựng kế hoạch.']);
    expect(r.legalBases).toEqual([]);
    expect(refs(r)).toEqual([['1486/QĐ-TTg', null, 'mentions']]);
  });

  it('a Căn cứ that does not call back is a basis, whatever word follows it', () => {
    // the plan's parent directive, named after "hướng dẫn của …"
    const r = cite(['Căn cứ hướng dẫn của Bộ Nội vụ tại Công văn số 1593/BNV-VTLTNN ngày 27/3/2020, UBND tỉnh chỉ đạo:']);
    expect(refs(r)).toEqual([['1593/BNV-VTLTNN', '2020-03-27', 'implements']]);
    const basis = cite(['Căn cứ chức năng, nhiệm vụ tại Quyết định số 12/QĐ-UBND ngày 05/01/2019 của UBND tỉnh;', 'Thực hiện Công văn số 5/SNV-CCHC ngày 05/01/2022 của Sở Nội vụ, Phòng đề nghị:']);
    expect(basis.legalBases.map((c) => c.ref)).toEqual(['12/QĐ-UBND']);
    // "trên địa bàn" is no call-back
    expect(cite(['Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2019 về quản lý trên địa bàn tỉnh;', 'Thực hiện Công văn số 5/SNV-CCHC ngày 05/01/2022 của Sở Nội vụ, Phòng đề nghị:']).legalBases.map((c) => c.ref)).toEqual(['12/QĐ-UBND']);
  });

  it('the subject naming what the document carries out gives the relation the lost opening line had', () => {
    const body = ['1. Giao Sở Thông tin và Truyền thông chủ trì, phối hợp với các Sở, ngành liên', 'quan căn cứ nội dung Quyết định số 1486/QĐ-TTg nêu trên hướng dẫn các cơ quan.'];
    expect(refs(cite(body))).toEqual([['1486/QĐ-TTg', null, 'mentions']]);
    expect(refs(cite(body, ['V/v thực hiện QĐ', 'số 1486/QĐ-TTg của TTCP']))).toEqual([['1486/QĐ-TTg', null, 'implements']]);
  });

  it('a subject that only names a document adds no reference', () => {
    const r = cite(['Thực hiện Công văn số 2201/UBND-NC ngày 14/4/2020 của UBND tỉnh, Sở Nội vụ đề nghị:'], ['V/v triển khai công tác', 'văn thư theo Nghị định', 'số 30/2020/NĐ-CP']);
    expect(refs(r)).toEqual([['2201/UBND-NC', '2020-04-14', 'implements']]);
  });

  it('an implementing document whose opening words are lost: the citation that opens the body', () => {
    const body = ['1486/QĐ-TTg ngày 6/11/2018 của Thủ tướng Chính phủ ban hành Kế hoạch thông tin đối ngoại;', '1. Giao Sở chủ trì thực hiện.'];
    expect(refs(cite(body))).toEqual([['1486/QĐ-TTg', '2018-11-06', 'mentions']]);
    expect(refs(cite(body, ['V/v triển khai công tác']))).toEqual([['1486/QĐ-TTg', '2018-11-06', 'implements']]);
  });
});

describe('OCR noise', () => {
  it.each([
    ['Thực hi n Đống văn số .6502/BTC-NSNN ngày 10 tháng 6 năm 2022 của Bộ Tài chính, UBND tỉnh có ý kiến:', '6502/BTC-NSNN', '2022-06-10'],
    ['chuyfhực.hiện.Công văn số 8919/UBND-KGVX ngày 24/12/2018 của UBND tỉnh về việc triển khai, Sở đề nghị:', '8919/UBND-KGVX', '2018-12-24'],
    ['Thực hiện 1486/QP-TTg ngày 6/11/2018 của Thủ tướng Chính phủ, UBND tỉnh chỉ đạo:', '1486/QĐ-TTg', '2018-11-06'],
    ['Thực hiện Công văn số 1593/BNV-VTLTNN ngày 27 tháng -3 năm 2020 của Bộ Nội vụ, UBND tỉnh chỉ đạo:', '1593/BNV-VTLTNN', '2020-03-27'],
    ['Thực hiện Quyết định số 1486/QĐ.TTg ngày 06/11/2018, UBND tỉnh chỉ đạo:', '1486/QĐ-TTg', '2018-11-06'],
  ])('%s', (text, ref, date) => {
    expect(refs(cite([text]))).toEqual([[ref, date, 'implements']]);
  });

  it('a garbled opening verb gives "implements" under review', () => {
    for (const text of [
      'chuyfhực.hiện.Công văn số 8919/UBND-KGVX ngày 24/12/2018 của UBND tỉnh về việc triển khai, Sở đề nghị:',
      'Thực hi n Đống văn số .6502/BTC-NSNN ngày 10 tháng 6 năm 2022 của Bộ Tài chính, UBND tỉnh có ý kiến:',
    ]) expect(cite([text]).references).toMatchObject([{ relation: 'implements', repaired: true }]);
    expect(cite(['Thực hiện Công văn số 8919/UBND-KGVX ngày 24/12/2018 của UBND tỉnh, Sở đề nghị:']).references).toMatchObject([{ relation: 'implements', repaired: false }]);
  });

  it.each([
    'Không thực hiện Công văn số 12/UBND-VP ngày 05/01/2022 của UBND tỉnh, một số đơn vị chậm báo cáo.',
    'Chưa thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2022 của UBND tỉnh là vi phạm.',
    'Việc thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2022 của UBND tỉnh còn chậm.',
    'Đã thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2022 của UBND tỉnh.',
    'Không triển khai Kế hoạch số 12/KH-UBND ngày 05/01/2022 của UBND tỉnh.',
  ])('a whole word before the verb is no OCR debris: %s', (text) => {
    expect(cite([text]).references.map((c) => c.relation)).toEqual(['mentions']);
  });

  it('rejoins lines: a symbol broken at its hyphen, specks before a line, "của Bộ" / "Nội vụ"', () => {
    const r = cite(['Thực hiện Công văn số 1593/BNV-', 'VTLTNN ngày 27/3/2020 của Bộ', '. Nội vụ về triển khai thực hiện Nghị định số 30/2020/NĐ-CP, UBND tỉnh chỉ đạo:']);
    // the decree is part of the letter's title, not a reference of its own
    expect(r.references).toMatchObject([{ ref: '1593/BNV-VTLTNN', date: '2020-03-27', issuer: 'Bộ Nội vụ', relation: 'implements', title: 'triển khai thực hiện Nghị định số 30/2020/NĐ-CP' }]);
  });

  it('an opening citation implements only when its own sentence says so', () => {
    const r = cite(['Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ quy định về công tác văn thư. Qua kiểm tra việc thực hiện tại các đơn vị còn hạn chế.', '1. Giao Sở Nội vụ kiểm tra.']);
    expect(refs(r)).toEqual([['30/2020/NĐ-CP', '2020-03-05', 'mentions']]);
    const says = cite(['Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ, Bộ Nội vụ triển khai thực hiện như sau:', '1. Giao Vụ Văn thư kiểm tra.']);
    expect(says.references).toMatchObject([{ ref: '30/2020/NĐ-CP', relation: 'implements', repaired: true }]);
  });

  it('runs a justified line on at the right margin even before a capital', () => {
    const at = (text: string, y: number, right: number): DocLine => makeLine(text, 1, [300, y, right, y + 50], 90);
    const body = [
      at('Số 1829/QĐ-TTg ngày 15/11/2021 của Thủ tướng', 100, 2276),
      at('Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện trên địa', 160, 2270),
      at('bàn tỉnh như sau:', 220, 900),
      at('- Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan nhà nước, gắn', 280, 2274),
      at('với cải cách hành chính.', 340, 1000),
    ];
    const r = extractCitations(body, GIA_LAI, null);
    expect(r.references.map((c) => [c.ref, c.relation])).toEqual([['1829/QĐ-TTg', 'implements']]);
  });

  it('drops a symbol cut short by a merged column when a whole reading of it exists, keeps the readable one', () => {
    const r = cite(['tác văn Thự thư; để triển khai định hiệu số 30/2020/NDĐ- quả công tác theo Nghị định số 30/2020/NĐ-CP, Bộ đề nghị:']);
    expect(r.references.map((c) => c.ref)).toEqual(['30/2020/NĐ-CP']);
  });

  it('keeps a symbol cut short with nothing to complete it, flagged', () => {
    expect(cite(['Thực hiện Công văn số 123/UBND- về việc triển khai, Sở đề nghị:']).references).toMatchObject([{ ref: '123/UBND', relation: 'implements', repaired: true }]);
  });

  it('flags a last segment split off with a dot and rejoined', () => {
    expect(cite(['Thực hiện Quyết định số 1486/QĐ.TTg ngày 06/11/2018, UBND tỉnh chỉ đạo:']).references).toMatchObject([{ ref: '1486/QĐ-TTg', repaired: true }]);
    expect(cite(['Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018, UBND tỉnh chỉ đạo:']).references).toMatchObject([{ ref: '1486/QĐ-TTg', repaired: false }]);
  });

  it('one reference read twice with a misread digit takes the reading seen most', () => {
    // the "nêu trên" reading names a document cited before: the undated look-alike opening the body
    const r = cite(['1489QĐ- TTg ngày 06 tháng 11 năm 2018 của Thủ tướng Chính phủ ban hành Kế hoạch;', '1. Giao Sở căn cứ nội dung Quyết định số 1486/QĐ-TTg nêu trên tham mưu.'], ['V/v thực hiện Quyết định', 'số 1486/QĐ.TTg của T-TCE..']);
    expect(refs(r)).toEqual([['1486/QĐ-TTg', '2018-11-06', 'implements']]);
    expect(r.references[0]!.repaired).toBe(true);
  });

  it('keeps two documents one look-alike digit apart', () => {
    // both dated: two letters of one office, not one letter read twice
    const letters = cite(['Thực hiện Công văn số 3985/UBND-KT ngày 04/7/2022 của UBND tỉnh;', 'Căn cứ Công văn số 3965/UBND-KT ngày 01/7/2022 của UBND tỉnh và Công văn số 3985/UBND-KT nêu trên, Sở đề nghị:']);
    const all = [...letters.legalBases, ...letters.references];
    expect(all.map((c) => [c.ref, c.date]).sort()).toEqual([['3965/UBND-KT', '2022-07-01'], ['3985/UBND-KT', '2022-07-04']]);
    expect(all.every((c) => !c.repaired)).toBe(true);
    const circulars = cite(['Căn cứ Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ;', 'Căn cứ Thông tư số 07/2011/TT-BNV ngày 28/7/2011 của Bộ Nội vụ;', 'Theo Thông tư số 01/2011/TT-BNV nêu trên, các cơ quan thực hiện.']);
    expect(circulars.legalBases.map((c) => [c.ref, c.date, c.repaired])).toEqual([['01/2011/TT-BNV', '2011-01-19', false], ['07/2011/TT-BNV', '2011-07-28', false]]);
    // a "nêu trên" whose number was cited before calls back to that one, not to its look-alike
    const recalled = cite(['Thực hiện Công văn số 3965/UBND-KT của UBND tỉnh;', 'Căn cứ Công văn số 3985/UBND-KT, Công văn số 3985/UBND-KT nêu trên quy định:']);
    expect([...recalled.legalBases, ...recalled.references].map((c) => c.ref).sort()).toEqual(['3965/UBND-KT', '3985/UBND-KT']);
    // 0 and 1, 4 and 7 are no tesseract confusions
    const far = cite(['1407/QĐ-TTg ngày 06 tháng 11 năm 2018 của Thủ tướng Chính phủ ban hành Kế hoạch;', '1. Giao Sở căn cứ nội dung Quyết định số 1404/QĐ-TTg nêu trên tham mưu.'], ['V/v thực hiện Quyết định', 'số 1404/QĐ-TTg']);
    expect(far.references.map((c) => c.ref).sort()).toEqual(['1404/QĐ-TTg', '1407/QĐ-TTg']);
  });

  it('dates a citation from the tail whose head OCR lost ("ngày 05/03/2020 của Chính phủ về …")', () => {
    const r = cite(['ác tỉnh, thành phố ngày 05/03/2020 của Chính phủ về công tác văn thư; để triển khai công tác văn thư theo Nghị định số 30/2020/NĐ-CP, Bộ đề nghị:']);
    expect(r.references).toMatchObject([{ ref: '30/2020/NĐ-CP', date: '2020-03-05' }]);
  });

  it('takes no date from a meeting, another year, or a tail that names no document', () => {
    const meeting = cite(['Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ;', 'Tại Hội nghị trực tuyến ngày 12/5/2020 của Chính phủ với các địa phương, các đơn vị đã thống nhất.']);
    expect(meeting.legalBases.map((c) => [c.ref, c.date])).toEqual([['30/2020/NĐ-CP', null]]);
    const otherYear = cite(['Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ;', 'ngày 12/5/2019 của Chính phủ về công tác văn thư;']);
    expect(otherYear.legalBases.map((c) => [c.ref, c.date])).toEqual([['30/2020/NĐ-CP', null]]);
    // a number without its year takes a tail only when it opens a paragraph
    const inside = cite(['Thực hiện Công văn số 12/BNV-VTLTNN của Bộ Nội vụ, Sở đề nghị:', 'Các đơn vị báo cáo ngày 12/5/2020 của Bộ Nội vụ.']);
    expect(inside.references.map((c) => [c.ref, c.date])).toEqual([['12/BNV-VTLTNN', null]]);
  });

  it('keeps ref, date and relation under seeded OCR noise (look-alikes, lost diacritics, ⁄ for /)', () => {
    const text = 'Thực hiện Quyết định số 1486/QĐ-TTg ngày 06/11/2018 của Thủ tướng Chính phủ về Kế hoạch, Ủy ban nhân dân tỉnh chỉ đạo:';
    const basis = 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;';
    const failures: string[] = [];
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const noisy = [noiseLine(text, r, 2), noiseLine(basis, r, 2)];
      const got = cite(noisy);
      const ok = got.references.length === 1 && got.references[0]!.ref === '1486/QĐ-TTg' && got.references[0]!.date === '2018-11-06' &&
        got.references[0]!.relation === 'implements' && got.legalBases.length === 1 && got.legalBases[0]!.ref === '30/2020/NĐ-CP' &&
        got.legalBases[0]!.date === '2020-03-05';
      if (!ok) failures.push(noisy.join(' | '));
    }
    expect(failures).toEqual([]);
  });
});

describe('a whole letter under noise', () => {
  const letter = [
    'ỦY BAN NHÂN DÂN', 'TỈNH GIA LAI', 'Số: 5988/UBND-KGVX', 'V/v thực hiện QĐ số 1829/QĐ-TTg', 'của TTCP',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Gia Lai, ngày 01 tháng 12 năm 2021',
    'Kính gửi: Sở Thông tin và Truyền thông.',
    'Thực hiện Quyết định số 1829/QĐ-TTg ngày 15 tháng 11 năm 2021 của Thủ tướng Chính phủ ban hành',
    'Kế hoạch triển khai Chương trình Chuyển đổi số quốc gia năm 2022, Ủy ban nhân dân tỉnh chỉ đạo:',
    '1. Giao Sở Thông tin và Truyền thông chủ trì, căn cứ nội dung Quyết định số 1829/QĐ-TTg nêu trên',
    'tham mưu UBND tỉnh triển khai thực hiện theo Nghị định số 47/2020/NĐ-CP của Chính phủ.',
    'Nơi nhận:', '- Như trên;', '- Lưu: VT, KGVX.', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Nguyễn Văn An',
  ];
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: header columns merged, marks dropped, look-alikes swapped', (seed) => {
    const r = rng(seed);
    const noisy = mergeHeaderColumns(letter).map((l) => noiseLine(l, r, 1));
    const [doc] = extractDocuments([page(1, noisy)], { now: new Date('2026-01-01T00:00:00Z') });
    expect(doc!.references.map((c) => [c.ref, c.date, c.issuer, c.relation])).toEqual([
      ['1829/QĐ-TTg', '2021-11-15', TTG, 'implements'],
      ['47/2020/NĐ-CP', null, 'Chính phủ', 'mentions'],
    ]);
  });
});

describe('laws cited by name', () => {
  it('reads title, date and issuer; a ref only when printed', () => {
    const r = cite(['Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;', 'Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương số 47/2019/QH14 ngày 22 tháng 11 năm 2019;']);
    expect(r.legalBases).toMatchObject([
      { type: 'Luật', ref: null, title: 'Luật Tổ chức Chính phủ', date: '2015-06-19', issuer: 'Quốc hội' },
      { type: 'Luật', ref: '47/2019/QH14', date: '2019-11-22', issuer: 'Quốc hội' },
    ]);
  });

  it('reads every law of one Căn cứ clause', () => {
    const r = cite(['Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;']);
    expect(r.legalBases.map((c) => [c.title, c.date])).toEqual([
      ['Luật Tổ chức chính quyền địa phương', '2015-06-19'],
      ['Luật Ban hành văn bản quy phạm pháp luật', '2015-06-22'],
    ]);
  });

  it('resolves a law by name and date and the same law by number to one identity', () => {
    const byName = cite(['Căn cứ Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015;']).legalBases[0]!;
    const byRef = cite(['Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015;']).legalBases[0]!;
    expect(byName.ref).toBeNull();
    expect(byRef.ref).toBe('80/2015/QH13');
    expect(citationKey(byName)).toBe(citationKey(byRef));
    expect(citationKey(byName)).toBe(documentKey({ ref: '80/2015/QH13', number: null, symbol: null, issuedDate: '2015-06-22', issuer: 'Quốc hội', type: 'Luật' }));
    // lost diacritics fold to the same title
    expect(citationKey(cite(['Can cu Luat Ban hanh van ban quy pham phap luat ngay 22/6/2015;']).legalBases[0]!)).toBe(citationKey(byName));
  });

  it('dates a known law whose year OCR garbled or that is cited by year', () => {
    expect(cite(['Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2004056']).legalBases).toMatchObject([{ title: 'Luật Tổ chức Chính phủ', date: '2015-06-19' }]);
    expect(cite(['Căn cứ Luật Tổ chức chính quyền địa phương năm 2015;']).legalBases).toMatchObject([{ title: 'Luật Tổ chức chính quyền địa phương', date: '2015-06-19' }]);
    // a law of the table cited by number whose date was cut off
    expect(cite(['Căn cứ Luật An ninh mạng số 24/2018/QH14 ngày 12 tháng 6 năm']).legalBases).toMatchObject([{ ref: '24/2018/QH14', date: '2018-06-12' }]);
    // the same title names two laws: without a date none is chosen
    expect(lawByTitle('Luật Tổ chức Chính phủ', null)).toBeNull();
    expect(cite(['Căn cứ Luật Tổ chức Chính phủ;']).legalBases).toMatchObject([{ title: 'Luật Tổ chức Chính phủ', date: null }]);
  });

  it('takes no law from a dated meeting in the preamble', () => {
    const r = cite(['Căn cứ Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ;', 'Tại phiên họp Chính phủ ngày 19/6/2015, các thành viên thống nhất', 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;']);
    expect(r.legalBases.map((c) => c.ref)).toEqual(['123/2016/NĐ-CP', '30/2020/NĐ-CP']);
    // a clause ending on the date, but only a body's name before it
    expect(cite(['Căn cứ Nghị định số 123/2016/NĐ-CP ngày 01/9/2016 của Chính phủ;', 'Tại phiên họp Chính phủ ngày 19/6/2015;', 'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;']).legalBases).toHaveLength(2);
  });

  it('knows the 2024–2025 laws apart from the earlier laws of the same title', () => {
    expect(cite(['Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;']).legalBases).toMatchObject([{ title: 'Luật Tổ chức chính quyền địa phương', date: '2025-06-16' }]);
    expect(cite(['Căn cứ Luật Tổ chức Chính phủ năm 2025;']).legalBases).toMatchObject([{ title: 'Luật Tổ chức Chính phủ', date: '2025-02-18' }]);
    expect(cite(['Căn cứ Luật Lưu trữ năm 2024;']).legalBases).toMatchObject([{ title: 'Luật Lưu trữ', date: '2024-06-21' }]);
    expect(cite(['Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;']).legalBases).toMatchObject([{ ref: '64/2025/QH15', date: '2025-02-19' }]);
    expect(citationKey(cite(['Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;']).legalBases[0]!)).toBe(citationKey(cite(['Căn cứ Luật Đất đai số 31/2024/QH15;']).legalBases[0]!));
    expect(cite(['Căn cứ Luật Tổ chức Chính phủ năm 2015;']).legalBases).toMatchObject([{ date: '2015-06-19' }]);
  });

  it('finds laws in preamble lines a merged column garbled, before the Căn cứ lines', () => {
    const r = cite([
      'THỦ TƯỚNG CHÍNH PHỦ chức Chímh phủ ngày 19 tháng 6 năm 2015;',
      'Số:',
      'số 47/20 19/QH14 ngày 22 tháng 11 năm',
      'Căn cứ Luật An ninh mạng ngày 12 tháng 6 năm 2018;',
    ]);
    expect(r.legalBases.map((c) => [c.ref, c.title, c.date])).toEqual([
      ['47/2019/QH14', null, '2019-11-22'],
      [null, 'Luật An ninh mạng', '2018-06-12'],
      [null, 'Luật Tổ chức Chính phủ', '2015-06-19'],
    ]);
    expect(r.references).toEqual([]);
    // after the preamble a decree is a mention
    expect(refs(cite(['Căn cứ Luật An ninh mạng ngày 12 tháng 6 năm 2018;', 'QUYẾT ĐỊNH:', 'Điều 1. Thực hiện theo đúng quy định tại Nghị định số 30/2020/NĐ-CP.']))).toEqual([['30/2020/NĐ-CP', null, 'mentions']]);
  });
});

describe('drafting-unit codes read with look-alike letters', () => {
  it('keeps an unknown unit code as read and flags it when it looks like a known one', () => {
    for (const [text, ref] of [
      ['. Triển khai Văn bản số 3371/UBND-NG ngày 6/4/2020 của UBND tỉnh, Sở đề nghị:', '3371/UBND-NG'],
      ['Thực hiện Công văn số 2201/UBND-NGC ngày 14/4/2020 của UBND tỉnh, Sở đề nghị:', '2201/UBND-NGC'],
      // real codes that are not in the table: a unit of the public-administration centre, the health
      // department's medical-affairs office, the home-affairs organisation office
      ['Thực hiện Công văn số 15/UBND-HCC ngày 14/4/2020 của UBND tỉnh, Sở đề nghị:', '15/UBND-HCC'],
      ['Thực hiện Công văn số 15/SYT-NVYD ngày 14/4/2020 của Sở Y tế, UBND tỉnh chỉ đạo:', '15/SYT-NVYD'],
      ['Thực hiện Công văn số 15/SNV-TCBC ngày 14/4/2020 của Sở Nội vụ, UBND tỉnh chỉ đạo:', '15/SNV-TCBC'],
    ] as const) {
      expect(refs(cite([text]))[0]?.[0]).toBe(ref);
    }
    expect(cite(['Thực hiện Công văn số 2201/UBND-NGC ngày 14/4/2020 của UBND tỉnh, Sở đề nghị:']).references[0]!.repaired).toBe(true);
    expect(cite(['Thực hiện Công văn số 15/UBND-HCC ngày 14/4/2020 của UBND tỉnh, Sở đề nghị:']).references[0]!.repaired).toBe(true);
  });

  it('repairs the code when another reading of the number agrees', () => {
    // the subject read the code right
    const r = cite(['Thực hiện Công văn số 2201/UBND-NGC ngày 14/4/2020 của UBND tỉnh, Sở đề nghị:'], ['V/v triển khai Công văn số 2201/UBND-NC']);
    expect(refs(r)).toEqual([['2201/UBND-NC', '2020-04-14', 'implements']]);
    expect(r.references[0]!.repaired).toBe(true);
    // two different misreadings one look-alike from the same known code
    const twice = cite(['Thực hiện Công văn số 2926/BGDĐT-GDTIH ngày 05/7/2022 của Bộ Giáo dục và Đào tạo, Sở đề nghị:', '1. Căn cứ nội dung Công văn số 2926/BGDĐT-GDTIrH nêu trên, các trường thực hiện.']);
    expect(refs(twice)).toEqual([['2926/BGDĐT-GDTrH', '2022-07-05', 'implements']]);
    // the same misreading twice is no agreement (an unlisted code reads the same every time)
    expect(refs(cite(['Thực hiện Công văn số 15/UBND-TG ngày 14/4/2020 của UBND tỉnh, Sở đề nghị:', '1. Căn cứ nội dung Công văn số 15/UBND-TG nêu trên, các đơn vị thực hiện.']))).toEqual([['15/UBND-TG', '2020-04-14', 'implements']]);
  });
});
