import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { syncDirectory } from '../../protocol/atomic-file';
import { readCapped } from './capped-read';
import { NetworkError } from './errors';
import { checkKeyPrefix, checkObjectKey, RESERVED_KEY_PREFIX } from './object-key';
import type { GetOptions, ObjectInfo, ObjectStore } from './object-store';

/** Where unfinished writes wait; a reserved key prefix, so it never shows up as an object. */
const TEMP_FOLDER = `${RESERVED_KEY_PREFIX}-tmp`;

/**
 * The embedded devnet's object store: one folder, one file per object, `/` in keys as
 * subfolders. Writes go to a temporary file that is fsynced and then renamed over the target, so
 * a reader (or a crash) sees the old object or the new one, never half of one.
 *
 * Unlike S3, a key cannot be both an object and a folder (`a` and `a/b`); writing the second
 * fails with 'rejected'. The protocol's names never do this.
 */
export class FsStore implements ObjectStore {
  readonly root: string;
  readonly location: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.location = `folder ${this.root}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    const tempDir = join(this.root, TEMP_FOLDER);
    const temp = join(tempDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
    try {
      await mkdir(tempDir, { recursive: true });
      const file = await open(temp, 'wx', 0o644);
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      // A concurrent delete may remove the (empty) parent folder between mkdir and rename.
      for (let attempt = 1; ; attempt++) {
        await mkdir(dirname(path), { recursive: true });
        try {
          await rename(temp, path);
          break;
        } catch (error) {
          if (codeOf(error) !== 'ENOENT' || attempt >= 3) throw error;
        }
      }
      await syncDirectory(dirname(path));
    } catch (error) {
      await rm(temp, { force: true });
      throw this.failure('write', key, error);
    }
  }

  async get(key: string, options: GetOptions): Promise<Uint8Array | undefined> {
    const path = this.pathOf(key);
    let file: FileHandle;
    try {
      file = await open(path, 'r');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw this.failure('read', key, error);
    }
    try {
      const info = await file.stat();
      if (!info.isFile()) return undefined;
      return await readCapped(chunksOf(file), options.maxBytes, `Object ${key}`, info.size);
    } catch (error) {
      if (error instanceof NetworkError) throw error;
      if (isMissing(error)) return undefined;
      throw this.failure('read', key, error);
    } finally {
      await file.close();
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const path = this.pathOf(key);
    try {
      const info = await stat(path);
      return info.isFile() ? { size: info.size, lastModified: info.mtime } : undefined;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw this.failure('read', key, error);
    }
  }

  async list(prefix: string): Promise<string[]> {
    checkKeyPrefix(prefix);
    // Only the folder the prefix names needs walking: 'checkpoints/1/4' starts in checkpoints/1.
    const folderPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const keys: string[] = [];
    try {
      await this.walk(join(this.root, ...folderPart.split('/').filter(Boolean)), prefix, keys);
    } catch (error) {
      throw this.failure('list', prefix, error);
    }
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    try {
      const info = await stat(path).catch((error) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
      if (!info?.isFile()) return;
      await rm(path, { force: true });
      await this.removeEmptyFolders(dirname(path));
    } catch (error) {
      throw this.failure('delete', key, error);
    }
  }

  /** The file of `key`, which `checkObjectKey` guarantees stays inside the root. */
  private pathOf(key: string): string {
    const path = join(this.root, ...checkObjectKey(key));
    const inside = relative(this.root, path);
    if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
      throw new NetworkError('invalid', `Object key ${JSON.stringify(key)} leaves the store.`);
    }
    return path;
  }

  private async walk(folder: string, prefix: string, keys: string[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const key = relative(this.root, path).split(sep).join('/');
      if (key.startsWith(RESERVED_KEY_PREFIX)) continue;
      if (entry.isDirectory()) {
        // Descend only where keys can still match the prefix.
        if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`)) {
          await this.walk(path, prefix, keys);
        }
      } else if (entry.isFile() && key.startsWith(prefix)) {
        keys.push(key);
      }
    }
  }

  /** Folders exist only to hold objects; like S3 prefixes, they vanish with their last object. */
  private async removeEmptyFolders(folder: string): Promise<void> {
    let current = folder;
    while (current !== this.root && current.startsWith(this.root + sep)) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
      current = dirname(current);
    }
  }

  private failure(action: string, key: string, error: unknown): NetworkError {
    if (error instanceof NetworkError) return error;
    const code = codeOf(error);
    const reason = error instanceof Error ? error.message : String(error);
    const kind =
      code === 'EACCES' ||
      code === 'EPERM' ||
      code === 'ENOTDIR' ||
      code === 'EISDIR' ||
      code === 'EEXIST'
        ? 'rejected'
        : 'unavailable';
    return new NetworkError(kind, `Could not ${action} ${key} in ${this.location}: ${reason}.`, 1, {
      cause: error,
    });
  }
}

/** The file's bytes in 1 MiB pieces, read until its end (which may be past the size first seen). */
async function* chunksOf(file: FileHandle): AsyncGenerator<Uint8Array> {
  for (;;) {
    const chunk = new Uint8Array(1 << 20);
    const { bytesRead } = await file.read(chunk, 0, chunk.byteLength, null);
    if (bytesRead === 0) return;
    yield chunk.subarray(0, bytesRead);
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

function isMissing(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
