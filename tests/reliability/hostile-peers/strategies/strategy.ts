import type { ObjectStore } from '../../../../electron/core/network/object-store';
import type { ValidatorEvent } from '../../../../electron/core/validator/validator';
import type { ModelConfig } from '../../../../electron/engine/model/config';
import type { ParameterLayout } from '../../../../electron/protocol/codec';
import type { Signer } from '../../../../electron/protocol/signature';
import type { RunParams } from '../../../../electron/protocol/windows';

/** The validator's verdict on one miner's window. */
export type Verdict = Extract<ValidatorEvent, { type: 'judged' }>;

/** What a hostile miner knows when it forges a window's upload: what any miner could know. */
export interface HostileContext {
  run: RunParams;
  config: ModelConfig;
  configHash: string;
  layout: ParameterLayout;
  signer: Signer;
  /** Someone else's key, for payloads signed by the wrong party. */
  other: Signer;
  /** The honest miners' buckets, readable by everyone on the devnet, for strategies that copy. */
  honest: readonly { hotkey: string; store: ObjectStore }[];
}

/**
 * One misbehaviour. `timing` says when in a window the hostile miner uploads (hostile-miner.ts);
 * `payload` forges the bytes (undefined: nothing to upload this window); `caught` says whether a
 * verdict is the rejection or penalty docs/PROTOCOL.md §4 and §8.6 prescribe for it.
 */
export interface HostileStrategy {
  readonly behaviour: string;
  readonly timing: 'mid-window' | 'after-honest' | 'after-deadline' | 'never';
  payload(ctx: HostileContext, window: number): Promise<Uint8Array | undefined>;
  caught(verdict: Verdict): boolean;
}

/** Caught when the payload was judged invalid with this rejection kind. */
export const rejectedAs =
  (kind: string) =>
  (v: Verdict): boolean =>
    v.outcome === 'invalid' && v.reason?.startsWith(`${kind}:`) === true;
