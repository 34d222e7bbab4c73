/**
 * Orthonormal DCT-II over both axes of a chunk (DeMo's transform, optional in SparseLoCo). Being
 * orthonormal, the inverse is the transpose and norms are preserved, so median-norm clipping
 * means the same in either domain. Arithmetic is float64 with bases built once per size.
 */
const bases = new Map<number, Float64Array>();

/** D[k * n + i] = s_k cos(pi (2i + 1) k / 2n), s_0 = sqrt(1/n), s_k = sqrt(2/n). */
export function dctBasis(n: number): Float64Array {
  let d = bases.get(n);
  if (!d) {
    d = new Float64Array(n * n);
    for (let k = 0; k < n; k++) {
      const s = Math.sqrt((k === 0 ? 1 : 2) / n);
      for (let i = 0; i < n; i++)
        d[k * n + i] = s * Math.cos((Math.PI * (2 * i + 1) * k) / (2 * n));
    }
    bases.set(n, d);
  }
  return d;
}

/** Y = D_h X D_w^T for a row-major h x w block; `scratch` holds h * w values. */
export function dct2(
  x: Float64Array,
  h: number,
  w: number,
  out: Float64Array,
  scratch: Float64Array,
): void {
  const dh = dctBasis(h);
  const dw = dctBasis(w);
  // scratch = X D_w^T: transform each row.
  for (let r = 0; r < h; r++) {
    for (let k = 0; k < w; k++) {
      let s = 0;
      for (let i = 0; i < w; i++) s += x[r * w + i]! * dw[k * w + i]!;
      scratch[r * w + k] = s;
    }
  }
  // out = D_h scratch: transform each column.
  for (let k = 0; k < h; k++) {
    for (let c = 0; c < w; c++) {
      let s = 0;
      for (let r = 0; r < h; r++) s += dh[k * h + r]! * scratch[r * w + c]!;
      out[k * w + c] = s;
    }
  }
}

/** X = D_h^T Y D_w, the inverse of dct2. */
export function idct2(
  y: Float64Array,
  h: number,
  w: number,
  out: Float64Array,
  scratch: Float64Array,
): void {
  const dh = dctBasis(h);
  const dw = dctBasis(w);
  for (let k = 0; k < h; k++) {
    for (let i = 0; i < w; i++) {
      let s = 0;
      for (let j = 0; j < w; j++) s += y[k * w + j]! * dw[j * w + i]!;
      scratch[k * w + i] = s;
    }
  }
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      let s = 0;
      for (let k = 0; k < h; k++) s += dh[k * h + r]! * scratch[k * w + c]!;
      out[r * w + c] = s;
    }
  }
}
