import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import { DataError } from './errors';

/*
 * On-disk token cache, one file per (tokenizer id, text sha256):
 *   bytes 0..7   magic "TSTOKv1\n"
 *   bytes 8..11  token count, uint32 little-endian
 *   bytes 12..15 zero
 *   bytes 16..   the tokens, int32 little-endian
 * Written to a temporary file, fsynced, then renamed over the target, so a crash or a second
 * process writing the same cache never leaves a half-written file under the final name.
 */
const MAGIC = Buffer.from('TSTOKv1\n', 'ascii');
const HEADER_BYTES = 16;
const littleEndianHost = endianness() === 'LE';

/** The cached tokens, or null when the file is absent or not a cache file this version wrote. */
export function readTokenCacheFile(path: string): Int32Array | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  if (file.length < HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const count = file.readUInt32LE(8);
  if (file.length !== HEADER_BYTES + count * 4) return null;
  // Copy into a fresh, aligned buffer: a Buffer from readFileSync may sit at any offset of a pool.
  const body = Buffer.from(file.subarray(HEADER_BYTES));
  if (!littleEndianHost) body.swap32();
  return new Int32Array(body.buffer, body.byteOffset, count);
}

export function writeTokenCacheFile(path: string, tokens: Int32Array): void {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(tokens.length, 8);
  const body = Buffer.from(tokens.buffer, tokens.byteOffset, tokens.byteLength);
  const bodyLE = littleEndianHost ? body : Buffer.from(body).swap32();
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temp, 'w');
    try {
      writeAll(fd, header);
      writeAll(fd, bodyLE);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    syncDirectory(dirname(path));
  } catch (cause) {
    removeQuietly(temp);
    throw new DataError(
      'cache-write-failed',
      `The token cache ${path} could not be written (${(cause as Error).message}).`,
    );
  }
}

// Cleanup after a failed write must not hide the error that made it fail.
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The temporary file never got created, or its directory is unusable.
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written);
}

// Makes the rename itself durable on POSIX; Windows cannot open a directory, and NTFS journals it.
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort: the file's own fsync already happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
