import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AggregationError,
  aggregate,
  type GatheredPseudoGradient,
  OuterOptimizer,
} from '../../electron/protocol/aggregate/index';
import {
  type CodecParams,
  compressTensor,
  decompressTensor,
  defaultCodecParams,
  type ParameterLayout,
} from '../../electron/protocol/codec/index';
import { seededValues } from './codec/reference';

const layout: ParameterLayout = [
  ['w', [128, 96]],
  ['v', [37, 11]],
  ['n', [64]],
];

function peer(hotkey: string, seed: number, scale = 1, params: CodecParams = defaultCodecParams) {
  return {
    hotkey,
    pseudoGradient: new Map(
      layout.map(([name, shape], i) => {
        const n = shape.reduce((a, b) => a * b, 1);
        const dense = seededValues(seed * 13 + i, n, 'normal').map((x) => x * scale);
        return [name, compressTensor(dense, shape, params)];
      }),
    ),
  } satisfies GatheredPseudoGradient;
}

const norm = (a: Float32Array) => Math.sqrt(a.reduce((s, v) => s + v * v, 0));

describe('aggregation', () => {
  it('gives the same bits for the same peers in any arrival order', () => {
    const peers = ['5Dz', '5Ab', '5Hx', '5Ca', '5Gq'].map((h, i) => peer(h, i, 1 + i));
    const reference = aggregate(peers, layout, defaultCodecParams);
    expect(reference.peers).toEqual(['5Ab', '5Ca', '5Dz', '5Gq', '5Hx']);
    fc.assert(
      fc.property(fc.shuffledSubarray(peers, { minLength: 5, maxLength: 5 }), (order) => {
        const result = aggregate(order, layout, defaultCodecParams);
        for (const [name] of layout) {
          const [a, b] = [result.update.get(name)!, reference.update.get(name)!];
          expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('clips each peer to the median norm of the gathered set, per parameter', () => {
    // Norms grow with scale 1, 2, 3, 100: the lower median is peer 2's, so peers 3 and 4 shrink
    // to it and 1 and 2 stay as they are.
    const peers = [1, 2, 3, 100].map((scale, i) => peer(`hk${i}`, 9, scale));
    for (const reduction of ['mean-over-peers', 'mean-over-selecting'] as const) {
      const result = aggregate(peers, layout, defaultCodecParams, { reduction });
      for (const [name, shape] of layout) {
        const decoded = peers.map((p) =>
          decompressTensor(p.pseudoGradient.get(name)!, shape, defaultCodecParams),
        );
        const norms = decoded.map(norm);
        const median = [...norms].sort((a, b) => a - b)[1]!;
        const factors = result.clipFactors.get(name)!;
        for (const [i, n] of norms.entries()) {
          expect(factors[i]).toBeCloseTo(n > median ? median / n : 1, 10);
        }
        expect([factors[0], factors[1]]).toEqual([1, 1]);
        expect(norms[3]! * factors[3]!).toBeCloseTo(median, 6);

        // The reduction itself, recomputed in the same (ascending hotkey) order.
        const update = result.update.get(name)!;
        for (let p = 0; p < update.length; p++) {
          let sum = 0;
          let count = 0;
          decoded.forEach((d, i) => {
            sum += factors[i]! * d[p]!;
            if (d[p] !== 0) count++;
          });
          const expected = reduction === 'mean-over-peers' ? sum / 4 : count > 0 ? sum / count : 0;
          expect(Math.abs(update[p]! - expected)).toBeLessThanOrEqual(
            1e-6 * Math.abs(expected) + 1e-30,
          );
        }
      }
    }
  });

  it('averages a coordinate only over the peers that sent it with mean-over-selecting', () => {
    const one = aggregate([peer('a', 1)], layout, defaultCodecParams, {
      reduction: 'mean-over-selecting',
    });
    const [name, shape] = layout[0]!;
    const alone = decompressTensor(
      peer('a', 1).pseudoGradient.get(name)!,
      shape,
      defaultCodecParams,
    );
    expect(one.update.get(name)).toEqual(alone);
  });

  it('undoes the DCT after reducing, when the codec uses it', () => {
    const params = { ...defaultCodecParams, dct: true, chunk: 16, topk: 16 };
    const p = peer('a', 3, 1, params);
    const result = aggregate([p], layout, params, { reduction: 'mean-over-peers' });
    for (const [name, shape] of layout) {
      const alone = decompressTensor(p.pseudoGradient.get(name)!, shape, params);
      const worst = result.update
        .get(name)!
        .reduce((w, v, i) => Math.max(w, Math.abs(v - alone[i]!)), 0);
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('refuses an empty gather and a hotkey gathered twice', () => {
    expect(() => aggregate([], layout, defaultCodecParams)).toThrow(AggregationError);
    expect(() => aggregate([peer('a', 1), peer('a', 2)], layout, defaultCodecParams)).toThrow(
      /gathered twice/,
    );
  });
});

describe('outer step', () => {
  it('is plain SGD without momentum: theta - lr * update', () => {
    const weights = new Map([['w', Float32Array.of(1, 2, 3)]]);
    new OuterOptimizer({ lr: 0.5 }).step(weights, new Map([['w', Float32Array.of(1, -2, 0)]]));
    expect([...weights.get('w')!]).toEqual([0.5, 3, 3]);
  });

  it('follows torch.optim.SGD with Nesterov momentum', () => {
    const weights = new Map([['w', Float32Array.of(0)]]);
    const sgd = new OuterOptimizer({ lr: 0.1, momentum: 0.9, nesterov: true });
    // buf1 = 1, d1 = 1 + 0.9 = 1.9; buf2 = 0.9 + 1 = 1.9, d2 = 1 + 1.71 = 2.71
    sgd.step(weights, new Map([['w', Float32Array.of(1)]]));
    expect(weights.get('w')![0]).toBeCloseTo(-0.19, 6);
    sgd.step(weights, new Map([['w', Float32Array.of(1)]]));
    expect(weights.get('w')![0]).toBeCloseTo(-0.19 - 0.271, 6);
  });

  it('skips a parameter whose update is not finite', () => {
    const weights = new Map([
      ['a', Float32Array.of(1)],
      ['b', Float32Array.of(1)],
    ]);
    const skipped = new OuterOptimizer({ lr: 1 }).step(
      weights,
      new Map([
        ['a', Float32Array.of(Number.NaN)],
        ['b', Float32Array.of(0.5)],
      ]),
    );
    expect(skipped).toEqual(['a']);
    expect([...weights.get('a')!, ...weights.get('b')!]).toEqual([1, 0.5]);
  });

  it('refuses settings that make no sense', () => {
    expect(() => new OuterOptimizer({ lr: 0 })).toThrow(RangeError);
    expect(() => new OuterOptimizer({ lr: 1, momentum: 1 })).toThrow(RangeError);
    expect(() => new OuterOptimizer({ lr: 1, nesterov: true })).toThrow(RangeError);
  });
});
