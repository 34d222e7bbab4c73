/**
 * Every checkpoint the validator has on disk, checked the way a catching-up miner would: it loads
 * as a checkpoint of the run's model, and its modelHash is the one its manifest records.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { modelHash } from '../../electron/core/miner/model-state';
import {
  checkpointWindows,
  readCheckpoint,
  readManifest,
  readRun,
} from '../../electron/core/miner/published';
import { FsStore } from '../../electron/core/network/fs-store';
import type { ObjectStore } from '../../electron/core/network/object-store';
import { namedConfig, parameterShapes } from '../../electron/engine/model/config';
import { objectKeys, windowsInKeys } from '../../electron/protocol/windows';

export interface CheckpointAudit {
  /** Windows whose checkpoint loaded and hashed to its manifest's modelHash. */
  verified: number[];
  /** Files that did not load, parse or match, each with why. */
  corrupt: string[];
  /** Each published manifest's modelHash, by window. */
  manifests: Map<number, string>;
}

/** The embedded devnet's validator bucket: the folder under `buckets` holding `run.json`. */
export function validatorBucket(bucketsDir: string): FsStore | undefined {
  if (!existsSync(bucketsDir)) return undefined;
  const folder = readdirSync(bucketsDir).find((name) =>
    existsSync(join(bucketsDir, name, objectKeys.run)),
  );
  return folder === undefined ? undefined : new FsStore(join(bucketsDir, folder));
}

export async function auditCheckpoints(store: ObjectStore): Promise<CheckpointAudit> {
  const audit: CheckpointAudit = { verified: [], corrupt: [], manifests: new Map() };
  const run = await readRun(store);
  if (!run) return audit;
  const config = namedConfig(run.model);
  const layout = parameterShapes(config);
  const cap = 4 * layout.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0) + (1 << 20);
  const prefix = objectKeys.checkpointPrefix;
  for (const window of windowsInKeys(await store.list(prefix), prefix, '.json')) {
    const manifest = await readManifest(store, window);
    if (manifest) audit.manifests.set(window, manifest.modelHash);
    else audit.corrupt.push(`${objectKeys.checkpointManifest(window)}: not a manifest`);
  }
  for (const window of await checkpointWindows(store)) {
    const recorded = audit.manifests.get(window);
    // A checkpoint is written before its manifest: without one it is not published yet.
    if (recorded === undefined) continue;
    const key = objectKeys.checkpoint(window);
    try {
      const weights = await readCheckpoint(store, window, config, cap);
      if (!weights) continue; // pruned since it was listed
      const hash = modelHash(weights, layout);
      if (hash === recorded) audit.verified.push(window);
      else audit.corrupt.push(`${key}: hash ${hash} is not the manifest's ${recorded}`);
    } catch (error) {
      audit.corrupt.push(`${key}: ${(error as Error).message}`);
    }
  }
  return audit;
}
