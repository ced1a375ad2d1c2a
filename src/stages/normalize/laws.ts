/**
 * Main laws and codes of the State (Quốc hội), so a law cited by name and date ("Luật Tổ chức Chính
 * phủ ngày 19 tháng 6 năm 2015") and the same law cited by number ("76/2015/QH13") resolve to one
 * identity, and a name cited with an unreadable year still finds its date. Public national
 * legislation, not corpus data; a law missing here is kept exactly as printed. Titles are as
 * promulgated; the same title can name several laws (Luật Tổ chức Chính phủ 2001 and 2015), which the
 * date tells apart.
 */
import { foldForSearch } from '../../text/fold.js';

export interface KnownLaw {
  ref: string;
  title: string;
  /** Date of adoption, ISO. */
  date: string;
}

export const KNOWN_LAWS: readonly KnownLaw[] = [
  { ref: '32/2001/QH10', title: 'Luật Tổ chức Chính phủ', date: '2001-12-25' },
  { ref: '76/2015/QH13', title: 'Luật Tổ chức Chính phủ', date: '2015-06-19' },
  { ref: '77/2015/QH13', title: 'Luật Tổ chức chính quyền địa phương', date: '2015-06-19' },
  { ref: '47/2019/QH14', title: 'Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương', date: '2019-11-22' },
  { ref: '80/2015/QH13', title: 'Luật Ban hành văn bản quy phạm pháp luật', date: '2015-06-22' },
  { ref: '63/2020/QH14', title: 'Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật', date: '2020-06-18' },
  { ref: '38/2005/QH11', title: 'Luật Giáo dục', date: '2005-06-14' },
  { ref: '43/2019/QH14', title: 'Luật Giáo dục', date: '2019-06-14' },
  { ref: '24/2018/QH14', title: 'Luật An ninh mạng', date: '2018-06-12' },
  { ref: '86/2015/QH13', title: 'Luật An toàn thông tin mạng', date: '2015-11-19' },
  { ref: '01/2011/QH13', title: 'Luật Lưu trữ', date: '2011-11-11' },
  { ref: '67/2006/QH11', title: 'Luật Công nghệ thông tin', date: '2006-06-29' },
  { ref: '51/2005/QH11', title: 'Luật Giao dịch điện tử', date: '2005-11-29' },
  { ref: '20/2023/QH15', title: 'Luật Giao dịch điện tử', date: '2023-06-22' },
  { ref: '22/2008/QH12', title: 'Luật Cán bộ, công chức', date: '2008-11-13' },
  { ref: '58/2010/QH12', title: 'Luật Viên chức', date: '2010-11-15' },
  { ref: '52/2019/QH14', title: 'Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức', date: '2019-11-25' },
  { ref: '83/2015/QH13', title: 'Luật Ngân sách nhà nước', date: '2015-06-25' },
  { ref: '104/2016/QH13', title: 'Luật Tiếp cận thông tin', date: '2016-04-06' },
  { ref: '103/2016/QH13', title: 'Luật Báo chí', date: '2016-04-05' },
  { ref: '39/2019/QH14', title: 'Luật Đầu tư công', date: '2019-06-13' },
  { ref: '61/2020/QH14', title: 'Luật Đầu tư', date: '2020-06-17' },
  { ref: '59/2020/QH14', title: 'Luật Doanh nghiệp', date: '2020-06-17' },
  { ref: '41/2009/QH12', title: 'Luật Viễn thông', date: '2009-11-23' },
  { ref: '89/2015/QH13', title: 'Luật Thống kê', date: '2015-11-23' },
  { ref: '02/2011/QH13', title: 'Luật Khiếu nại', date: '2011-11-11' },
  { ref: '25/2018/QH14', title: 'Luật Tố cáo', date: '2018-06-12' },
  { ref: '36/2018/QH14', title: 'Luật Phòng, chống tham nhũng', date: '2018-11-20' },
  { ref: '45/2019/QH14', title: 'Bộ luật Lao động', date: '2019-11-20' },
  { ref: '91/2015/QH13', title: 'Bộ luật Dân sự', date: '2015-11-24' },
  { ref: '100/2015/QH13', title: 'Bộ luật Hình sự', date: '2015-11-27' },
  // 2024–2025 (numbers and adoption dates checked against published texts of the laws)
  { ref: '31/2024/QH15', title: 'Luật Đất đai', date: '2024-01-18' },
  { ref: '33/2024/QH15', title: 'Luật Lưu trữ', date: '2024-06-21' },
  { ref: '63/2025/QH15', title: 'Luật Tổ chức Chính phủ', date: '2025-02-18' },
  { ref: '64/2025/QH15', title: 'Luật Ban hành văn bản quy phạm pháp luật', date: '2025-02-19' },
  { ref: '72/2025/QH15', title: 'Luật Tổ chức chính quyền địa phương', date: '2025-06-16' },
];

const titleKey = (title: string): string => foldForSearch(title).replace(/[^a-z0-9]+/g, '');

/** The known law with this number ("76/2015/QH13"), or null. */
export function lawByRef(ref: string): KnownLaw | null {
  return KNOWN_LAWS.find((law) => law.ref === ref) ?? null;
}

/**
 * The known law a title names (folded, spacing and punctuation ignored, so lost diacritics and a
 * lost comma do not matter), told apart by the printed date: an ISO date, a year ("2015", "Luật … năm
 * 2015"), or day and month only (`--06-19`) when OCR garbled the year. Null when none or several fit.
 */
export function lawByTitle(title: string, date: string | null): KnownLaw | null {
  const key = titleKey(title);
  const named = KNOWN_LAWS.filter((law) => titleKey(law.title) === key);
  if (!date) return named.length === 1 ? named[0]! : null;
  const fits = named.filter((law) => (date.startsWith('--') ? law.date.endsWith(date.slice(1)) : law.date.startsWith(date)));
  return fits.length === 1 ? fits[0]! : null;
}
