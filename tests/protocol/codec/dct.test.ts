import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dct2, idct2 } from '../../../electron/protocol/codec/dct';
import {
  chunkGeometry,
  compressTensor,
  decompressTensor,
  defaultCodecParams,
  packedIndexBytes,
} from '../../../electron/protocol/codec/index';
import { referenceQuantize, referenceSelection, seededValues } from './reference';

/** The orthonormal DCT-II matrix straight from its definition. */
function basis(n: number): number[][] {
  return Array.from({ length: n }, (_, k) =>
    Array.from(
      { length: n },
      (_, i) => Math.sqrt((k === 0 ? 1 : 2) / n) * Math.cos((Math.PI * (2 * i + 1) * k) / (2 * n)),
    ),
  );
}

describe('DCT-II per chunk', () => {
  it('is orthonormal: the inverse undoes it and the norm is kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 64 }),
        fc.nat(),
        (h, w, seed) => {
          const x = Float64Array.from(seededValues(seed, h * w, 'normal'));
          const y = new Float64Array(h * w);
          const back = new Float64Array(h * w);
          const t = new Float64Array(h * w);
          dct2(x, h, w, y, t);
          idct2(y, h, w, back, t);
          const norm = (a: Float64Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));
          expect(norm(y)).toBeCloseTo(norm(x), 12);
          for (let i = 0; i < x.length; i++) expect(back[i]).toBeCloseTo(x[i]!, 12);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('compresses in the DCT domain and decodes back through the inverse transform', () => {
    const params = { ...defaultCodecParams, dct: true, chunk: 16, topk: 24 };
    for (const shape of [[32, 48], [40], [17, 5]]) {
      const n = shape.reduce((a, b) => a * b, 1);
      const dense = seededValues(n, n, 'normal');
      const g = chunkGeometry(shape, params);
      // Reference: transform each chunk with the textbook matrix, select, quantise, invert.
      const dh = basis(g.h);
      const dw = basis(g.w);
      const coefficients = new Float64Array(n);
      for (let by = 0; by < g.gridRows; by++) {
        for (let bx = 0; bx < g.gridCols; bx++) {
          for (let k = 0; k < g.h; k++) {
            for (let l = 0; l < g.w; l++) {
              let s = 0;
              for (let r = 0; r < g.h; r++) {
                for (let c = 0; c < g.w; c++) {
                  s += dh[k]![r]! * dw[l]![c]! * dense[(by * g.h + r) * g.cols + bx * g.w + c]!;
                }
              }
              coefficients[(by * g.h + k) * g.cols + bx * g.w + l] = s;
            }
          }
        }
      }
      const sel = referenceSelection(coefficients, shape, params.chunk, params.topk);
      const q = referenceQuantize(sel.values);
      const kept = new Float64Array(n);
      sel.positions.forEach((p, i) => {
        kept[p] = Math.fround(q.lookup[q.codes[i]!]! + q.shift);
      });
      const expected = new Float64Array(n);
      for (let by = 0; by < g.gridRows; by++) {
        for (let bx = 0; bx < g.gridCols; bx++) {
          for (let r = 0; r < g.h; r++) {
            for (let c = 0; c < g.w; c++) {
              let s = 0;
              for (let k = 0; k < g.h; k++) {
                for (let l = 0; l < g.w; l++) {
                  s += dh[k]![r]! * dw[l]![c]! * kept[(by * g.h + k) * g.cols + bx * g.w + l]!;
                }
              }
              expected[(by * g.h + r) * g.cols + bx * g.w + c] = s;
            }
          }
        }
      }
      const message = compressTensor(dense, shape, params);
      expect(message.indices.length).toBe(packedIndexBytes(g.keptTotal));
      const decoded = decompressTensor(message, shape, params);
      for (let i = 0; i < n; i++) expect(decoded[i]).toBeCloseTo(expected[i]!, 6);
    }
  });
});
