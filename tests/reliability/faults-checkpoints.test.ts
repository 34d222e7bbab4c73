/**
 * The checkpoint audit the trainer-kill check relies on: it passes what the validator publishes
 * and catches a checkpoint with one byte changed, a cut-off one and a manifest that is not one.
 */
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelHash } from '../../electron/core/miner/model-state';
import { FsStore } from '../../electron/core/network/fs-store';
import { publishModel, publishRun } from '../../electron/core/validator/publish';
import { namedConfig, parameterShapes } from '../../electron/engine/model/config';
import { initWeights } from '../../electron/engine/model/init';
import { devnetRun, objectKeys } from '../../electron/protocol/windows';
import { auditCheckpoints } from './faults-checkpoints';

const folders: string[] = [];
afterEach(async () => {
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

async function publishedBucket(windows: number[]) {
  const root = await mkdtemp(join(tmpdir(), 'tessera-audit-'));
  folders.push(root);
  const store = new FsStore(root);
  const run = devnetRun({ chainId: 'ab'.repeat(32), blocksPerWindow: 20 });
  const config = namedConfig(run.model);
  await publishRun(store, run);
  for (const window of windows) {
    const weights = initWeights(config, `${run.runId}-${window}`);
    const state = { window, weights, hash: modelHash(weights, parameterShapes(config)) };
    await publishModel(store, { run, config, state, aggregated: [], withCheckpoint: true });
  }
  return { store, path: (key: string) => join(root, key) };
}

describe('the checkpoint audit', () => {
  it('verifies every published checkpoint against its manifest', async () => {
    const { store } = await publishedBucket([3, 4]);
    const audit = await auditCheckpoints(store);
    expect(audit.verified).toEqual([3, 4]);
    expect(audit.corrupt).toEqual([]);
    expect(audit.manifests.size).toBe(2);
  });

  it('reports a changed byte, a cut-off checkpoint and a broken manifest', async () => {
    const { store, path } = await publishedBucket([3, 4, 5]);
    const changed = path(objectKeys.checkpoint(3));
    const bytes = await readFile(changed);
    bytes[bytes.length - 5]! ^= 0x40;
    await writeFile(changed, bytes);
    await truncate(path(objectKeys.checkpoint(4)), 1000);
    await writeFile(path(objectKeys.checkpointManifest(5)), '{"window": 5');
    const audit = await auditCheckpoints(store);
    expect(audit.verified).toEqual([]);
    expect(audit.corrupt).toHaveLength(3);
    expect(audit.corrupt[0]).toMatch(/checkpoints\/5\.json/);
    expect(audit.corrupt.slice(1).join('\n')).toMatch(
      /3\.safetensors: hash .* is not the manifest/,
    );
  });
});
