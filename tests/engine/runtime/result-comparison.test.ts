import { describe, expect, it } from 'vitest';
import { compareWithReference } from '../../../electron/engine/runtime/result-comparison';

const expected = { y: [0.5, -2, 1000, 0] };

describe('compareWithReference', () => {
  it('accepts fp32 rounding: relative for large values, absolute near zero', () => {
    const actual = { y: Float32Array.from([0.50004, -2.0001, 1000.05, 0.00009]) };

    expect(compareWithReference(actual, expected)).toMatchObject({ agrees: true });
  });

  it('rejects a value beyond tolerance and says which element and by how much', () => {
    const result = compareWithReference({ y: [0.5, -2, 1000.5, 0] }, expected);

    expect(result).toEqual({
      agrees: false,
      reason: 'y[2] is 1000.5 but the CPU reference is 1000 (tolerance 0.0001)',
    });
  });

  it('rejects NaN, a missing output and a wrong length', () => {
    expect(compareWithReference({ y: [0.5, Number.NaN, 1000, 0] }, expected).agrees).toBe(false);
    expect(compareWithReference({}, expected)).toEqual({
      agrees: false,
      reason: 'output y is missing',
    });
    expect(compareWithReference({ y: [0.5] }, expected)).toEqual({
      agrees: false,
      reason: 'output y has 1 values, expected 4',
    });
  });
});
