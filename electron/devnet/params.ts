import { MAX_SUBNET_SIZE } from '../core/network/devnet-api';

/**
 * The devnet's chain parameters. Those that decide consensus (everything but `blockMs`) are fixed
 * when a data directory is created and stored with it; restarting with different ones is refused,
 * because miners would disagree about windows and payouts.
 */
export interface DevnetParams {
  /** Time between blocks (Bittensor: 12 s; the devnet defaults to 1 s so windows are short). */
  blockMs: number;
  /** Blocks per protocol window. */
  blocksPerWindow: number;
  /** Blocks between emissions, each running one Yuma consensus epoch. */
  tempo: number;
  /** Uids in the subnet; registering into a full subnet prunes one. */
  maxUids: number;
  /** Blocks after registration during which a uid cannot be pruned. */
  immunityBlocks: number;
  /** Stake given to a hotkey registered as a validator, in rao. */
  validatorStake: bigint;
  /** Emission minted per block, in rao, paid out at each tempo. */
  emissionPerBlock: bigint;
}

export type ConsensusParams = Omit<DevnetParams, 'blockMs'>;

export const NETUID = 1;

export const DEFAULT_PARAMS: DevnetParams = {
  blockMs: 1_000,
  blocksPerWindow: 20,
  tempo: 60,
  maxUids: 256,
  immunityBlocks: 120,
  validatorStake: 1_000n * 1_000_000_000n,
  emissionPerBlock: 1_000_000_000n,
};

/** A parameter outside its range: a message naming it, for the CLI and the API alike. */
export function checkParams(params: DevnetParams): string | undefined {
  const whole = (name: keyof DevnetParams, min: number, max: number) => {
    const value = params[name] as number;
    return Number.isInteger(value) && value >= min && value <= max
      ? undefined
      : `${name} must be a whole number from ${min} to ${max}, got ${value}`;
  };
  return (
    whole('blockMs', 10, 600_000) ??
    whole('blocksPerWindow', 1, 100_000) ??
    whole('tempo', 1, 100_000) ??
    whole('maxUids', 1, MAX_SUBNET_SIZE) ??
    whole('immunityBlocks', 0, 10_000_000) ??
    (params.validatorStake > 0n ? undefined : 'validatorStake must be positive') ??
    (params.emissionPerBlock >= 0n ? undefined : 'emissionPerBlock must not be negative')
  );
}
