/**
 * This miner's own S3 bucket as the settings and the sealed credentials describe it: written
 * with the write keys, published (in the chain commitment) with the read keys.
 */
import type { Settings } from '../../contract/settings';
import type { BucketCommitment } from '../network/commitment';
import type { ObjectStore } from '../network/object-store';
import { S3Store } from '../network/s3-store';
import type { StorageCredentials } from '../settings/storage-credentials';
import { NodeError } from './node-error';

export function s3Bucket(
  storage: Settings['storage'],
  credentials: StorageCredentials | undefined,
): { store: ObjectStore; commitment: Extract<BucketCommitment, { kind: 's3' }> } {
  if (storage.kind !== 's3')
    throw new NodeError(
      'storage-not-configured',
      'Peers on this network cannot read a folder on your disk: set up an S3 or R2 bucket in Settings → Storage.',
    );
  if (!credentials)
    throw new NodeError(
      'storage-not-configured',
      `The bucket ${storage.bucket} has no credentials yet: enter its write and read keys in Settings → Storage.`,
    );
  const location = {
    endpoint: storage.endpoint,
    region: storage.region,
    bucket: storage.bucket,
    forcePathStyle: storage.forcePathStyle,
  };
  return {
    store: new S3Store({
      ...location,
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
      },
    }),
    commitment: {
      kind: 's3',
      ...location,
      readAccessKeyId: credentials.readAccessKeyId,
      readSecretAccessKey: credentials.readSecretAccessKey,
    },
  };
}
