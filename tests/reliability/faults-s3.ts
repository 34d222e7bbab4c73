/**
 * A node's own bucket on the local S3-protocol server (s3rver), with the commitment that tells
 * peers how to read it, as a node on R2 would publish.
 */
import type { BucketCommitment } from '../../electron/core/network/commitment';
import { S3Store } from '../../electron/core/network/s3-store';
import { S3RVER_CREDENTIALS } from '../core/network/s3rver-harness';

export interface S3Location {
  endpoint: string;
  bucket: string;
}

export function s3Bucket(location: S3Location): { store: S3Store; commitment: BucketCommitment } {
  const common = { endpoint: location.endpoint, region: 'us-east-1', bucket: location.bucket };
  return {
    store: new S3Store({ ...common, credentials: S3RVER_CREDENTIALS, forcePathStyle: true }),
    commitment: {
      kind: 's3',
      ...common,
      forcePathStyle: true,
      readAccessKeyId: S3RVER_CREDENTIALS.accessKeyId,
      readSecretAccessKey: S3RVER_CREDENTIALS.secretAccessKey,
    },
  };
}
