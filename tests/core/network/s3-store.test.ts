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
});
