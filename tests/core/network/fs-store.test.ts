import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsStore } from '../../../electron/core/network/fs-store';
import { describeObjectStore, rejectsWith } from './object-store-spec';

describeObjectStore('FsStore', async () => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-fs-store-'));
  return {
    store: new FsStore(root),
    close: async () => rmSync(root, { recursive: true, force: true }),
  };
});

describe('FsStore on disk', () => {
  let parent: string;
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  function storeIn(): { store: FsStore; root: string } {
    parent = mkdtempSync(join(tmpdir(), 'tessera-fs-store-'));
    const root = join(parent, 'bucket');
    return { store: new FsStore(root), root };
  }

  it('keeps objects as plain files under the root and leaves no temporary files', async () => {
    const { store, root } = storeIn();
    await store.put('a/b/c.bin', new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(root, 'a', 'b', 'c.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(root, '.tessera-tmp'))).toEqual([]);
  });

  it('never touches a file outside the root, whatever the key', async () => {
    const { store } = storeIn();
    writeFileSync(join(parent, 'secret'), 'keep me');
    for (const key of ['../secret', 'x/../../secret', '/etc/passwd', '..']) {
      await rejectsWith(store.put(key, new Uint8Array([0])), 'invalid');
      await rejectsWith(store.delete(key), 'invalid');
      await rejectsWith(store.get(key, { maxBytes: 100 }), 'invalid');
    }
    expect(readFileSync(join(parent, 'secret'), 'utf8')).toBe('keep me');
  });

  it('does not list a temporary file left by a crash mid-write', async () => {
    const { store, root } = storeIn();
    await store.put('kept', new Uint8Array([1]));
    writeFileSync(join(root, '.tessera-tmp', '123-deadbeef'), 'half a payload');
    expect(await store.list('')).toEqual(['kept']);
  });

  it('refuses, as rejected, a key that would need an object to be a folder', async () => {
    const { store } = storeIn();
    await store.put('a', new Uint8Array([1]));
    await rejectsWith(store.put('a/b', new Uint8Array([2])), 'rejected');
    expect(await store.get('a/b', { maxBytes: 10 })).toBeUndefined();
  });

  it('survives concurrent writes of one key: the result is one of the writes, whole', async () => {
    const { store } = storeIn();
    const versions = Array.from({ length: 8 }, (_, i) => new Uint8Array(64 * 1024).fill(i));
    await Promise.all(versions.map((bytes) => store.put('contended', bytes)));
    const got = await store.get('contended', { maxBytes: 1 << 20 });
    expect(got?.byteLength).toBe(64 * 1024);
    expect(new Set(got)).toHaveProperty('size', 1);
  });
});
