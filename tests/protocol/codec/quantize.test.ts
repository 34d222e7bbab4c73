import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodecError, dequantize, quantize } from '../../../electron/protocol/codec/index';
import { referenceQuantize } from './reference';

function run(values: number[], range = 6) {
  const codes = new Uint8Array(values.length);
  const q = quantize(Float64Array.from(values), values.length, range, codes);
  return { q, codes: [...codes] };
}

describe('2-bit quantisation', () => {
  it('centres on the mean, bins at 1.5 standard deviations, and looks up bin means', () => {
    // mean 0, std = sqrt(40 / 3) = 3.651..., scale = 6 * std / 4 = 5.477...
    const { q, codes } = run([-4, -2, 2, 4]);
    expect(q.shift).toBe(0);
    expect(q.scale).toBe(Math.fround((6 * Math.sqrt(40 / 3)) / 4));
    // c / scale + 2 = 1.27, 1.63, 2.37, 2.73 -> round -> 1, 2, 2, 3
    expect(codes).toEqual([1, 2, 2, 3]);
    expect([...q.lookup]).toEqual([0, -4, 0, 4]);
    expect(codes.map((c) => dequantize(q, c))).toEqual([-4, 0, 0, 4]);
  });

  it('matches the reference formula on any values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (raw) => {
          const values = raw.map(Math.fround);
          const { q, codes } = run(values);
          const ref = referenceQuantize(values);
          expect(codes).toEqual(ref.codes);
          expect(q.shift).toBe(ref.shift);
          expect(q.scale).toBe(ref.scale);
          expect([...q.lookup]).toEqual(ref.lookup);
        },
      ),
    );
  });

  it('rounds half to even, as torch.round does', () => {
    // shift 0, std 1, and range 8 makes scale exactly 2: c / scale + 2 is 1.5, 2 and 2.5.
    const { q, codes } = run([-1, 0, 1], 8);
    expect(q.scale).toBe(2);
    expect(codes).toEqual([2, 2, 2]);
  });

  it('falls back to scale 1 when all values are equal, so receivers accept the message', () => {
    const { q, codes } = run([0.25, 0.25, 0.25]);
    expect(q.scale).toBe(1);
    expect(codes).toEqual([2, 2, 2]);
    expect(dequantize(q, 2)).toBe(0.25);
    expect(run([7]).q.scale).toBe(1);
    expect(run([1e-20, -1e-20]).q.scale).toBe(1);
  });

  it('refuses values spread so wide that receivers would reject the scale', () => {
    expect(() => run([-1e5, 1e5])).toThrow(CodecError);
  });
});
