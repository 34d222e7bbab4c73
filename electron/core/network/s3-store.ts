import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { readCapped } from './capped-read';
import { NetworkError, type NetworkErrorKind } from './errors';
import { checkKeyPrefix, checkObjectKey } from './object-key';
import type { GetOptions, ObjectInfo, ObjectStore } from './object-store';
import { DEFAULT_RETRY, type RetryPolicy, withRetries } from './retry';

export interface S3StoreOptions {
  /** e.g. `https://<account>.r2.cloudflarestorage.com`, `http://127.0.0.1:9000`; omit for AWS. */
  endpoint?: string;
  /** `auto` on R2, the bucket's region on AWS, anything on MinIO. */
  region: string;
  bucket: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** `bucket` in the path instead of the host name: MinIO and most self-hosted servers need it. */
  forcePathStyle?: boolean;
  /** Give up on a connection attempt after this long (default 5 s). */
  connectTimeoutMs?: number;
  /** Give up when a connection stays silent this long mid-request (default 30 s). */
  idleTimeoutMs?: number;
  retry?: RetryPolicy;
  /** Keys per list request (default and S3's maximum: 1000). */
  listPageSize?: number;
}

/**
 * An `ObjectStore` on any S3-protocol service: Cloudflare R2 (what Templar used), AWS S3, MinIO.
 * Each call is retried with backoff when the service is unreachable, slow or failing (5xx, 429);
 * the SDK's own retries are off so the attempts are counted here and reported in the error.
 *
 * Puts are single requests (S3 takes up to 5 GiB that way); multipart upload can come when
 * payloads need it. Checksums are only sent when an operation requires them, because R2, MinIO
 * and older servers reject the SDK's newer default trailing checksums.
 */
export class S3Store implements ObjectStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly retry: RetryPolicy;
  private readonly listPageSize: number;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.listPageSize = Math.min(1000, Math.max(1, options.listPageSize ?? 1000));
    this.location = `s3://${options.bucket}${options.endpoint ? ` at ${options.endpoint}` : ''}`;
    this.client = new S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region,
      credentials: options.credentials,
      forcePathStyle: options.forcePathStyle ?? false,
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: {
        connectionTimeout: options.connectTimeoutMs ?? 5_000,
        socketTimeout: options.idleTimeoutMs ?? 30_000,
      },
    });
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    checkObjectKey(key);
    await this.attempt('write', key, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.byteLength,
          ContentType: 'application/octet-stream',
        }),
      ),
    );
  }

  async get(key: string, options: GetOptions): Promise<Uint8Array | undefined> {
    checkObjectKey(key);
    return this.attempt('read', key, async () => {
      let response: GetObjectCommandOutput;
      try {
        response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
      const body = response.Body as (AsyncIterable<Uint8Array> & { destroy?(): void }) | undefined;
      if (body === undefined) return new Uint8Array(0);
      try {
        return await readCapped(body, options.maxBytes, `Object ${key}`, response.ContentLength);
      } finally {
        body.destroy?.(); // frees the socket when the cap stopped the read early
      }
    });
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    checkObjectKey(key);
    return this.attempt('read', key, async () => {
      try {
        const response = await this.client.send(
          new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
        );
        return {
          size: response.ContentLength ?? 0,
          lastModified: response.LastModified ?? new Date(0),
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  async list(prefix: string): Promise<string[]> {
    checkKeyPrefix(prefix);
    const keys: string[] = [];
    // ListObjects (v1) paged by marker = last key seen: every S3 service answers it the same way,
    // while v2 continuation tokens are opaque per service (s3rver's cannot even be made on
    // OpenSSL 3).
    let marker: string | undefined;
    for (;;) {
      const page = await this.attempt('list', prefix, () =>
        this.client.send(
          new ListObjectsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            MaxKeys: this.listPageSize,
            ...(marker ? { Marker: marker } : {}),
          }),
        ),
      );
      const pageKeys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
      keys.push(...pageKeys);
      if (!page.IsTruncated || pageKeys.length === 0) break;
      marker = pageKeys[pageKeys.length - 1];
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    checkObjectKey(key);
    await this.attempt('delete', key, async () => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }

  /** Closes the connections this store holds open. */
  close(): void {
    this.client.destroy();
  }

  private attempt<T>(action: string, key: string, call: () => Promise<T>): Promise<T> {
    return withRetries(this.retry, async () => {
      try {
        return await call();
      } catch (error) {
        throw this.failure(action, key, error);
      }
    });
  }

  private failure(action: string, key: string, error: unknown): NetworkError {
    if (error instanceof NetworkError) return error;
    const { kind, reason } = classify(error);
    // No `cause`: the SDK's error holds the whole HTTP response, which floods logs; the reason
    // above is what a person needs.
    return new NetworkError(kind, `Could not ${action} ${key} in ${this.location}: ${reason}.`);
  }
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function isNotFound(error: unknown): boolean {
  const e = error as SdkError;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Which failures are worth a retry: no answer, a slow answer, or the server's own trouble. */
function classify(error: unknown): { kind: NetworkErrorKind; reason: string } {
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const reason = (e.message || e.name || String(error)).replace(/\.$/, '');
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || e.code === 'ETIMEDOUT') {
    return { kind: 'timeout', reason: `no answer in time (${reason})` };
  }
  if (status === undefined)
    return { kind: 'unavailable', reason: `service unreachable (${reason})` };
  if (status >= 500 || status === 429 || e.name === 'SlowDown') {
    return { kind: 'unavailable', reason: `service error ${status} (${reason})` };
  }
  if (status === 401 || status === 403) {
    return { kind: 'rejected', reason: `access denied, check the credentials (${reason})` };
  }
  if (e.name === 'NoSuchBucket') return { kind: 'rejected', reason: 'the bucket does not exist' };
  return { kind: 'rejected', reason: `refused with status ${status} (${reason})` };
}
