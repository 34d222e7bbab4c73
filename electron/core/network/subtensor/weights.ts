import type { WeightEntry } from '../chain';
import { NetworkError } from '../errors';

const U16_MAX = 65_535;

/**
 * Weights as `set_weights` takes them: u16 values scaled so the largest is 65535, zeros left out,
 * uids ascending, as the Bittensor SDK sends them (`convert_weights_and_uids_for_emit`). The chain
 * normalises them to sum 1 itself.
 */
export function normalizedWeights(weights: readonly WeightEntry[]): {
  uids: number[];
  values: number[];
} {
  const seen = new Set<number>();
  for (const { uid, weight } of weights) {
    if (!Number.isInteger(uid) || uid < 0 || uid > U16_MAX) {
      throw new NetworkError('invalid', `${uid} is not a uid.`);
    }
    if (!Number.isFinite(weight) || weight < 0) {
      throw new NetworkError(
        'invalid',
        `The weight of uid ${uid} is ${weight}; weights are finite and not negative.`,
      );
    }
    if (seen.has(uid)) throw new NetworkError('invalid', `uid ${uid} is weighted twice.`);
    seen.add(uid);
  }
  const largest = Math.max(0, ...weights.map((w) => w.weight));
  if (largest === 0) {
    throw new NetworkError('invalid', 'Every weight is zero; there is nothing to set.');
  }
  const scaled = [...weights]
    .sort((a, b) => a.uid - b.uid)
    .map((w) => ({ uid: w.uid, value: Math.round((w.weight / largest) * U16_MAX) }))
    .filter((w) => w.value > 0);
  return { uids: scaled.map((w) => w.uid), values: scaled.map((w) => w.value) };
}
