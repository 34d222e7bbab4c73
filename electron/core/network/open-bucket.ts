import type { BucketCommitment } from './commitment';
import { NetworkError } from './errors';
import { FsStore } from './fs-store';
import type { ObjectStore } from './object-store';
import type { RetryPolicy } from './retry';
import { S3Store } from './s3-store';

export interface OpenBucketOptions {
  /**
   * Accept folder buckets. Only the embedded devnet, where every node shares this machine's
   * disk, should: a folder named by a remote peer would point into our own filesystem.
   */
  allowFolders?: boolean;
  retry?: RetryPolicy;
}

/** A store for reading a peer's bucket, from the location and read keys it committed. */
export function openBucket(
  location: BucketCommitment,
  options: OpenBucketOptions = {},
): ObjectStore {
  if (location.kind === 'fs') {
    if (!options.allowFolders) {
      throw new NetworkError(
        'rejected',
        `A folder bucket (${location.path}) is only usable on the embedded devnet's own machine.`,
      );
    }
    return new FsStore(location.path);
  }
  return new S3Store({
    ...(location.endpoint ? { endpoint: location.endpoint } : {}),
    region: location.region,
    bucket: location.bucket,
    credentials: {
      accessKeyId: location.readAccessKeyId,
      secretAccessKey: location.readSecretAccessKey,
    },
    forcePathStyle: location.forcePathStyle ?? false,
    ...(options.retry ? { retry: options.retry } : {}),
  });
}
