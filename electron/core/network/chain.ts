import type { EarningsUnit } from '../../contract/node';
import type { Commitment } from './commitment';

/**
 * The chain's role in the protocol: the clock, identities (hotkey -> uid), published bucket
 * commitments, validator weights and the emissions they turn into. Two implementations sit
 * behind it: `DevnetChain` (the embedded coordinator) and, later, Bittensor's subtensor.
 *
 * Every method is async and fails with a `NetworkError`. Amounts are integers in rao
 * (1 TAO = 10^9 rao), as `bigint` because Bittensor's totals pass 2^53.
 */
export interface Chain {
  readonly params: ChainParams;
  /** The hotkey writes are signed with; undefined for a read-only client. */
  readonly hotkey: string | undefined;

  currentBlock(): Promise<BlockInfo>;
  /**
   * Calls `onBlock` for each new block, starting with the current one, until the returned
   * function is called. A lost connection is retried in the background and reported through
   * `onError`; blocks missed meanwhile are not replayed (the next one carries the height).
   */
  subscribeBlocks(
    onBlock: (block: BlockInfo) => void,
    onError?: (error: Error) => void,
  ): Unsubscribe;
  /** The protocol window a block belongs to. */
  windowOf(block: number): number;

  metagraph(): Promise<Metagraph>;

  /** Registers the signer's hotkey on the subnet; registering twice returns the same uid. */
  register(options?: RegisterOptions): Promise<Registration>;
  /** Publishes where the signer's bucket is and how to read it, replacing any earlier one. */
  commit(commitment: Commitment): Promise<void>;
  /** Every registered hotkey's latest commitment. */
  commitments(): Promise<CommitmentRecord[]>;
  /** Sets the signer's weights over uids (validators only); the chain normalises them. */
  setWeights(weights: readonly WeightEntry[], versionKey: number): Promise<void>;

  /** Balance and stake of a hotkey (default: the signer's). */
  balance(hotkey?: string): Promise<Balance>;
  /**
   * Where emissions are paid in the subnet's own token (Bittensor's alpha), its price in rao of
   * TAO per whole token; null where they are paid in TAO itself (the devnet).
   */
  alphaPrice(): Promise<bigint | null>;
  /** What a hotkey (default: the signer's) earned at each tempo, oldest first. */
  emissionHistory(hotkey?: string, options?: { sinceBlock?: number }): Promise<EmissionRecord[]>;

  /** Ends subscriptions and connections. */
  close(): Promise<void>;
}

export type Unsubscribe = () => void;

export interface ChainParams {
  netuid: number;
  /** Blocks per protocol window. */
  blocksPerWindow: number;
  /** Blocks between emissions (Yuma consensus epochs). */
  tempo: number;
  /** Target time between blocks, in milliseconds. */
  blockMs: number;
}

export interface BlockInfo {
  block: number;
  window: number;
  /** When the block was made, in milliseconds since the Unix epoch (upload deadlines use it). */
  timestamp: number;
}

export interface Neuron {
  uid: number;
  hotkey: string;
  /** Stake backing the hotkey, in rao. */
  stake: bigint;
  validatorPermit: boolean;
  /** Share of the last tempo's miner emission, 0..1. */
  incentive: number;
  /** Consensus weight on this uid at the last tempo, 0..1. */
  consensus: number;
  /** Share of the last tempo's validator emission, 0..1. */
  dividends: number;
  /** What the uid earned at the last tempo, in rao. */
  emission: bigint;
  /** Block of the last weights set (validators) or of registration. */
  lastUpdate: number;
  registeredAt: number;
}

export interface Metagraph {
  netuid: number;
  block: number;
  neurons: Neuron[];
}

export interface RegisterOptions {
  /**
   * Ask for validator stake. The devnet grants it to any hotkey that asks (a local network has
   * no funds); on Bittensor stake comes from staking, and asking is refused.
   */
  asValidator?: boolean;
}

export interface Registration {
  uid: number;
  hotkey: string;
  block: number;
  /** The hotkey whose uid was taken because the subnet was full, if one was. */
  pruned?: string;
}

export interface CommitmentRecord {
  hotkey: string;
  uid: number;
  /** Block at which the commitment was published. */
  block: number;
  commitment: Commitment;
}

export interface WeightEntry {
  uid: number;
  /** Any non-negative scale; the chain normalises each validator's weights to sum to 1. */
  weight: number;
}

export interface Balance {
  hotkey: string;
  /** Free balance (everything earned), in rao. */
  balance: bigint;
  stake: bigint;
}

export interface EmissionRecord {
  /** Block of the tempo boundary at which this was paid. */
  block: number;
  /** Miner emission (incentive), in rao. */
  incentive: bigint;
  /** Validator emission (dividends), in rao. */
  dividends: bigint;
}

/** Window `w` is blocks [w * blocksPerWindow, (w + 1) * blocksPerWindow), as in Templar. */
export function windowOfBlock(block: number, blocksPerWindow: number): number {
  return Math.floor(block / blocksPerWindow);
}

/** Rao per TAO. */
export const RAO_PER_TAO = 1_000_000_000n;

/** A decimal amount of TAO ("0.5", "12", up to 9 decimals) in rao; undefined if it is not one. */
export function parseTao(text: string): bigint | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!match) return undefined;
  return BigInt(match[1]!) * RAO_PER_TAO + BigInt((match[2] ?? '').padEnd(9, '0'));
}

/** An amount in rao with its unit: TAO, or a Bittensor subnet's alpha (α). */
export function formatAmount(rao: bigint, unit: EarningsUnit): string {
  return `${formatTao(rao)} ${unit === 'alpha' ? 'α' : 'TAO'}`;
}

/** `1500000000n` -> `"1.5"`: an amount in TAO for people, without float rounding. */
export function formatTao(rao: bigint): string {
  const sign = rao < 0n ? '-' : '';
  const abs = rao < 0n ? -rao : rao;
  const whole = abs / RAO_PER_TAO;
  const fraction = (abs % RAO_PER_TAO).toString().padStart(9, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}
