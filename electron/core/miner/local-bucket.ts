/**
 * A node's own bucket on the embedded devnet: a folder under the data directory, published as an
 * `fs` commitment. Folder buckets are only readable by nodes on the same machine, which is what
 * the embedded devnet is.
 */
import { join } from 'node:path';
import type { BucketCommitment } from '../network/commitment';
import { FsStore } from '../network/fs-store';
import type { ObjectStore } from '../network/object-store';

export function localBucket(
  root: string,
  hotkey: string,
): { store: ObjectStore; commitment: BucketCommitment } {
  const store = new FsStore(join(root, hotkey));
  return { store, commitment: { kind: 'fs', path: store.root } };
}

/** Folder buckets are safe to read only when the chain runs on this machine. */
export function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}
