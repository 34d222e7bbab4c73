/**
 * Answers the recording lacks, written here and NOT recorded from the chain: the recorded SDK
 * seeds hold no fee quote. Each says what it stands for.
 */
import { bnToU8a, compactToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import type { WrittenAnswer } from './recorded-chain-server';

/** The partial fee the written quote names, in rao. */
export const QUOTED_FEE = 1_234_567n;

/**
 * `TransactionPaymentApi_query_info` for any extrinsic, in the layout of pallet-transaction-
 * payment's `RuntimeDispatchInfo`: weight (ref time 123 456 789 and proof size 4 567, compact),
 * class Normal, partial fee `QUOTED_FEE` (u128).
 */
export const FEE_QUOTE: WrittenAnswer = {
  method: 'state_call',
  firstParam: 'TransactionPaymentApi_query_info',
  result: u8aToHex(
    u8aConcat(
      compactToU8a(123_456_789n),
      compactToU8a(4_567n),
      new Uint8Array([0]),
      bnToU8a(QUOTED_FEE, { bitLength: 128, isLe: true }),
    ),
  ),
};
