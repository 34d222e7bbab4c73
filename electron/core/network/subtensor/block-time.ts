import type { Header } from '@polkadot/types/interfaces';
import { u8aToBigInt } from '@polkadot/util';
import { NetworkError } from '../errors';

/** Slot lengths of the consensus engines a subtensor runtime may use, in ms. */
export interface SlotDurations {
  aura?: number;
  babe?: number;
}

/**
 * When a block was made, from its header alone: the slot its author claimed in the pre-runtime
 * digest times the slot length. Authors build at the start of their slot and the runtime checks
 * that `Timestamp.Now` falls in that slot (`pallet_aura`), so this is the block's time to within
 * the authoring delay, with no extra read per block.
 */
export function blockTimestamp(header: Header, slots: SlotDurations): number {
  for (const log of header.digest.logs) {
    if (!log.isPreRuntime) continue;
    const [engine, data] = log.asPreRuntime;
    const bytes = data.toU8a(true);
    if (engine.isAura && slots.aura && bytes.length >= 8) {
      return Number(u8aToBigInt(bytes.subarray(0, 8))) * slots.aura;
    }
    // BABE's pre-digest: variant (1 byte), authority index (u32), then the slot (u64)
    if (engine.isBabe && slots.babe && bytes.length >= 13) {
      return Number(u8aToBigInt(bytes.subarray(5, 13))) * slots.babe;
    }
  }
  throw new NetworkError(
    'invalid',
    `Block ${header.number.toNumber()} carries no slot this client can read, so its time is unknown.`,
  );
}
