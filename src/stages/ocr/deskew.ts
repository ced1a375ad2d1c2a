import sharp from 'sharp';

/** Largest skew searched for, in degrees either way. */
export const MAX_SKEW_DEGREES = 5;

/** Width of the reduced page the skew is measured on (about 75 dpi for an A4 page at 300 dpi). */
const PROBE_WIDTH = 640;

export interface SkewEstimate {
  /** Clockwise angle of the text lines on the image, in degrees; 0 when none was found. */
  degrees: number;
  /** How much sharper the row profile is at `degrees` than level (1 = no better). */
  gain: number;
  /** The ink lines up in columns better than in rows: the page lies on its side (skew not measured). */
  sideways: boolean;
}

/**
 * Finds the skew of a page's text lines by projection profiles: on a reduced copy of the page, ink
 * is summed along rows sheared by each candidate angle; the angle whose profile has the sharpest
 * steps (Postl's criterion) is the one the lines run at. A page with too little ink or no clear
 * winner (a photo, a blank page) gives 0; so does a page turned 90°, flagged `sideways`.
 */
export async function detectSkew(png: Buffer, maxDegrees = MAX_SKEW_DEGREES): Promise<SkewEstimate> {
  const meta = await sharp(png).metadata();
  const width = Math.min(PROBE_WIDTH, meta.width ?? PROBE_WIDTH);
  const { data, info } = await sharp(png).flatten({ background: '#ffffff' }).greyscale().resize({ width, kernel: 'linear' }).raw().toBuffer({ resolveWithObject: true });
  const ink = inkPoints(data, info.width, info.height);
  if (ink.count < 200 || maxDegrees <= 0) return { degrees: 0, gain: 1, sideways: false };
  const rows = bestAngle(ink, info.width, info.height, maxDegrees);
  const columns = bestAngle({ ...ink, xs: ink.ys, ys: ink.xs }, info.height, info.width, maxDegrees, 0.5);
  if (columns.score > rows.score) return { degrees: 0, gain: rows.gain, sideways: true };
  // Text lines that really run at an angle stack clearly better there than level.
  if (rows.gain < MIN_GAIN) return { degrees: 0, gain: rows.gain, sideways: false };
  return { degrees: Math.round(rows.degrees * 100) / 100, gain: rows.gain, sideways: false };
}

/** Below this gain over the level profile an angle is noise, not skew. */
const MIN_GAIN = 1.15;

/** Coarse search in `step` degrees, then 0.05° around the best; gain = best over level. */
function bestAngle(ink: InkPoints, width: number, height: number, maxDegrees: number, step = 0.25): { degrees: number; score: number; gain: number } {
  const sharpness = (degrees: number) => profileSharpness(ink, width, height, degrees);
  const level = sharpness(0);
  let best = 0;
  let bestScore = level;
  for (let d = -maxDegrees; d <= maxDegrees + 1e-9; d += step) {
    const s = sharpness(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  if (step <= 0.25) {
    for (let d = best - 0.2; d <= best + 0.2 + 1e-9; d += 0.05) {
      const s = sharpness(d);
      if (s > bestScore) [best, bestScore] = [d, s];
    }
  }
  return { degrees: best, score: bestScore, gain: level > 0 ? bestScore / level : 1 };
}

interface InkPoints {
  xs: Float32Array;
  ys: Float32Array;
  weights: Float32Array;
  count: number;
}

/** Dark pixels away from the page edges (scanner borders are not text lines), weighted by darkness. */
function inkPoints(data: Buffer, width: number, height: number): InkPoints {
  const hist = new Uint32Array(256);
  for (const v of data) hist[v]!++;
  // Paper is the most common bright value; ink is clearly darker than it.
  let paper = 255;
  for (let v = 255, peak = 0; v >= 128; v--) {
    if (hist[v]! > peak) [peak, paper] = [hist[v]!, v];
  }
  const cut = paper - 40;
  const mx = Math.round(0.04 * width);
  const my = Math.round(0.03 * height);
  let count = 0;
  for (let y = my; y < height - my; y++) for (let x = mx; x < width - mx; x++) if (data[y * width + x]! < cut) count++;
  const ink: InkPoints = { xs: new Float32Array(count), ys: new Float32Array(count), weights: new Float32Array(count), count };
  let i = 0;
  for (let y = my; y < height - my; y++) {
    for (let x = mx; x < width - mx; x++) {
      const v = data[y * width + x]!;
      if (v >= cut) continue;
      ink.xs[i] = x;
      ink.ys[i] = y;
      ink.weights[i++] = cut - v;
    }
  }
  return ink;
}

/** Sum of squared row totals of the ink sheared by `degrees`: high when rows line up with the text. */
function profileSharpness(ink: InkPoints, width: number, height: number, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(t) * width) + 1;
  const rows = new Float64Array(height + 2 * offset);
  for (let i = 0; i < ink.count; i++) {
    rows[Math.round(ink.ys[i]! - ink.xs[i]! * t) + offset]! += ink.weights[i]!;
  }
  // Postl's criterion: the profile's squared steps, large where ink rows start and stop sharply.
  let sum = 0;
  for (let i = 1; i < rows.length; i++) sum += (rows[i]! - rows[i - 1]!) ** 2;
  return sum;
}

/**
 * The page turned by `-degrees` (undoing a skew of `degrees` clockwise) and cut back to its own size
 * around the centre, so page coordinates stay where they were; the corners filled with white.
 */
export async function deskewPng(png: Buffer, degrees: number): Promise<Buffer> {
  const meta = await sharp(png).metadata();
  const width = meta.width!;
  const height = meta.height!;
  const turned = await sharp(png).rotate(-degrees, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  const left = Math.max(0, Math.round((turned.info.width - width) / 2));
  const top = Math.max(0, Math.round((turned.info.height - height) / 2));
  return sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: turned.info.channels } })
    .extract({ left, top, width: Math.min(width, turned.info.width), height: Math.min(height, turned.info.height) })
    .toColourspace(turned.info.channels === 1 ? 'b-w' : 'srgb')
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * Where a box of the skewed page lies on the page `deskewPng` made: its centre turned with the page
 * (about the page centre), its size kept.
 */
export function deskewBox(box: [number, number, number, number], degrees: number, width: number, height: number): [number, number, number, number] {
  const t = (degrees * Math.PI) / 180;
  const [cx, cy] = [width / 2, height / 2];
  const dx = (box[0] + box[2]) / 2 - cx;
  const dy = (box[1] + box[3]) / 2 - cy;
  const x = cx + dx * Math.cos(t) + dy * Math.sin(t);
  const y = cy - dx * Math.sin(t) + dy * Math.cos(t);
  const [hw, hh] = [(box[2] - box[0]) / 2, (box[3] - box[1]) / 2];
  return [Math.round(x - hw), Math.round(y - hh), Math.round(x + hw), Math.round(y + hh)];
}
