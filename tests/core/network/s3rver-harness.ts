import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store, type S3StoreOptions } from '../../../electron/core/network/s3-store';

/** The slice of s3rver's API the tests use (the package ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

/** s3rver accepts any well-formed signature made with these. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3-protocol server on 127.0.0.1, storing into a temporary folder. `stop` and `start`
 * take it down and bring it back on the same port with the same objects, as an outage would.
 */
export class LocalS3 {
  readonly directory = mkdtempSync(join(tmpdir(), 'tessera-s3rver-'));
  port = 0;
  private server: S3rverInstance | undefined;

  constructor(readonly bucket = 'gradients') {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new S3rver({
      address: '127.0.0.1',
      port: this.port,
      silent: true,
      directory: this.directory,
      configureBuckets: [{ name: this.bucket }],
    });
    this.port = (await server.run()).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }

  store(options: Partial<S3StoreOptions> = {}): S3Store {
    return new S3Store({
      endpoint: this.endpoint,
      region: 'us-east-1',
      bucket: this.bucket,
      credentials: S3RVER_CREDENTIALS,
      forcePathStyle: true,
      ...options,
    });
  }
}
