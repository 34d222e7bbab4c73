/**
 * Gathering one window's payloads from peers' buckets: the step miners and the validator share,
 * so they aggregate the same set. A peer's problem (missing, late, malformed, unreachable) becomes
 * an outcome, never an exception: one bad peer must not stop the window.
 */

import type { GatheredPseudoGradient } from '../../protocol/aggregate';
import {
  type DecodeOptions,
  decodePayload,
  MAX_HEADER_BYTES,
  type PayloadExpectation,
  type PayloadRejection,
  payloadLayout,
} from '../../protocol/payload';
import { objectKeys, onTime } from '../../protocol/windows';
import type { ObjectStore } from '../network/object-store';

/** A peer to gather from: its hotkey and its committed bucket, opened for reading. */
export interface PeerBucket {
  hotkey: string;
  uid: number;
  store: ObjectStore;
}

export type GatherOutcome =
  | { hotkey: string; uid: number; status: 'ok'; bytes: number; lastModified: Date }
  | { hotkey: string; uid: number; status: 'missing' }
  | { hotkey: string; uid: number; status: 'late'; lastModified: Date }
  | { hotkey: string; uid: number; status: 'unreachable'; message: string }
  | { hotkey: string; uid: number; status: 'invalid'; rejection: PayloadRejection };

export interface GatheredPeer extends GatheredPseudoGradient {
  uid: number;
  lastModified: Date;
}

export interface GatherResult {
  window: number;
  /** Valid, on-time payloads in ascending hotkey order (the aggregation order). */
  gathered: GatheredPeer[];
  /** One outcome per peer asked, in the order asked. */
  outcomes: GatherOutcome[];
  bytesDown: number;
}

export interface GatherRequest {
  window: number;
  peers: readonly PeerBucket[];
  expectation: Omit<PayloadExpectation, 'hotkey' | 'window'>;
  /**
   * Wall-clock time of the upload deadline block; objects modified after it are late. Undefined
   * skips the check: replaying a window whose peer set the validator already vouched for.
   */
  deadlineTime: number | undefined;
  decode?: DecodeOptions;
  /** Peers fetched at once; small, so a slow bucket does not hold many sockets. */
  concurrency?: number;
}

/** The largest payload this model and codec can produce, so a hostile peer cannot make us buffer more. */
export function payloadCap(expectation: Pick<PayloadExpectation, 'layout' | 'codec'>): number {
  return 8 + MAX_HEADER_BYTES + payloadLayout(expectation.layout, expectation.codec).dataBytes;
}

export async function gather(request: GatherRequest): Promise<GatherResult> {
  const cap = payloadCap(request.expectation);
  const outcomes: GatherOutcome[] = new Array(request.peers.length);
  const gathered: GatheredPeer[] = [];
  let bytesDown = 0;
  let next = 0;
  const worker = async () => {
    while (next < request.peers.length) {
      const index = next++;
      const peer = request.peers[index]!;
      const result = await fetchOne(peer, request, cap);
      outcomes[index] = result.outcome;
      bytesDown += result.bytes;
      if (result.gathered) gathered.push(result.gathered);
    }
  };
  const lanes = Math.max(1, Math.min(request.concurrency ?? 4, request.peers.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  gathered.sort((a, b) => (a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0));
  return { window: request.window, gathered, outcomes, bytesDown };
}

async function fetchOne(
  peer: PeerBucket,
  request: GatherRequest,
  cap: number,
): Promise<{ outcome: GatherOutcome; bytes: number; gathered?: GatheredPeer }> {
  const { hotkey, uid } = peer;
  const key = objectKeys.gradient(request.window, hotkey);
  try {
    const info = await peer.store.head(key);
    if (!info) return { outcome: { hotkey, uid, status: 'missing' }, bytes: 0 };
    if (request.deadlineTime !== undefined && !onTime(info.lastModified, request.deadlineTime)) {
      return {
        outcome: { hotkey, uid, status: 'late', lastModified: info.lastModified },
        bytes: 0,
      };
    }
    if (info.size > cap) {
      const rejection = {
        kind: 'too-large' as const,
        message: `the payload is ${info.size} bytes; at most ${cap} fit this model`,
      };
      return { outcome: { hotkey, uid, status: 'invalid', rejection }, bytes: 0 };
    }
    const bytes = await peer.store.get(key, { maxBytes: cap });
    if (!bytes) return { outcome: { hotkey, uid, status: 'missing' }, bytes: 0 };
    const decoded = decodePayload(
      bytes,
      { ...request.expectation, window: request.window, hotkey },
      request.decode,
    );
    if (!decoded.ok) {
      return {
        outcome: { hotkey, uid, status: 'invalid', rejection: decoded.rejection },
        bytes: bytes.length,
      };
    }
    return {
      outcome: { hotkey, uid, status: 'ok', bytes: bytes.length, lastModified: info.lastModified },
      bytes: bytes.length,
      gathered: {
        hotkey,
        uid,
        pseudoGradient: decoded.payload.pseudoGradient,
        lastModified: info.lastModified,
      },
    };
  } catch (error) {
    const e = error as Error & { kind?: string };
    if (e.kind === 'too-large') {
      const rejection = { kind: 'too-large' as const, message: e.message };
      return { outcome: { hotkey, uid, status: 'invalid', rejection }, bytes: 0 };
    }
    return { outcome: { hotkey, uid, status: 'unreachable', message: e.message }, bytes: 0 };
  }
}
