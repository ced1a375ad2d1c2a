import { describe, expect, it } from 'vitest';
import { inkComponents } from '../../../src/stages/ocr/components.js';

describe('inkComponents', () => {
  it('finds 4-connected groups with their boxes; diagonal neighbours are apart', () => {
    const rows = ['##..#', '#...#', '...#.', '.....'];
    const w = 5;
    const ink = rows.join('');
    const found = [...inkComponents(w, rows.length, (p) => ink[p] === '#')].map(({ pixels, ...box }) => ({ size: pixels.length, ...box }));
    expect(found).toEqual([
      { size: 3, x0: 0, y0: 0, x1: 1, y1: 1 },
      { size: 2, x0: 4, y0: 0, x1: 4, y1: 1 },
      { size: 1, x0: 3, y0: 2, x1: 3, y1: 2 },
    ]);
  });

  it('finds nothing on a blank image', () => {
    expect([...inkComponents(3, 3, () => false)]).toEqual([]);
  });
});
