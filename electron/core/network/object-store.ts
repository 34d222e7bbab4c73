/** What `head` says about a stored object. */
export interface ObjectInfo {
  size: number;
  /** When the object was last written, as the store's clock saw it (used for upload deadlines). */
  lastModified: Date;
}

export interface GetOptions {
  /**
   * Refuse objects larger than this many bytes, checked before and while streaming so that a
   * hostile peer cannot make us buffer more. Required: everything read from a peer's bucket is
   * untrusted.
   */
  maxBytes: number;
}

/**
 * A bucket of objects by key: a miner's gradient bucket, a validator's checkpoint bucket. Keys are
 * restricted to `object-key.ts`'s rules on every backend, so a key that works on the embedded
 * filesystem store works on R2 too. Failures are `NetworkError`s; a missing object is `undefined`,
 * not an error, because gathering peers expects some to be missing.
 */
export interface ObjectStore {
  /** Where the objects live, for logs and messages ("folder /…", "s3://bucket at https://…"). */
  readonly location: string;
  /** Writes the object whole, replacing any previous one; readers never see a partial object. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The object's bytes, or undefined when there is none. Over `maxBytes`: 'too-large'. */
  get(key: string, options: GetOptions): Promise<Uint8Array | undefined>;
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every key that starts with `prefix` (a plain string prefix, as on S3), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes the object; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>;
}
