import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
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
  /**
   * Give up on one request after this long in all (default 5 min), however steadily it trickles:
   * a window's upload deadline is minutes, not hours.
   */
  requestTimeoutMs?: number;
  /** Objects from this size up are uploaded in parts (default 64 MiB). */
  multipartThresholdBytes?: number;
  /** Bytes per part (default 16 MiB; S3 and R2 refuse parts under 5 MiB but the last). */
  partBytes?: number;
  retry?: RetryPolicy;
  /** Keys per list request (default and S3's maximum: 1000). */
  listPageSize?: number;
}

/**
 * An `ObjectStore` on any S3-protocol service: Cloudflare R2 (what Templar used), AWS S3, MinIO.
 * Each call is retried with backoff when the service is unreachable, slow or failing (5xx, 429);
 * the SDK's own retries are off so the attempts are counted here and reported in the error.
 *
 * Large puts go in parts (`multipartThresholdBytes`), each part retried alone; every request has
 * an overall time limit besides the connection's idle limit. Checksums are only sent when an operation requires them, because R2, MinIO
 * and older servers reject the SDK's newer default trailing checksums.
 */
export class S3Store implements ObjectStore {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly retry: RetryPolicy;
  private readonly listPageSize: number;
  private readonly requestTimeoutMs: number;
  private readonly multipartThreshold: number;
  private readonly partBytes: number;

  constructor(options: S3StoreOptions) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 300_000;
    this.partBytes = Math.max(MIN_PART_BYTES, options.partBytes ?? 16 * MIB);
    this.multipartThreshold = Math.max(this.partBytes, options.multipartThresholdBytes ?? 64 * MIB);
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

  /**
   * Writes the object; from `multipartThresholdBytes` up in parts, each retried on its own, so a
   * dropped connection costs one part rather than the whole payload. `onProgress` hears the bytes
   * stored so far after each request.
   */
  async put(key: string, bytes: Uint8Array, options: PutOptions = {}): Promise<void> {
    checkObjectKey(key);
    if (bytes.byteLength >= this.multipartThreshold) {
      await this.putInParts(key, bytes, options);
    } else {
      await this.attempt('write', key, (abortSignal) =>
        this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: key,
            Body: bytes,
            ContentLength: bytes.byteLength,
            ContentType: 'application/octet-stream',
          }),
          { abortSignal },
        ),
      );
    }
    options.onProgress?.(bytes.byteLength, bytes.byteLength);
  }

  private async putInParts(key: string, bytes: Uint8Array, options: PutOptions): Promise<void> {
    const created = await this.attempt('start writing', key, (abortSignal) =>
      this.client.send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          ContentType: 'application/octet-stream',
        }),
        { abortSignal },
      ),
    );
    const uploadId = created.UploadId;
    if (!uploadId) {
      throw new NetworkError(
        'invalid',
        `${this.location} started an upload of ${key} without an id.`,
      );
    }
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      for (let offset = 0; offset < bytes.byteLength; offset += this.partBytes) {
        const body = bytes.subarray(offset, offset + this.partBytes);
        const PartNumber = parts.length + 1;
        const uploaded = await this.attempt(`write part ${PartNumber} of`, key, (abortSignal) =>
          this.client.send(
            new UploadPartCommand({
              Bucket: this.bucket,
              Key: key,
              UploadId: uploadId,
              PartNumber,
              Body: body,
              ContentLength: body.byteLength,
            }),
            { abortSignal },
          ),
        );
        if (!uploaded.ETag) {
          throw new NetworkError(
            'invalid',
            `${this.location} stored part ${PartNumber} of ${key} without an ETag.`,
          );
        }
        parts.push({ ETag: uploaded.ETag, PartNumber });
        if (offset + body.byteLength < bytes.byteLength) {
          options.onProgress?.(offset + body.byteLength, bytes.byteLength);
        }
      }
      await this.attempt('finish writing', key, (abortSignal) =>
        this.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
          }),
          { abortSignal },
        ),
      );
    } catch (error) {
      // Unfinished parts are billed until removed; the error that stopped us is what matters.
      await this.client
        .send(
          new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }),
        )
        .catch(() => {});
      throw error;
    }
  }

  async get(key: string, options: GetOptions): Promise<Uint8Array | undefined> {
    checkObjectKey(key);
    return this.attempt('read', key, async (abortSignal) => {
      let response: GetObjectCommandOutput;
      try {
        response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
          abortSignal,
        });
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
    return this.attempt('read', key, async (abortSignal) => {
      try {
        const response = await this.client.send(
          new HeadObjectCommand({ Bucket: this.bucket, Key: key }),
          { abortSignal },
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
      const page = await this.attempt('list', prefix, (abortSignal) =>
        this.client.send(
          new ListObjectsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            MaxKeys: this.listPageSize,
            ...(marker ? { Marker: marker } : {}),
          }),
          { abortSignal },
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
    await this.attempt('delete', key, async (abortSignal) => {
      try {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), {
          abortSignal,
        });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    });
  }

  /** Closes the connections this store holds open. */
  close(): void {
    this.client.destroy();
  }

  /** One request, retried on transient failures, each try cut off after `requestTimeoutMs`. */
  private attempt<T>(
    action: string,
    key: string,
    call: (abortSignal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return withRetries(this.retry, async () => {
      const signal = AbortSignal.timeout(this.requestTimeoutMs);
      try {
        return await call(signal);
      } catch (error) {
        if (signal.aborted) {
          throw new NetworkError(
            'timeout',
            `Could not ${action} ${key} in ${this.location}: no complete answer within ${this.requestTimeoutMs / 1000} s.`,
          );
        }
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

const MIB = 1024 * 1024;
/** The smallest part S3 (and R2) accept, except for an upload's last. */
const MIN_PART_BYTES = 5 * MIB;

export interface PutOptions {
  /** Bytes stored so far and in all, after each request of the upload. */
  onProgress?: (storedBytes: number, totalBytes: number) => void;
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
