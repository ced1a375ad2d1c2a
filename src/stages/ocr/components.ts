/** A 4-connected group of ink pixels: its pixel indices (y × width + x) and its bounding box. */
export interface InkComponent {
  pixels: number[];
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The 4-connected components of the pixels `ink` accepts, in scan order of their first pixel. */
export function* inkComponents(w: number, h: number, ink: (p: number) => boolean): Generator<InkComponent> {
  const seen = new Uint8Array(w * h);
  for (let start = 0; start < w * h; start++) {
    if (seen[start] || !ink(start)) continue;
    const stack = [start];
    const c: InkComponent = { pixels: [], x0: w, y0: h, x1: 0, y1: 0 };
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      c.pixels.push(p);
      const x = p % w;
      const y = (p - x) / w;
      c.x0 = Math.min(c.x0, x);
      c.x1 = Math.max(c.x1, x);
      c.y0 = Math.min(c.y0, y);
      c.y1 = Math.max(c.y1, y);
      for (const n of [x > 0 ? p - 1 : -1, x < w - 1 ? p + 1 : -1, y > 0 ? p - w : -1, y < h - 1 ? p + w : -1]) {
        if (n >= 0 && !seen[n] && ink(n)) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    yield c;
  }
}
