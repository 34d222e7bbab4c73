/**
 * Getting the model for a window: apply the last window's aggregate when one window behind, or,
 * when further behind (fresh start, restart, sleep, a model that disagrees), load the newest
 * checkpoint of the validator and replay each later window with the exact peer set its manifest
 * names. Shared by miners and the validator (which reads its own bucket).
 */
import type { ModelConfig } from '../../engine/model/config';
import type { CodecParams, ParameterLayout } from '../../protocol/codec';
import type { DecodeOptions } from '../../protocol/payload';
import { type RunParams, uploadDeadlineBlock } from '../../protocol/windows';
import type { ObjectStore } from '../network/object-store';
import type { ChainClock } from './chain-clock';
import { type GatherResult, gather, type PeerBucket } from './gather';
import { type ModelState, modelHash } from './model-state';
import { outerStep } from './outer-step';
import { checkpointWindows, readCheckpoint, readManifest, readPeerList } from './published';

export interface SyncContext {
  run: RunParams;
  config: ModelConfig;
  configHash: string;
  layout: ParameterLayout;
  clock: ChainClock;
  /** The bucket with checkpoints, manifests and peer lists (the validator's). */
  published: ObjectStore;
  /** Every registered miner with a readable bucket. */
  miners: () => Promise<PeerBucket[]>;
  checkpointCap: number;
  decode?: DecodeOptions;
}

export class SyncError extends Error {
  constructor(
    readonly kind: 'no-checkpoint' | 'checkpoint-mismatch' | 'manifest-missing',
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

function expectation(ctx: SyncContext) {
  return {
    runId: ctx.run.runId,
    configHash: ctx.configHash,
    codec: ctx.run.codec as CodecParams,
    layout: ctx.layout,
  };
}

/**
 * Gathers `window`'s payloads from the peers its peer list names (every registered miner when
 * the validator published none), judged against the upload deadline.
 */
export async function gatherLive(ctx: SyncContext, window: number): Promise<GatherResult> {
  const [miners, list] = await Promise.all([ctx.miners(), readPeerList(ctx.published, window)]);
  const named = list ? new Set(list.peers) : undefined;
  const peers = named ? miners.filter((m) => named.has(m.hotkey)) : miners;
  const deadlineTime = ctx.clock.times.timeOf(uploadDeadlineBlock(window, ctx.run));
  return gather({
    window,
    peers,
    expectation: expectation(ctx),
    deadlineTime,
    ...(ctx.decode ? { decode: ctx.decode } : {}),
  });
}

/** Gathers exactly the peers a manifest says were aggregated; no deadline (already judged). */
async function gatherVouched(
  ctx: SyncContext,
  window: number,
  hotkeys: readonly string[],
): Promise<GatherResult> {
  const miners = await ctx.miners();
  const named = new Set(hotkeys);
  return gather({
    window,
    peers: miners.filter((m) => named.has(m.hotkey)),
    expectation: expectation(ctx),
    deadlineTime: undefined,
    ...(ctx.decode ? { decode: ctx.decode } : {}),
  });
}

export function applyGathered(
  ctx: SyncContext,
  state: ModelState,
  result: GatherResult,
): ModelState {
  return outerStep({
    state,
    gathered: result.gathered,
    layout: ctx.layout,
    codec: ctx.run.codec,
    outerLr: ctx.run.outerLr,
  });
}

/**
 * A model for window `target - 1` or `target`, from the newest checkpoint at or before `target`
 * and the manifests after it. `current` is kept when it is on the published path (its hash
 * matches the manifest for its window) and no older than the newest checkpoint.
 */
export async function catchUp(
  ctx: SyncContext,
  current: ModelState | undefined,
  target: number,
): Promise<{ state: ModelState; via: 'checkpoint' | 'aggregate' }> {
  const windows = (await checkpointWindows(ctx.published)).filter((w) => w <= target);
  const newest = windows.at(-1);
  let state: ModelState | undefined;
  let via: 'checkpoint' | 'aggregate' = 'aggregate';
  if (current && current.window <= target && (newest === undefined || current.window >= newest)) {
    const manifest = await readManifest(ctx.published, current.window);
    if (!manifest || manifest.modelHash === current.hash) state = current;
  }
  if (!state) {
    if (newest === undefined) {
      throw new SyncError('no-checkpoint', 'the validator has not published a checkpoint yet');
    }
    const weights = await readCheckpoint(ctx.published, newest, ctx.config, ctx.checkpointCap);
    if (!weights)
      throw new SyncError('no-checkpoint', `checkpoint ${newest} vanished while reading it`);
    const hash = modelHash(weights, ctx.layout);
    const manifest = await readManifest(ctx.published, newest);
    if (manifest && manifest.modelHash !== hash) {
      throw new SyncError(
        'checkpoint-mismatch',
        `checkpoint ${newest} does not match its manifest`,
      );
    }
    state = { window: newest, weights, hash };
    via = 'checkpoint';
  }
  // Replay every window the validator has vouched for; the last one may be gathered live.
  while (state.window < target - 1) {
    const next = state.window + 1;
    const manifest = await readManifest(ctx.published, next);
    const result = manifest
      ? await gatherVouched(ctx, state.window, manifest.aggregated)
      : await gatherLive(ctx, state.window);
    const applied = applyGathered(ctx, state, result);
    if (manifest && applied.hash !== manifest.modelHash) {
      throw new SyncError(
        'checkpoint-mismatch',
        `replaying window ${state.window} did not reproduce the validator's model`,
      );
    }
    state = applied;
  }
  return { state, via };
}
