/**
 * How far a provider's output may stray from the reference: fp32 rounding, relative to the
 * magnitude of each value and absolute near zero.
 */
export const FP32_TOLERANCE = 1e-4;

export type Comparison = { agrees: true; maxAbsDiff: number } | { agrees: false; reason: string };

type Values = ArrayLike<number>;

/** Compares each named output with the reference, element by element. */
export function compareWithReference(
  actual: Readonly<Record<string, Values>>,
  expected: Readonly<Record<string, Values>>,
  tolerance = FP32_TOLERANCE,
): Comparison {
  let maxAbsDiff = 0;
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (got === undefined) return { agrees: false, reason: `output ${name} is missing` };
    if (got.length !== want.length) {
      return {
        agrees: false,
        reason: `output ${name} has ${got.length} values, expected ${want.length}`,
      };
    }
    for (let i = 0; i < want.length; i++) {
      const diff = Math.abs(got[i]! - want[i]!);
      // Written so that NaN fails too: every comparison with NaN is false.
      if (!(diff <= tolerance * Math.max(1, Math.abs(want[i]!)))) {
        return {
          agrees: false,
          reason: `${name}[${i}] is ${got[i]} but the CPU reference is ${want[i]} (tolerance ${tolerance})`,
        };
      }
      maxAbsDiff = Math.max(maxAbsDiff, diff);
    }
  }
  return { agrees: true, maxAbsDiff };
}
