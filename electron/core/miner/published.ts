/**
 * What the validator publishes in its bucket and miners read: the run's parameters, the peer list
 * of each window, and each window's model (manifest every window, checkpoint every few). Reading
 * is defensive (size caps, schema checks): the bucket is another party's.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { loadCheckpoint } from '../../engine/checkpoint/checkpoint';
import type { ModelConfig } from '../../engine/model/config';
import { checkRunParams, objectKeys, type RunParams, windowsInKeys } from '../../protocol/windows';
import type { ObjectStore } from '../network/object-store';
import type { Weights } from './model-state';

const SMALL_JSON = 256 * 1024;

const hotkeys = z.array(z.string().min(1).max(64)).max(4096);

export const peerListSchema = z.strictObject({
  window: z.number().int().nonnegative(),
  runId: z.string(),
  /** Hotkeys whose payloads of `window` are aggregated. */
  peers: hotkeys,
});
export type PeerList = z.infer<typeof peerListSchema>;

export const manifestSchema = z.strictObject({
  window: z.number().int().nonnegative(),
  runId: z.string(),
  /** modelHash of the model trained in `window`. */
  modelHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Hotkeys whose payloads of window - 1 were aggregated to make it (empty at the start). */
  aggregated: hotkeys,
  /** Whether `checkpoints/<window>.safetensors` was published with it. */
  checkpoint: z.boolean(),
});
export type Manifest = z.infer<typeof manifestSchema>;

async function readJson(store: ObjectStore, key: string): Promise<unknown | undefined> {
  const bytes = await store.get(key, { maxBytes: SMALL_JSON });
  if (!bytes) return undefined;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function readRun(store: ObjectStore): Promise<RunParams | undefined> {
  const value = await readJson(store, objectKeys.run);
  return value === undefined ? undefined : checkRunParams(value);
}

export async function readPeerList(
  store: ObjectStore,
  window: number,
): Promise<PeerList | undefined> {
  const parsed = peerListSchema.safeParse(await readJson(store, objectKeys.peers(window)));
  return parsed.success && parsed.data.window === window ? parsed.data : undefined;
}

export async function readManifest(
  store: ObjectStore,
  window: number,
): Promise<Manifest | undefined> {
  const parsed = manifestSchema.safeParse(
    await readJson(store, objectKeys.checkpointManifest(window)),
  );
  return parsed.success && parsed.data.window === window ? parsed.data : undefined;
}

/** Windows with a published checkpoint, newest last. */
export async function checkpointWindows(store: ObjectStore): Promise<number[]> {
  return windowsInKeys(
    await store.list(objectKeys.checkpointPrefix),
    objectKeys.checkpointPrefix,
    '.safetensors',
  );
}

/** The checkpoint's weights, checked against the model config; undefined if it is not there. */
export async function readCheckpoint(
  store: ObjectStore,
  window: number,
  config: ModelConfig,
  maxBytes: number,
): Promise<Weights | undefined> {
  const bytes = await store.get(objectKeys.checkpoint(window), { maxBytes });
  if (!bytes) return undefined;
  // loadCheckpoint reads files; the temporary copy lives only as long as the read.
  const dir = await mkdtemp(join(tmpdir(), 'tessera-checkpoint-'));
  try {
    const path = join(dir, 'model.safetensors');
    await writeFile(path, bytes);
    return (await loadCheckpoint(path, config)).weights;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
