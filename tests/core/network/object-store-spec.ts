import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError } from '../../../electron/core/network/errors';
import type { ObjectStore } from '../../../electron/core/network/object-store';

/** A store under test and how to dispose of it. */
export interface StoreFixture {
  store: ObjectStore;
  close(): Promise<void>;
}

const MB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);

/** Expects `promise` to reject with a NetworkError of `kind`; returns it. */
export async function rejectsWith(promise: Promise<unknown>, kind: string): Promise<NetworkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetworkError);
  expect((error as NetworkError).kind).toBe(kind);
  expect((error as NetworkError).message).toMatch(/\S.*\.$/);
  return error as NetworkError;
}

/**
 * The behaviour every `ObjectStore` must have, whatever is behind it. Each backend's test file
 * calls this with its own fixture, so the filesystem store and S3 cannot drift apart.
 */
export function describeObjectStore(name: string, open: () => Promise<StoreFixture>): void {
  describe(`${name}: the ObjectStore contract`, () => {
    let fixture: StoreFixture;
    let store: ObjectStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.close();
    });

    it('gives back exactly the bytes that were put, and their size and time in head', async () => {
      const before = Date.now();
      const bytes = randomBytes(1000);
      await store.put('gradient-7-3-v1.safetensors', bytes);

      const got = await store.get('gradient-7-3-v1.safetensors', { maxBytes: 1000 });
      expect(got).toBeInstanceOf(Uint8Array);
      expect(Buffer.from(got!).equals(bytes)).toBe(true);
      const info = await store.head('gradient-7-3-v1.safetensors');
      expect(info?.size).toBe(1000);
      // Stores keep whole seconds (S3's Last-Modified), so allow the start of this second.
      expect(info!.lastModified.getTime()).toBeGreaterThanOrEqual(
        Math.floor(before / 1000) * 1000 - 1000,
      );
      expect(info!.lastModified.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it('replaces an object on a second put', async () => {
      await store.put('peers_4_v1.json', text('old'));
      await store.put('peers_4_v1.json', text('newer'));
      expect(await store.get('peers_4_v1.json', { maxBytes: 100 })).toEqual(text('newer'));
      expect((await store.head('peers_4_v1.json'))?.size).toBe(5);
    });

    it('stores empty objects', async () => {
      await store.put('empty', new Uint8Array(0));
      expect(await store.get('empty', { maxBytes: 0 })).toEqual(new Uint8Array(0));
      expect((await store.head('empty'))?.size).toBe(0);
    });

    it('answers undefined for a missing object, and deleting one is not an error', async () => {
      expect(await store.get('missing/object', { maxBytes: 10 })).toBeUndefined();
      expect(await store.head('missing/object')).toBeUndefined();
      await store.delete('missing/object');
    });

    it('refuses an object over maxBytes with too-large, and takes one exactly at it', async () => {
      await store.put('capped', randomBytes(4096));
      const error = await rejectsWith(store.get('capped', { maxBytes: 4095 }), 'too-large');
      expect(error.message).toContain('4095');
      expect((await store.get('capped', { maxBytes: 4096 }))?.byteLength).toBe(4096);
    });

    it('lists keys by plain string prefix, sorted, across folders', async () => {
      const keys = [
        'list/a/1',
        'list/a/2',
        'list/ab',
        'list/b/c/d',
        'list/checkpoints-3',
        'listing-elsewhere',
      ];
      for (const key of keys) await store.put(key, text(key));

      expect(await store.list('list/')).toEqual(keys.slice(0, 5));
      expect(await store.list('list/a')).toEqual(['list/a/1', 'list/a/2', 'list/ab']);
      expect(await store.list('list/a/')).toEqual(['list/a/1', 'list/a/2']);
      expect(await store.list('list/b/c/d')).toEqual(['list/b/c/d']);
      expect(await store.list('list/nothing')).toEqual([]);
      expect(await store.list('list')).toEqual([...keys.slice(0, 5), 'listing-elsewhere']);
    });

    it('deletes objects, after which they are gone from get, head and list', async () => {
      await store.put('del/x/1', text('1'));
      await store.put('del/x/2', text('2'));
      await store.delete('del/x/1');
      expect(await store.get('del/x/1', { maxBytes: 10 })).toBeUndefined();
      expect(await store.head('del/x/1')).toBeUndefined();
      expect(await store.list('del/')).toEqual(['del/x/2']);
      await store.delete('del/x/2');
      expect(await store.list('del/')).toEqual([]);
      await store.put('del/x/3', text('3')); // the emptied "folder" can be used again
      expect(await store.list('del/')).toEqual(['del/x/3']);
    });

    it('lists many keys (more than one page on S3)', async () => {
      const keys = Array.from({ length: 25 }, (_, i) => `many/${String(i).padStart(3, '0')}`);
      await Promise.all(keys.map((key) => store.put(key, text(key))));
      expect(await store.list('many/')).toEqual(keys);
    });

    it('round-trips a large object', async () => {
      const bytes = randomBytes(24 * MB);
      await store.put('checkpoints/1/40/model.safetensors', bytes);
      expect((await store.head('checkpoints/1/40/model.safetensors'))?.size).toBe(24 * MB);
      const got = await store.get('checkpoints/1/40/model.safetensors', { maxBytes: 32 * MB });
      expect(Buffer.from(got!).equals(bytes)).toBe(true);
      await rejectsWith(
        store.get('checkpoints/1/40/model.safetensors', { maxBytes: 8 * MB }),
        'too-large',
      );
    });

    it.each([
      '',
      '/absolute',
      '../escape',
      'a/../../escape',
      'a/./b',
      'a//b',
      'trailing/',
      'back\\slash',
      'space here',
      'nul\u0000byte',
      '.tessera-tmp/x',
      'x'.repeat(513),
    ])('refuses the key %j everywhere with invalid', async (key) => {
      await rejectsWith(store.put(key, text('x')), 'invalid');
      await rejectsWith(store.get(key, { maxBytes: 10 }), 'invalid');
      await rejectsWith(store.head(key), 'invalid');
      await rejectsWith(store.delete(key), 'invalid');
    });

    it.each(['../', '/x', 'a/../b', 'a b'])('refuses the list prefix %j', async (prefix) => {
      await rejectsWith(store.list(prefix), 'invalid');
    });
  });
}
