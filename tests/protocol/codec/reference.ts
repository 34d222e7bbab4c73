/**
 * A second, deliberately plain implementation of the codec (reference/templar.md §3.1), written
 * from the description rather than from electron/protocol/codec: sort instead of quickselect,
 * explicit block loops, plain arrays. Tests compare the real codec against it bit for bit.
 */

/** Largest divisor of n that is <= limit, by trying every candidate. */
export function divisorAtMost(n: number, limit: number): number {
  let best = 1;
  for (let d = 1; d <= Math.min(n, limit); d++) if (n % d === 0) best = d;
  return best;
}

/** Templar's _clamp_topk, plus "a one-entry chunk keeps its entry". */
export function clampTopk(k: number, chunkSize: number): number {
  let t = Math.min(k, chunkSize);
  t = Math.max(t, 2);
  t = t - (t % 2);
  return Math.min(t, chunkSize);
}

export interface ReferenceSelection {
  /** Dense positions of the kept entries, in wire order (chunk by chunk, ascending index). */
  positions: number[];
  /** Chunk-local indices, same order. */
  local: number[];
  values: number[];
}

/** The kept entries of `dense` (shape 1-D or 2-D), chunk by chunk, by sorting magnitudes. */
export function referenceSelection(
  dense: ArrayLike<number>,
  shape: number[],
  chunk: number,
  topk: number,
): ReferenceSelection {
  const rows = shape.length === 2 ? shape[0]! : 1;
  const cols = shape.length === 2 ? shape[1]! : shape[0]!;
  const h = divisorAtMost(rows, chunk);
  const w = divisorAtMost(cols, chunk);
  const k = clampTopk(topk, h * w);
  const out: ReferenceSelection = { positions: [], local: [], values: [] };
  for (let by = 0; by < rows / h; by++) {
    for (let bx = 0; bx < cols / w; bx++) {
      const entries: { local: number; pos: number; v: number }[] = [];
      for (let r = 0; r < h; r++) {
        for (let c = 0; c < w; c++) {
          const pos = (by * h + r) * cols + bx * w + c;
          entries.push({ local: r * w + c, pos, v: dense[pos]! });
        }
      }
      const kept = [...entries]
        .sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || a.local - b.local)
        .slice(0, k)
        .sort((a, b) => a.local - b.local);
      for (const e of kept) {
        out.positions.push(e.pos);
        out.local.push(e.local);
        out.values.push(e.v);
      }
    }
  }
  return out;
}

export interface ReferenceQuant {
  shift: number;
  scale: number;
  lookup: number[];
  codes: number[];
}

/** Templar's _quantize_values with 4 bins, in float64, stored values rounded to float32. */
export function referenceQuantize(values: number[], range = 6): ReferenceQuant {
  const n = values.length;
  const shift = Math.fround(values.reduce((a, b) => a + b, 0) / n);
  const centered = values.map((v) => v - shift);
  const std = Math.sqrt(centered.reduce((a, c) => a + c * c, 0) / (n - 1));
  let scale = (range * std) / 4;
  if (!(scale > 1e-12) || !Number.isFinite(scale)) scale = 1;
  scale = Math.fround(scale);
  const codes = centered.map((c) => {
    const x = c / scale + 2;
    // torch.round: half to even.
    let r = Math.round(x);
    if (r - x === 0.5 && r % 2 !== 0) r -= 1;
    return Math.min(3, Math.max(0, r));
  });
  const lookup = [0, 1, 2, 3].map((b) => {
    const members = centered.filter((_, i) => codes[i] === b);
    return members.length === 0
      ? 0
      : Math.fround(members.reduce((a, c) => a + c, 0) / members.length);
  });
  return { shift, scale, lookup, codes };
}

/** What a receiver must reconstruct: zeros, and lookup[code] + shift (float32) where kept. */
export function referenceDecoded(dense: ArrayLike<number>, shape: number[], chunk = 64, topk = 64) {
  const selection = referenceSelection(dense, shape, chunk, topk);
  const quant = referenceQuantize(selection.values);
  const out = new Float32Array(dense.length);
  selection.positions.forEach((p, i) => {
    out[p] = Math.fround(quant.lookup[quant.codes[i]!]! + quant.shift);
  });
  return { selection, quant, out };
}

/** A deterministic pseudo-random stream (mulberry32), for large tensors fast-check need not shrink. */
export function seededValues(seed: number, n: number, kind: 'normal' | 'ties' | 'sparse' | 'tiny') {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const u = next();
    if (kind === 'ties') out[i] = Math.floor(u * 7) - 3;
    else if (kind === 'sparse') out[i] = u < 0.9 ? 0 : (next() - 0.5) * 1e-2;
    else {
      const g = Math.sqrt(-2 * Math.log(u + 1e-12)) * Math.cos(2 * Math.PI * next());
      out[i] = kind === 'tiny' ? g * 1e-20 : g * 1e-3;
    }
  }
  return out;
}

/** Exact equality of float arrays, treating +0 and -0 as equal; reports the first difference. */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return `at ${i}: ${a[i]} vs ${b[i]}`;
  }
  return null;
}
