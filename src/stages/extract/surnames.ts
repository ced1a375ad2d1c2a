import { foldAccents } from '../../text/fold.js';

/**
 * Family names, to repair the first word of a signer's name: the common Kinh ones and those of the
 * northern and central highland minorities. Many real names differ from another only by marks
 * (Hà/Hạ, Lò/Lô, Lâm/Lam, Lại/Lạc, Giàng/Giang, Lường/Lương, Tòng/Tống, Mã/Ma, Lã/La, Lữ/Lư): both are
 * listed, so a name is never "corrected" by its marks alone.
 */
const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương',
  'Lý', 'Đinh', 'Đào', 'Đoàn', 'Lương', 'Trịnh', 'Mai', 'Cao', 'Hà', 'Hạ', 'Lâm', 'Lam', 'Tạ', 'Chu', 'Tô', 'Thái',
  'Châu', 'Quách', 'Tăng', 'Kiều', 'Triệu', 'Lưu', 'Nghiêm', 'Từ', 'Tống', 'Thân', 'Vương', 'Đàm', 'Lại', 'Lạc',
  'Mạc', 'Phùng', 'Tôn', 'Giang', 'Hứa', 'Nông', 'Hầu', 'Trương', 'La', 'Kim', 'Khúc', 'Khổng', 'Lục', 'Bế', 'Ma',
  'Mã', 'Bạch', 'Diệp', 'Doãn', 'Giáp', 'Khuất', 'Lã', 'Ninh', 'Ông', 'Âu', 'Thạch', 'Danh', 'Chử', 'Đồng', 'Lữ',
  'Lư', 'Vi', 'Vy', 'Phí', 'Cù', 'Tiêu', 'Nhữ', 'Khương', 'Quan', 'Văn', 'Đường', 'Hàn', 'Cung', 'Mạch', 'Ứng',
  'Viên', 'Đậu', 'Trình', 'Lỗ', 'Mẫn', 'Thiều', 'Tiết', 'Ung', 'Ưng', 'Vòng',
  'Giàng', 'Lường', 'Tòng', 'Lò', 'Lô', 'Sùng', 'Thào', 'Vàng', 'Mùa', 'Cầm', 'Lù', 'Hờ', 'Vừ', 'Hạng', 'Lầu',
  'Sình', 'Chẩu', 'Điêu', 'Quàng', 'Đèo', 'Bàn', 'Phàn', 'Chảo', 'Lèo', 'Tráng', 'Sầm', 'Nay', 'Siu', 'Ksor',
];

/** Folded spelling → the listed spellings (several when only marks tell them apart). */
const byFold = new Map<string, string[]>();
for (const n of new Set(SURNAMES)) byFold.set(foldAccents(n), [...(byFold.get(foldAccents(n)) ?? []), n]);

export function isListedSurname(word: string): boolean {
  return byFold.has(foldAccents(word));
}

export interface SurnameRepair {
  name: string;
  /** Letters were restored (a first letter split off or lost). */
  repaired: boolean;
  /** The family name is a listed one read with other marks ("Trấn"): left as read, to be checked. */
  doubtful: boolean;
}

/** Middle names of Kinh names ("Thị", "Văn"): a name going on with one is not an Ê Đê "Y" name. */
const KINH_MIDDLE = new Set(['thi', 'van']);

/**
 * The family name repaired from the list: a first letter split off ("N guyễn") or lost ("guyến").
 * A first word that is a listed name with other marks ("Trấn") takes the one listed spelling with
 * those letters, reported doubtful (kept as read when several spellings differ only by marks:
 * Giang/Giàng); other names are returned as read.
 */
export function repairSurname(name: string): SurnameRepair {
  // "Y", the first word of Ê Đê and M'nông men's names, is often read "V" (never a name alone);
  // not before a Kinh family or middle name ("V Thị Hoa": a letter of something else)
  const second = /^V (\p{Lu}\p{Ll}*)/u.exec(name)?.[1];
  if (second && !byFold.has(foldAccents(second)) && !KINH_MIDDLE.has(foldAccents(second))) {
    return { name: `Y${name.slice(1)}`, repaired: true, doubtful: true };
  }
  // a lone letter before a Kinh family name is a speck ("V Nguyễn Văn An"); before a middle name
  // ("V Thị Hoa") it is what is left of the family name: kept as read, to be checked
  const lone = /^([\p{Lu}]) (\p{Lu}\p{Ll}*)/u.exec(name);
  if (lone && !/^[YH]$/u.test(lone[1]!)) {
    if (KINH_MIDDLE.has(foldAccents(lone[2]!))) return { name, repaired: false, doubtful: true };
    if (byFold.has(foldAccents(lone[2]!))) return { ...repairSurname(name.slice(2)), repaired: true };
  }
  let repaired = false;
  const split = /^(\p{Lu}) (\p{Ll}+)(?= )/u.exec(name);
  if (split && byFold.has(foldAccents(split[1]! + split[2]!))) {
    name = name.replace(' ', '');
    repaired = true;
  }
  const key = foldAccents(name.split(' ')[0]!);
  if (!repaired && !byFold.has(key) && /^\p{Ll}/u.test(name) && key.length >= 4) {
    const lost = [...byFold.keys()].filter((k) => k.slice(1) === key);
    if (lost.length === 1) {
      name = lost[0]!.charAt(0).toUpperCase() + name;
      repaired = true;
    }
  }
  const first = name.split(' ')[0]!;
  const forms = byFold.get(foldAccents(first));
  if (!forms || forms.includes(first)) return { name, repaired, doubtful: false };
  // letters were restored anyway: the one listed spelling is taken with them
  if (repaired && forms.length === 1) return { name: forms[0]! + name.slice(first.length), repaired, doubtful: false };
  // only marks differ from the one listed spelling ("Trấn" → "Trần"): taken, but left doubtful
  if (forms.length === 1) return { name: forms[0]! + name.slice(first.length), repaired: true, doubtful: true };
  return { name, repaired, doubtful: true };
}
