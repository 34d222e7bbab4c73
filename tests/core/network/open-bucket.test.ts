import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FsStore } from '../../../electron/core/network/fs-store';
import { openBucket } from '../../../electron/core/network/open-bucket';
import { S3Store } from '../../../electron/core/network/s3-store';
import { removeDir, tempDir } from '../../devnet/harness';
import { rejectsWith } from './object-store-spec';
import { LocalS3, S3RVER_CREDENTIALS } from './s3rver-harness';

describe('openBucket', () => {
  const s3 = new LocalS3('peer-bucket');
  beforeAll(() => s3.start());
  afterAll(() => s3.dispose());

  it("reads a peer's S3 bucket with the read keys it committed", async () => {
    const writer = s3.store();
    await writer.put('gradient-3-1-v1.safetensors', new Uint8Array([9, 9]));
    const reader = openBucket({
      kind: 's3',
      endpoint: s3.endpoint,
      region: 'us-east-1',
      bucket: 'peer-bucket',
      forcePathStyle: true,
      readAccessKeyId: S3RVER_CREDENTIALS.accessKeyId,
      readSecretAccessKey: S3RVER_CREDENTIALS.secretAccessKey,
    });
    expect(reader).toBeInstanceOf(S3Store);
    expect(await reader.get('gradient-3-1-v1.safetensors', { maxBytes: 10 })).toEqual(
      new Uint8Array([9, 9]),
    );
    writer.close();
    (reader as S3Store).close();
  });

  it('opens folder buckets only when asked to (the embedded devnet)', async () => {
    const dir = tempDir('tessera-open-bucket-');
    try {
      expect(() => openBucket({ kind: 'fs', path: dir })).toThrow(
        /only usable on the embedded devnet/,
      );
      await rejectsWith((async () => openBucket({ kind: 'fs', path: dir }))(), 'rejected');
      const store = openBucket({ kind: 'fs', path: dir }, { allowFolders: true });
      expect(store).toBeInstanceOf(FsStore);
      await store.put('x', new Uint8Array([1]));
      expect(await store.list('')).toEqual(['x']);
    } finally {
      removeDir(dir);
    }
  });
});
