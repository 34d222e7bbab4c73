/**
 * How much of each tempo's emission goes to miners (by incentive); the rest goes to validators
 * (by dividends). Bittensor splits 41/41/18 with the subnet owner; the devnet has no owner.
 */
export const MINER_SHARE_PERCENT = 50n;

/** Shares are turned into rao at this resolution, so rounding is exact and identical everywhere. */
const SHARE_SCALE = 1_000_000_000_000;

export interface EmissionSplit {
  incentive: bigint[];
  dividends: bigint[];
}

/**
 * One tempo's `pool` (rao) paid out by share. Each amount is rounded down, so the total never
 * exceeds the pool; the dust, and the whole pool when nobody earned, is simply not minted.
 */
export function splitEmission(
  pool: bigint,
  incentive: readonly number[],
  dividends: readonly number[],
): EmissionSplit {
  const minerPool = (pool * MINER_SHARE_PERCENT) / 100n;
  const validatorPool = pool - minerPool;
  return {
    incentive: incentive.map((share) => portion(minerPool, share)),
    dividends: dividends.map((share) => portion(validatorPool, share)),
  };
}

function portion(pool: bigint, share: number): bigint {
  if (!(share > 0)) return 0n;
  return (pool * BigInt(Math.floor(Math.min(share, 1) * SHARE_SCALE))) / BigInt(SHARE_SCALE);
}
