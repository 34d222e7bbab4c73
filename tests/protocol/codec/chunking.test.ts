import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chunkGeometry,
  chunkOrigin,
  keptPerChunk,
  largestDivisorAtMost,
  readChunk,
  writeChunk,
} from '../../../electron/protocol/codec/chunking';
import { CodecError, defaultCodecParams } from '../../../electron/protocol/codec/index';
import { clampTopk, divisorAtMost } from './reference';

describe('chunk geometry', () => {
  it('cuts Covenant-72B matrices into 64 x 64 blocks (reference/templar.md §3.1)', () => {
    for (const n of [8192, 28672, 1024, 262144]) expect(largestDivisorAtMost(n, 64)).toBe(64);
    const g = chunkGeometry([384, 128], defaultCodecParams);
    expect(g).toMatchObject({ h: 64, w: 64, gridRows: 6, gridCols: 2, chunkCount: 12 });
    expect(g).toMatchObject({ chunkSize: 4096, kept: 64, keptTotal: 768 });
  });

  it('takes the largest divisor at most 64 for other sizes, down to 1 for large primes', () => {
    expect(largestDivisorAtMost(100, 64)).toBe(50);
    expect(largestDivisorAtMost(130, 64)).toBe(26);
    expect(largestDivisorAtMost(96, 64)).toBe(48);
    expect(largestDivisorAtMost(67, 64)).toBe(1);
    expect(largestDivisorAtMost(7, 64)).toBe(7);
    expect(largestDivisorAtMost(1, 64)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 64 }), (n, l) => {
        expect(largestDivisorAtMost(n, l)).toBe(divisorAtMost(n, l));
      }),
    );
  });

  it('handles a 1-D tensor as one row cut into runs, so norm weights of 128 go densely', () => {
    const g = chunkGeometry([128], defaultCodecParams);
    expect(g).toMatchObject({ rows: 1, cols: 128, h: 1, w: 64, chunkCount: 2, kept: 64 });
    expect(g.keptTotal).toBe(128);
  });

  it('clamps k to the chunk, at least 2, and even, as Templar; a 1-entry chunk keeps 1', () => {
    expect(keptPerChunk(64, 4096)).toBe(64);
    expect(keptPerChunk(63, 4096)).toBe(62);
    expect(keptPerChunk(1, 4096)).toBe(2);
    expect(keptPerChunk(64, 5)).toBe(4);
    expect(keptPerChunk(64, 2)).toBe(2);
    expect(keptPerChunk(64, 1)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4096 }), (k, n) => {
        expect(keptPerChunk(k, n)).toBe(clampTopk(k, n));
      }),
    );
  });

  it('refuses shapes and parameters the codec cannot carry', () => {
    const bad = (f: () => unknown) => expect(f).toThrow(CodecError);
    bad(() => chunkGeometry([2, 3, 4], defaultCodecParams));
    bad(() => chunkGeometry([0, 3], defaultCodecParams));
    bad(() => chunkGeometry([], defaultCodecParams));
    bad(() => chunkGeometry([4], { ...defaultCodecParams, chunk: 65 }));
    bad(() => chunkGeometry([4], { ...defaultCodecParams, topk: 0 }));
  });

  it('tiles a tensor exactly: every position is in one chunk, and read/write are inverse', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 130 }),
        fc.integer({ min: 1, max: 130 }),
        fc.integer({ min: 1, max: 64 }),
        (rows, cols, chunk) => {
          const g = chunkGeometry([rows, cols], { ...defaultCodecParams, chunk, topk: 1 });
          const dense = Float32Array.from({ length: rows * cols }, (_, i) => i);
          const seen = new Uint8Array(rows * cols);
          const block = new Float64Array(g.chunkSize);
          const back = new Float32Array(rows * cols);
          for (let c = 0; c < g.chunkCount; c++) {
            readChunk(g, dense, c, block);
            for (const v of block) seen[v]! += 1;
            expect(block[0]).toBe(chunkOrigin(g, c));
            writeChunk(g, block, c, back);
          }
          expect(seen.every((s) => s === 1)).toBe(true);
          expect(back.every((v, i) => v === dense[i])).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
