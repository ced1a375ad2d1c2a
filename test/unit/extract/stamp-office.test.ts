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
    expect(fuzzyDepartment('DỤC VÀ ĐÀO TẠO TÍNH LÂM')).toEqual({ department: 'Giáo dục và Đào tạo', locality: 'TÍNH LÂM' });
    expect(fuzzyDepartment('NGHIỆP VÀ MÔI TRƯỜNG TỈNH LÂM ĐỒNG')).toEqual({ department: 'Nông nghiệp và Môi trường', locality: 'TỈNH LÂM ĐỒNG' });
    expect(fuzzyDepartment('GIAO THÔNG VẬN TẢI THÀNH PHỐ ĐÀ NẴNG')).toEqual({ department: 'Giao thông vận tải', locality: 'THÀNH PHỐ ĐÀ NẴNG' });
    expect(fuzzyDepartment('SỞ TÀI CHÍMH')).toEqual({ department: 'Tài chính', locality: '' });
  });

  it('finds none for a short, ambiguous or unrelated line', () => {
    expect(fuzzyDepartment('VÀ ĐÀO')).toBeNull();
    expect(fuzzyDepartment('KHOA HỌC VÀ')).toBeNull(); // too close to more than one department
    expect(fuzzyDepartment('CỘNG HÒA XÃ HỘI CHỦ NGHĨA')).toBeNull();
  });

  it('finds none below province level, where the office is a Phòng', () => {
    expect(fuzzyDepartment('TÀI NGUYÊN VÀ MÔI TRƯỜNG HUYỆN ĐỨC TRỌNG')).toBeNull();
    expect(fuzzyDepartment('GIÁO DỤC VÀ ĐÀO TẠO QUẬN 3')).toBeNull();
    expect(fuzzyDepartment('LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI THỊ XÃ BUÔN HỒ')).toBeNull();
    expect(fuzzyDepartment('GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ BẢO LỘC')).toBeNull();
  });
});
