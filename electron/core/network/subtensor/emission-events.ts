import type { Vec } from '@polkadot/types';
import type { Codec } from '@polkadot/types/types';

/** Mechanism storage indexes are `netuid + mechanism × 4096` (`subnets/mechanism.rs`). */
const MECHANISM_STRIDE = 4096;

interface EventRecordLike {
  event: { section: string; method: string; data: Codec[] };
}

/**
 * What a uid earned as a miner in one block's events: the sum of `emissions[uid]` over every
 * `SubtensorModule.IncentiveAlphaEmittedToMiners` of the subnet's mechanisms, in alpha rao.
 * Undefined when the block holds no such event (no epoch ran in it).
 */
export function minerEmissionIn(
  events: Vec<Codec> | readonly Codec[],
  netuid: number,
  uid: number,
): bigint | undefined {
  let total: bigint | undefined;
  for (const record of events as Iterable<Codec>) {
    const { event } = record as unknown as EventRecordLike;
    if (event.section !== 'subtensorModule' || event.method !== 'IncentiveAlphaEmittedToMiners') {
      continue;
    }
    const [index, emissions] = event.data as [Codec, Vec<Codec>];
    if (Number(index.toString()) % MECHANISM_STRIDE !== netuid) continue;
    const amount = [...emissions][uid];
    total = (total ?? 0n) + (amount ? BigInt(amount.toString()) : 0n);
  }
  return total;
}
