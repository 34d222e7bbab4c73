import { CodecError } from './errors';
import { QUANT_BINS, QUANT_OFFSET } from './params';

/**
 * Per-tensor 2-bit quantisation of the kept values (Templar's `_quantize_values` with 4 bins):
 *
 *   shift = mean(v);  c = v - shift;  std = |c| / sqrt(n - 1);  scale = range * std / 4
 *   code  = clamp(round_half_even(c / scale + 2), 0, 3)
 *   lookup[b] = mean of the c whose code is b (0 for an empty bin)
 *   decoded   = lookup[code] + shift            (float32, as a receiver computes it)
 *
 * A lookup of bin means rather than bin centres makes each bin's reconstruction unbiased.
 */
export interface QuantParams {
  /** float32 values, as carried on the wire. */
  readonly shift: number;
  readonly scale: number;
  readonly lookup: Float32Array;
}

/** The scale a receiver accepts, exclusive on both ends (Templar's gather check). */
export const SCALE_MIN = 1e-12;
export const SCALE_MAX = 1e4;

/** The value a receiver reconstructs for `code`. */
export function dequantize(q: QuantParams, code: number): number {
  return Math.fround(q.lookup[code]! + q.shift);
}

/** Quantises values[0 .. count) into codes[0 .. count); the arithmetic is float64. */
export function quantize(
  values: Float64Array,
  count: number,
  range: number,
  codes: Uint8Array,
): QuantParams {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i]!;
  const shift = Math.fround(count > 0 ? sum / count : 0);
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const c = values[i]! - shift;
    squares += c * c;
  }
  let scale = (range * Math.sqrt(squares / (count - 1))) / QUANT_BINS;
  // All kept values equal (or a single one): every code is the offset and its lookup is ~0, so
  // any scale reconstructs them; 1 is Templar's choice, and a receiver accepts it.
  if (!(scale > SCALE_MIN) || !Number.isFinite(scale)) scale = 1;
  scale = Math.fround(scale);
  if (!(scale < SCALE_MAX)) {
    throw new CodecError(
      'scale-out-of-range',
      `the kept values spread too widely to quantise (scale ${scale} >= ${SCALE_MAX}); the model has probably diverged`,
    );
  }
  const sums = new Float64Array(QUANT_BINS);
  const counts = new Float64Array(QUANT_BINS);
  for (let i = 0; i < count; i++) {
    const c = values[i]! - shift;
    const code = binOf(c / scale + QUANT_OFFSET);
    codes[i] = code;
    sums[code]! += c;
    counts[code]! += 1;
  }
  const lookup = new Float32Array(QUANT_BINS);
  for (let b = 0; b < QUANT_BINS; b++) lookup[b] = counts[b]! > 0 ? sums[b]! / counts[b]! : 0;
  return { shift, scale, lookup };
}

/** clamp(round_half_even(x), 0, QUANT_BINS - 1), as torch.round then clamp. */
function binOf(x: number): number {
  let r = Math.round(x);
  if (r - x === 0.5 && r % 2 !== 0) r -= 1;
  return Math.max(0, Math.min(r, QUANT_BINS - 1));
}
