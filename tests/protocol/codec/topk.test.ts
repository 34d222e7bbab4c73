import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kthLargest, selectTopk } from '../../../electron/protocol/codec/topk';
import { seededValues } from './reference';

/** Top-k by sorting: |v| descending, lower index first among equals, then ascending index. */
function bySorting(values: number[], k: number): number[] {
  return values
    .map((v, i) => ({ m: Math.abs(v), i }))
    .sort((a, b) => b.m - a.m || a.i - b.i)
    .slice(0, k)
    .map((e) => e.i)
    .sort((a, b) => a - b);
}

/** Selects from `values` laid out as the only chunk (one row) of a tensor. */
function select(values: number[], k: number) {
  const n = values.length;
  const kept = Math.min(k, n);
  const idx = new Uint16Array(kept);
  const val = new Float64Array(kept);
  const view = { origin: 0, stride: n, h: 1, w: n };
  const mags = new Float64Array(n);
  selectTopk(Float32Array.from(values), view, kept, idx, val, 0, mags, new Uint16Array(n));
  return { idx: [...idx], val: [...val] };
}

/** The same chunk embedded in a wider tensor (rows of `stride`), read in place. */
function selectStrided(values: number[], h: number, w: number, k: number) {
  const stride = w + 3;
  const source = new Float32Array(5 + h * stride).fill(99);
  for (let r = 0; r < h; r++) source.set(values.slice(r * w, (r + 1) * w), 5 + r * stride);
  const idx = new Uint16Array(k);
  const val = new Float64Array(k);
  const n = h * w;
  selectTopk(
    source,
    { origin: 5, stride, h, w },
    k,
    idx,
    val,
    0,
    new Float64Array(n),
    new Uint16Array(n),
  );
  return [...idx];
}

const values = (maxLength: number) =>
  fc.oneof(
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength }),
    // Many ties: only a few distinct magnitudes.
    fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength }),
  );

describe('top-k selection', () => {
  it('finds the k-th largest like a sort does', () => {
    fc.assert(
      fc.property(values(300), fc.nat(), (vs, seed) => {
        const k = 1 + (seed % vs.length);
        const sorted = [...vs].sort((a, b) => b - a);
        expect(kthLargest(Float64Array.from(vs), vs.length, k)).toBe(sorted[k - 1]);
      }),
    );
  });

  it('keeps the k largest magnitudes, ties to the lower index, indices ascending', () => {
    fc.assert(
      fc.property(values(300), fc.integer({ min: 1, max: 200 }), (raw, k) => {
        const vs = raw.map(Math.fround);
        const { idx, val } = select(vs, k);
        const expected = bySorting(vs, k);
        expect(idx).toEqual(expected);
        expect(val).toEqual(expected.map((i) => vs[i]));
      }),
    );
  });

  it('is exact on whole chunks, where it samples a bound before selecting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 512, max: 4096 }),
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.constantFrom('normal', 'ties', 'sparse', 'tiny') as fc.Arbitrary<
          'normal' | 'ties' | 'sparse' | 'tiny'
        >,
        (n, k, seed, kind) => {
          const vs = [...seededValues(seed, n, kind)];
          expect(select(vs, k).idx).toEqual(bySorting(vs, k));
          // The same chunk read in place from the rows of a wider tensor.
          const h = [1, 2, 4, 8].find((d) => n % d === 0 && n / d <= 4096) ?? 1;
          expect(selectStrided(vs, h, n / h, Math.min(k, n))).toEqual(bySorting(vs, k));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('stays exact when the sampled bound overshoots (large values only off the sample)', () => {
    // Every 8th entry (the sample) is tiny, the rest large: the bound must fall back.
    const vs = Array.from({ length: 4096 }, (_, i) => (i % 8 === 0 ? 1e-9 : (i % 97) + 1));
    expect(select(vs, 64).idx).toEqual(bySorting(vs, 64));
    const zeros = new Array<number>(4096).fill(0);
    expect(select(zeros, 64).idx).toEqual([...Array(64).keys()]);
  });
});
