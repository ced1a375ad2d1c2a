import { describe, expect, it } from 'vitest';
import { fuzzyDepartment, partDistance } from '../../../src/stages/extract/stamp-office.js';

describe('partDistance', () => {
  it('counts the edits to some part of the name, its start and end free', () => {
    expect(partDistance('va truyen thong', 'so thong tin va truyen thong')).toBe(0);
    expect(partDistance('thong va truyen thong', 'so thong tin va truyen thong')).toBe(3); // "tin" for "thong"
    expect(partDistance('tai chinh', 'so noi vu')).toBeGreaterThan(5);
  });
});

describe('fuzzyDepartment', () => {
  it('finds the department of an office line whose start was lost, and keeps its locality', () => {
    expect(fuzzyDepartment('VÀ TRUYỀN THÔNG TÍNH QUẢNG')).toEqual({ department: 'Thông tin và Truyền thông', locality: 'TÍNH QUẢNG' });
    expect(fuzzyDepartment('SỞ TÀI CHÍMH')).toEqual({ department: 'Tài chính', locality: '' });
  });

  it('finds none for a short, ambiguous or unrelated line', () => {
    expect(fuzzyDepartment('VÀ ĐÀO')).toBeNull();
    expect(fuzzyDepartment('KHOA HỌC VÀ')).toBeNull(); // too close to more than one department
    expect(fuzzyDepartment('CỘNG HÒA XÃ HỘI CHỦ NGHĨA')).toBeNull();
  });
});
