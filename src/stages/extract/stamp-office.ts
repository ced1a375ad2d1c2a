/**
 * An arrival stamp's office line read with its start lost or garbled ("DỤC VÀ ĐÀO TẠO TÍNH LÂM",
 * "CHÍNH VÀ ĐẦU TƯ TỈNH"): matched against the names of the provincial departments.
 */
import { DEPARTMENTS } from '../normalize/issuers.js';
import { CENTRAL_CITIES, canonicalProvince } from '../normalize/places.js';
import { foldAccents } from '../../text/fold.js';
import { foldAligned } from './text.js';

const LOCALITY = /\s(tinh|thanh pho|tp|huyen|thi xa|quan|thi tran|phuong)(\s.*)?$/;

function key(text: string): string {
  return foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Fewest edits turning `read` into some part of `name` (the start and end of `name` cost nothing). */
export function partDistance(read: string, name: string): number {
  let prev = new Array<number>(name.length + 1).fill(0);
  for (let i = 1; i <= read.length; i++) {
    const cur = new Array<number>(name.length + 1);
    cur[0] = i;
    for (let j = 1; j <= name.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (read[i - 1] === name[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return Math.min(...prev);
}

/**
 * The department ("Thông tin và Truyền thông") an office line names, when its words before any
 * locality are a close match (at most a fifth of their letters wrong) of part of exactly one
 * department's "Sở ..." name, at least ten letters long; null otherwise. The locality words after
 * it are returned as read, for the caller to resolve. A locality below a province (a district, a
 * town, a city that is not a centrally governed one) makes it null: a department there is a Phòng
 * whose name lost its start too, no Sở.
 */
export function fuzzyDepartment(printed: string): { department: string; locality: string } | null {
  const text = printed.trim();
  const at = LOCALITY.exec(foldAligned(text).toLowerCase());
  if (at && at[1] !== 'tinh') {
    const province = canonicalProvince(text.slice(at.index + at[0].length - (at[2] ?? '').length).trim());
    if (!/^(thanh pho|tp)$/.test(at[1]!) || !province || !CENTRAL_CITIES.includes(province)) return null;
  }
  const head = key(at ? text.slice(0, at.index) : text);
  if (head.replace(/ /g, '').length < 10) return null;
  const scored = DEPARTMENTS.map((d) => ({ d, cost: partDistance(head, `so ${key(d)}`) })).sort((a, b) => a.cost - b.cost);
  const [best, next] = scored;
  if (!best || best.cost > 0.2 * head.length || (next && next.cost <= best.cost + 1)) return null;
  return { department: best.d, locality: at ? text.slice(at.index).trim() : '' };
}
