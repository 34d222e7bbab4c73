import { NetworkError } from './errors';

/** Longer than any key the protocol writes; S3 itself allows 1024 bytes. */
export const MAX_KEY_LENGTH = 512;

/**
 * Keys starting with this are the stores' own bookkeeping (the filesystem store's temporary
 * files), never objects.
 */
export const RESERVED_KEY_PREFIX = '.tessera';

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const PREFIX_CHARS = /^[A-Za-z0-9._/-]*$/;

/**
 * The object keys every store accepts: `/`-separated segments of letters, digits, `.`, `_` and
 * `-`, with no empty, `.` or `..` segment. That is enough for every name the protocol uses
 * (`gradient-12-3-v1.safetensors`, `checkpoints/1/40/model.safetensors`) and makes path traversal
 * on the filesystem store impossible by construction. Returns the key's segments.
 */
export function checkObjectKey(key: string): string[] {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw invalid(key, `keys are 1 to ${MAX_KEY_LENGTH} characters long`);
  }
  if (key.startsWith(RESERVED_KEY_PREFIX)) {
    throw invalid(key, `keys starting with '${RESERVED_KEY_PREFIX}' are reserved`);
  }
  const segments = key.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || !SEGMENT.test(segment)) {
      throw invalid(
        key,
        'keys are /-separated names of letters, digits, ".", "_" and "-", with no empty, "." or ".." part',
      );
    }
  }
  return segments;
}

/** A listing prefix: the same characters as keys, possibly ending mid-segment or with `/`. */
export function checkKeyPrefix(prefix: string): void {
  if (typeof prefix !== 'string' || prefix.length > MAX_KEY_LENGTH || !PREFIX_CHARS.test(prefix)) {
    throw invalid(prefix, 'prefixes use only letters, digits, ".", "_", "-" and "/"');
  }
  const segments = prefix.split('/');
  if (
    prefix.startsWith('/') ||
    segments.slice(0, -1).some((s) => s === '' || s === '.' || s === '..')
  ) {
    throw invalid(prefix, 'prefixes may not start with "/" or contain empty, "." or ".." parts');
  }
}

function invalid(key: unknown, rule: string): NetworkError {
  const shown = typeof key === 'string' ? JSON.stringify(key.slice(0, 80)) : String(key);
  return new NetworkError('invalid', `Object key ${shown} is not allowed: ${rule}.`);
}
