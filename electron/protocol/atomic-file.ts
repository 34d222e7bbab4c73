import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/*
 * Durable file writes. Checkpoints, payloads, keys and chain state must never be left half
 * written, whichever process writes them, so every layer uses this one module.
 */

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old file or the new
 * one: write a temporary file beside it, fsync it, rename it over the target, fsync the directory
 * so the rename itself survives power loss.
 */
export async function writeFileAtomic(path: string, data: Uint8Array, mode = 0o600): Promise<void> {
  const temp = await writeTemporary(path, data, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
  await removeOrphanedTemporaries(path);
}

/**
 * Like `writeFileAtomic`, but never replaces an existing file: it fails with code EEXIST instead,
 * even when another process creates `path` at the same moment. The complete temporary file is
 * hard-linked to the target, which the OS refuses atomically when the name is taken.
 */
export async function createFileAtomic(
  path: string,
  data: Uint8Array,
  mode = 0o600,
): Promise<void> {
  const temp = await writeTemporary(path, data, mode);
  try {
    await linkOrRename(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  await syncDirectory(dirname(path));
  await removeOrphanedTemporaries(path);
}

/** Creates `path` and any missing parents with `mode` (owner-only by default), durably. */
export async function makeDirectory(path: string, mode = 0o700): Promise<void> {
  const first = await mkdir(path, { recursive: true, mode });
  // mkdir returns the top-most folder it created; its parent's entry must reach the disk too.
  if (first !== undefined) await syncDirectory(dirname(first));
}

const temporaryName = (path: string, pid: number) =>
  `.${basename(path)}.${pid}.${randomBytes(4).toString('hex')}.tmp`;

async function writeTemporary(path: string, data: Uint8Array, mode: number): Promise<string> {
  const temp = join(dirname(path), temporaryName(path, process.pid));
  const file = await open(temp, 'wx', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(temp, { force: true });
    throw error;
  }
  await file.close();
  return temp;
}

/** File systems without hard links (FAT on a USB stick) get a check-then-rename instead. */
async function linkOrRename(temp: string, path: string): Promise<void> {
  try {
    await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
    if (await exists(path)) {
      throw Object.assign(new Error(`EEXIST: file already exists, '${path}'`), { code: 'EEXIST' });
    }
    await rename(temp, path);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** fsync of a folder, so a rename or new entry in it survives power loss. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * A writer killed between writing and renaming leaves its temporary file behind (a checkpoint's
 * is megabytes). Readers never look at them; the next writer of the same file removes those whose
 * process is gone. Another live writer's file is left alone.
 */
async function removeOrphanedTemporaries(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(/^\.(?:.*)\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    await rm(join(dirname(path), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
