import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CodecParams,
  checkCompressedTensor,
  chunkGeometry,
  compressTensor,
  decompressTensor,
  defaultCodecParams,
  keptNorm,
  packedIndexBytes,
  packedValueBytes,
  unpackIndices,
} from '../../../electron/protocol/codec/index';
import { firstDifference, referenceDecoded, seededValues } from './reference';

type Kind = 'normal' | 'ties' | 'sparse' | 'tiny';
const kinds = fc.constantFrom<Kind>('normal', 'ties', 'sparse', 'tiny');

/** 1-D and 2-D shapes: tiny, odd, prime (chunks of one entry), and whole 64 x 64 blocks. */
const shapes: fc.Arbitrary<number[]> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 300 })).map(([n]) => [n]),
  fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 150 })).map((s) => [...s]),
  fc.constantFrom<number[]>([67], [131, 3], [1, 1], [2], [64, 64], [128, 192], [100, 130]),
);

function check(shape: number[], seed: number, kind: Kind, params: CodecParams) {
  const n = shape.reduce((a, b) => a * b, 1);
  const dense = seededValues(seed, n, kind);
  const message = compressTensor(dense, shape, params);
  const g = chunkGeometry(shape, params);
  expect(message.indices.length).toBe(packedIndexBytes(g.keptTotal));
  expect(message.values.length).toBe(packedValueBytes(g.keptTotal));
  expect(checkCompressedTensor(message, g)).toBeNull();

  const ref = referenceDecoded(dense, shape, params.chunk, params.topk);
  const idx = new Uint16Array(g.keptTotal);
  unpackIndices(message.indices, 0, g.keptTotal, idx);
  expect([...idx]).toEqual(ref.selection.local);
  expect(message.quant.shift).toBe(ref.quant.shift);
  expect(message.quant.scale).toBe(ref.quant.scale);
  expect([...message.quant.lookup]).toEqual(ref.quant.lookup);
  expect(firstDifference(decompressTensor(message, shape, params), ref.out)).toBeNull();

  let squares = 0;
  for (const v of ref.out) squares += v * v;
  // Summed per code rather than per entry: equal up to float64 rounding.
  const norm = Math.sqrt(squares);
  expect(Math.abs(keptNorm(message, g) - norm)).toBeLessThanOrEqual(1e-12 * Math.max(1, norm));
}

describe('codec round trip', () => {
  it('decodes to exactly the sparse, quantised reconstruction computed independently', () => {
    fc.assert(
      fc.property(shapes, fc.nat(), kinds, (shape, seed, kind) => {
        check(shape, seed, kind, defaultCodecParams);
      }),
      { numRuns: 150 },
    );
  });

  it('holds for other chunk sizes and k, including k = whole chunk (dense)', () => {
    fc.assert(
      fc.property(
        shapes,
        fc.nat(),
        kinds,
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 80 }),
        (shape, seed, kind, chunk, topk) => {
          check(shape, seed, kind, {
            ...defaultCodecParams,
            chunk,
            topk: Math.min(topk, chunk * chunk),
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('holds on large tensors (nano-sized matrices)', () => {
    for (const [shape, seed] of [
      [[384, 128], 1],
      [[256, 128], 2],
      [[1000, 96], 3],
    ] as const) {
      check([...shape], seed, 'normal', defaultCodecParams);
    }
  });

  it('sends 1.5625 % of a 64 x 64-blocked matrix at 1.75 bytes per kept entry', () => {
    const shape = [384, 128];
    const message = compressTensor(seededValues(5, 384 * 128, 'normal'), shape, defaultCodecParams);
    const kept = (384 * 128) / 64;
    expect(message.indices.length).toBe(1.5 * kept);
    expect(message.values.length).toBe(0.25 * kept);
    expect((384 * 128 * 4) / (message.indices.length + message.values.length)).toBeCloseTo(
      146.3,
      1,
    );
  });
});
