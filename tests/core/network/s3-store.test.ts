import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeObjectStore, rejectsWith } from './object-store-spec';
import { LocalS3 } from './s3rver-harness';

const FAST_RETRY = { attempts: 3, baseDelayMs: 20, maxDelayMs: 40 };

describeObjectStore('S3Store on s3rver', async () => {
  const s3 = new LocalS3();
  await s3.start();
  // A small page size makes `list` walk several continuation tokens.
  const store = s3.store({ listPageSize: 7 });
  return {
    store,
    close: async () => {
      store.close();
      await s3.dispose();
    },
  };
});

describe('S3Store when storage misbehaves', () => {
  const s3 = new LocalS3();
  beforeAll(() => s3.start());
  afterAll(() => s3.dispose());

  it('reports an unreachable server as unavailable after retrying, and works again once it is back', async () => {
    const store = s3.store({ retry: FAST_RETRY });
    await store.put('before-outage', new Uint8Array([1, 2, 3]));

    await s3.stop();
    const putError = await rejectsWith(
      store.put('during-outage', new Uint8Array([4])),
      'unavailable',
    );
    expect(putError.attempts).toBe(3);
    expect(putError.message).toContain('after 3 attempts');
    const getError = await rejectsWith(store.get('before-outage', { maxBytes: 10 }), 'unavailable');
    expect(getError.attempts).toBe(3);
    await rejectsWith(store.list(''), 'unavailable');

    await s3.start();
    expect(await store.get('before-outage', { maxBytes: 10 })).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.head('during-outage')).toBeUndefined();
    store.close();
  });

  it('refuses wrong credentials as rejected, without retrying', async () => {
    const store = s3.store({
      retry: FAST_RETRY,
      credentials: { accessKeyId: 'NOT-A-KEY', secretAccessKey: 'wrong' },
    });
    const error = await rejectsWith(store.put('x', new Uint8Array([1])), 'rejected');
    expect(error.attempts).toBe(1);
    store.close();
  });

  it('refuses a bucket that does not exist as rejected', async () => {
    const store = s3.store({ retry: FAST_RETRY, bucket: 'no-such-bucket' });
    const error = await rejectsWith(store.put('x', new Uint8Array([1])), 'rejected');
    expect(error.attempts).toBe(1);
    store.close();
  });
});

describe('S3Store with large payloads', () => {
  const s3 = new LocalS3();
  beforeAll(() => s3.start());
  afterAll(() => s3.dispose());

  it('uploads in parts above the threshold, reporting progress, and reads the object back whole', async () => {
    const mib = 1024 * 1024;
    const store = s3.store({ multipartThresholdBytes: 6 * mib, partBytes: 5 * mib });
    const bytes = new Uint8Array(11 * mib + 123);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = (i / 4096) % 251;
    const progress: [number, number][] = [];
    await store.put('checkpoints/1/model.safetensors', bytes, {
      onProgress: (stored, total) => progress.push([stored, total]),
    });
    expect(progress).toEqual([
      [5 * mib, bytes.length],
      [10 * mib, bytes.length],
      [bytes.length, bytes.length],
    ]);
    expect((await store.head('checkpoints/1/model.safetensors'))?.size).toBe(bytes.length);
    const back = await store.get('checkpoints/1/model.safetensors', { maxBytes: bytes.length });
    expect(back && Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);

    const error = await rejectsWith(
      store.get('checkpoints/1/model.safetensors', { maxBytes: 10 * mib }),
      'too-large',
    );
    expect(error.message).toContain(`${10 * mib}-byte limit`);
    store.close();
  });

  it('reports a single put once, when it is stored', async () => {
    const store = s3.store();
    const progress: number[] = [];
    await store.put('small', new Uint8Array(10), { onProgress: (stored) => progress.push(stored) });
    expect(progress).toEqual([10]);
    store.close();
  });
});

describe('S3Store against a server that never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket)); // accepts, then stays silent
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on each attempt after the idle timeout and reports timeout', async () => {
    const s3 = new LocalS3();
    s3.port = port;
    const store = s3.store({ retry: FAST_RETRY, idleTimeoutMs: 150 });
    const started = Date.now();
    const error = await rejectsWith(store.head('anything'), 'timeout');
    expect(error.attempts).toBe(3);
    expect(Date.now() - started).toBeLessThan(5_000);
    store.close();
    await s3.dispose();
  });

  it('gives up on a request that outlasts its overall limit, even while the socket is open', async () => {
    const s3 = new LocalS3();
    s3.port = port;
    const store = s3.store({ retry: FAST_RETRY, idleTimeoutMs: 60_000, requestTimeoutMs: 200 });
    const error = await rejectsWith(store.get('anything', { maxBytes: 10 }), 'timeout');
    expect(error.message).toContain('within 0.2 s');
    expect(error.attempts).toBe(3);
    store.close();
    await s3.dispose();
  });
});
