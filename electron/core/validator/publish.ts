/**
 * Writing what miners read from the validator's bucket: the run, each window's peer list, each
 * window's manifest and, every few windows, the checkpoint itself (the engine's safetensors
 * checkpoint format, weights only, so `transformers` can load it too).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '../../engine/checkpoint/checkpoint';
import type { ModelConfig } from '../../engine/model/config';
import { objectKeys, type RunParams, windowsInKeys } from '../../protocol/windows';
import type { ModelState } from '../miner/model-state';
import type { Manifest, PeerList } from '../miner/published';
import type { ObjectStore } from '../network/object-store';

const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);

export function publishRun(store: ObjectStore, run: RunParams): Promise<void> {
  return store.put(objectKeys.run, json(run));
}

export function publishPeerList(store: ObjectStore, list: PeerList): Promise<void> {
  return store.put(objectKeys.peers(list.window), json(list));
}

/** The checkpoint first, then its manifest: a manifest never names a checkpoint not yet there. */
export async function publishModel(
  store: ObjectStore,
  options: {
    run: RunParams;
    config: ModelConfig;
    state: ModelState;
    aggregated: readonly string[];
    withCheckpoint: boolean;
  },
): Promise<number> {
  const { run, config, state } = options;
  let bytes = 0;
  if (options.withCheckpoint) {
    const dir = await mkdtemp(join(tmpdir(), 'tessera-publish-'));
    try {
      const path = join(dir, 'model.safetensors');
      await saveCheckpoint(path, {
        config,
        weights: state.weights,
        info: { run: run.runId, window: String(state.window), modelHash: state.hash },
      });
      const data = await readFile(path);
      bytes += data.length;
      await store.put(objectKeys.checkpoint(state.window), data);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const manifest: Manifest = {
    window: state.window,
    runId: run.runId,
    modelHash: state.hash,
    aggregated: [...options.aggregated],
    checkpoint: options.withCheckpoint,
  };
  await store.put(objectKeys.checkpointManifest(state.window), json(manifest));
  return bytes;
}

/**
 * Full checkpoints kept in the bucket: the newest few are all a catching-up miner needs (it
 * replays the windows after one from their manifests), and nano alone writes 5 MB per window.
 */
export const CHECKPOINTS_KEPT = 3;

export async function pruneCheckpoints(store: ObjectStore, keep = CHECKPOINTS_KEPT): Promise<void> {
  const prefix = objectKeys.checkpointPrefix;
  const windows = windowsInKeys(await store.list(prefix), prefix, '.safetensors');
  for (const window of windows.slice(0, Math.max(0, windows.length - keep))) {
    await store.delete(objectKeys.checkpoint(window));
  }
}
