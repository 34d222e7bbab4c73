/**
 * The devnet's simplified Yuma consensus: how validators' weights become each uid's share of a
 * tempo's emission. Pure math over plain arrays; `electron/devnet/README.md` states it and
 * `tests/devnet/yuma.test.ts` pins it with tables.
 *
 * Differences from subtensor's Yuma: no bonds (dividends follow stake times agreement at this
 * epoch instead of bonds accumulated over past ones), no trust/rank smoothing, no liquid alpha.
 */

/** Consensus on a uid needs the support of more than this fraction of participating stake. */
export const CONSENSUS_MAJORITY = 0.5;

export interface YumaInput {
  /** Stake per uid; only uids with stake and a weights row take part as validators. */
  stakes: readonly number[];
  /**
   * Per uid, its weights over all uids (same length as `stakes`, summing to 1), or undefined
   * when the uid has set none.
   */
  weights: readonly (readonly number[] | undefined)[];
}

export interface YumaResult {
  /** Per uid: the stake-weighted median of the validators' weights on it. */
  consensus: number[];
  /** Per uid: its share of the miner emission, summing to 1 (or all 0). */
  incentive: number[];
  /** Per uid: the fraction of its own weights that survived clipping (0 for non-validators). */
  validatorTrust: number[];
  /** Per uid: its share of the validator emission, summing to 1 (or all 0). */
  dividends: number[];
}

export function yumaConsensus({ stakes, weights }: YumaInput): YumaResult {
  const n = stakes.length;
  const validators = [...Array(n).keys()].filter(
    (i) => (stakes[i] ?? 0) > 0 && weights[i] !== undefined,
  );
  const totalStake = validators.reduce((sum, i) => sum + stakes[i]!, 0);
  const consensus = new Array<number>(n).fill(0);
  const incentive = new Array<number>(n).fill(0);
  const validatorTrust = new Array<number>(n).fill(0);
  const dividends = new Array<number>(n).fill(0);
  if (validators.length === 0 || totalStake <= 0) {
    return { consensus, incentive, validatorTrust, dividends };
  }

  // 1. Consensus per uid j: the largest weight w that validators holding more than half of the
  //    stake each give j at least of.
  for (let j = 0; j < n; j++) {
    consensus[j] = stakeWeightedMedian(
      validators.map((i) => ({ value: weights[i]![j] ?? 0, stake: stakes[i]! })),
      totalStake,
    );
  }

  // 2. Clip each validator's weights to consensus; 3. rank = stake-weighted clipped weight.
  const rank = new Array<number>(n).fill(0);
  for (const i of validators) {
    const share = stakes[i]! / totalStake;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const clipped = Math.min(weights[i]![j] ?? 0, consensus[j]!);
      kept += clipped;
      rank[j]! += share * clipped;
    }
    validatorTrust[i] = kept;
  }

  // 4. Incentive: ranks normalised to sum to 1.
  const rankSum = rank.reduce((a, b) => a + b, 0);
  if (rankSum > 0) for (let j = 0; j < n; j++) incentive[j] = rank[j]! / rankSum;

  // 5. Dividends (no bonds): stake times how much of the validator's weight consensus kept.
  //    The sum of stake share x trust equals rankSum, so this is zero exactly when incentive is.
  const agreement = validators.map((i) => (stakes[i]! / totalStake) * validatorTrust[i]!);
  const agreementSum = agreement.reduce((a, b) => a + b, 0);
  if (agreementSum > 0) {
    validators.forEach((i, k) => {
      dividends[i] = agreement[k]! / agreementSum;
    });
  }
  return { consensus, incentive, validatorTrust, dividends };
}

/**
 * max{ w : total stake of entries with value >= w is more than CONSENSUS_MAJORITY of all }.
 * With a tie at exactly half the stake the lower value wins: half cannot outvote the other half.
 */
export function stakeWeightedMedian(
  entries: readonly { value: number; stake: number }[],
  totalStake: number,
): number {
  const sorted = [...entries].sort((a, b) => b.value - a.value);
  let supporting = 0;
  for (let k = 0; k < sorted.length; k++) {
    supporting += sorted[k]!.stake;
    // Entries with equal values support each other: only test at the last of a run.
    if (k + 1 < sorted.length && sorted[k + 1]!.value === sorted[k]!.value) continue;
    if (supporting > CONSENSUS_MAJORITY * totalStake) return sorted[k]!.value;
  }
  return 0;
}
