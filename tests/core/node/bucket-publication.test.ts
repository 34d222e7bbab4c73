/**
 * The gate before mining where publishing the bucket is a paid write, against a real devnet
 * coordinator: the same `Chain` reads (metagraph, commitments) that Bittensor answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BucketCommitment } from '../../../electron/core/network/commitment';
import type { DevnetChain } from '../../../electron/core/network/devnet-chain';
import {
  publicationState,
  requireReadyToMine,
} from '../../../electron/core/node/bucket-publication';
import { NodeError } from '../../../electron/core/node/node-error';
import type { Coordinator } from '../../../electron/devnet/coordinator';
import { client, removeDir, startTestCoordinator, tempDir } from '../../devnet/harness';

const BUCKET: BucketCommitment = {
  kind: 's3',
  endpoint: 'https://example.r2.cloudflarestorage.com',
  region: 'auto',
  bucket: 'tessera-miner',
  readAccessKeyId: 'read-key-id',
  readSecretAccessKey: 'read-secret',
};

describe('publishing the bucket before mining (devnet coordinator)', () => {
  let dir: string;
  let coordinator: Coordinator;
  let miner: DevnetChain;
  beforeAll(async () => {
    dir = tempDir();
    coordinator = await startTestCoordinator(dir);
    miner = await client(coordinator, '//Dave');
  });
  afterAll(async () => {
    await miner?.close();
    await coordinator?.stop();
    removeDir(dir);
  });

  const refusal = (commitment: BucketCommitment) =>
    requireReadyToMine(miner, miner.hotkey!, commitment, 'subnet 1').then(
      () => undefined,
      (e: unknown) => e as NodeError,
    );

  it('asks to register first, then to publish, then lets the miner start', async () => {
    expect((await refusal(BUCKET))?.kind).toBe('not-registered');
    await miner.register();
    const unpublished = await refusal(BUCKET);
    expect(unpublished).toBeInstanceOf(NodeError);
    expect(unpublished?.kind).toBe('bucket-not-published');
    expect(unpublished?.message).toMatch(/Network screen/);
    await miner.commit(BUCKET);
    expect(await refusal(BUCKET)).toBeUndefined();
  });

  it('counts a bucket as published only with the same location and read keys', async () => {
    const rotated = { ...BUCKET, readSecretAccessKey: 'a-new-read-secret' };
    expect(await publicationState(miner, miner.hotkey!, rotated)).toEqual({
      registered: true,
      published: false,
    });
    // the same commitment with its keys in another order is the same commitment
    const reordered = Object.fromEntries(Object.entries(BUCKET).reverse()) as BucketCommitment;
    expect(await publicationState(miner, miner.hotkey!, reordered)).toEqual({
      registered: true,
      published: true,
    });
  });
});
