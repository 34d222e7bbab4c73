import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelHash } from '../../../electron/core/miner/model-state';
import {
  checkpointWindows,
  readCheckpoint,
  readManifest,
  readPeerList,
  readRun,
} from '../../../electron/core/miner/published';
import { FsStore } from '../../../electron/core/network/fs-store';
import {
  pruneCheckpoints,
  publishModel,
  publishPeerList,
  publishRun,
} from '../../../electron/core/validator/publish';
import { configs, parameterShapes } from '../../../electron/engine/model/config';
import { initWeights } from '../../../electron/engine/model/init';
import { devnetRun } from '../../../electron/protocol/windows';

const dir = mkdtempSync(join(tmpdir(), 'tessera-publish-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the validator's bucket", () => {
  it('holds the run, peer lists and models that miners read back exactly', async () => {
    const store = new FsStore(dir);
    const run = devnetRun({ chainId: 'ef'.repeat(16), blocksPerWindow: 15 });
    const config = configs.nano;
    const layout = parameterShapes(config);
    await publishRun(store, run);
    expect(await readRun(store)).toEqual(run);
    await publishPeerList(store, { window: 4, runId: run.runId, peers: ['a', 'b'] });
    expect((await readPeerList(store, 4))?.peers).toEqual(['a', 'b']);
    expect(await readPeerList(store, 5)).toBeUndefined();

    const weights = initWeights(config, run.runId);
    const state = { window: 4, weights, hash: modelHash(weights, layout) };
    for (const window of [1, 2, 3, 4]) {
      await publishModel(store, {
        run,
        config,
        state: { ...state, window },
        aggregated: ['a'],
        withCheckpoint: true,
      });
    }
    const manifest = await readManifest(store, 4);
    expect(manifest).toMatchObject({
      window: 4,
      modelHash: state.hash,
      aggregated: ['a'],
      checkpoint: true,
    });
    const loaded = await readCheckpoint(store, 4, config, 8 * 1024 * 1024);
    expect(modelHash(loaded!, layout)).toBe(state.hash);
    // A checkpoint over the cap is refused rather than buffered.
    await expect(readCheckpoint(store, 4, config, 1024)).rejects.toMatchObject({
      kind: 'too-large',
    });

    await pruneCheckpoints(store, 2);
    expect(await checkpointWindows(store)).toEqual([3, 4]);
    expect(await readManifest(store, 1)).toBeDefined();
  });
});
