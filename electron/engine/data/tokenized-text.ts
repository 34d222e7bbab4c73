import { join } from 'node:path';
import type { CorpusSplit } from './corpus';
import { readTokenCacheFile, writeTokenCacheFile } from './token-cache-file';
import type { Tokenizer } from './tokenizer';

/** Where a token stream came from this time: useful in logs, and how tests see the cache work. */
export type TokenSource = 'memory' | 'disk-cache' | 'encoded';

export interface TokenizedText {
  /** Shared between callers: treat as read-only. */
  readonly tokens: Int32Array;
  readonly source: TokenSource;
}

// A process trains one model on one corpus; a few entries cover train + held-out + a test or two
// without holding every text ever tokenized.
const MEMORY_ENTRIES = 8;
const inMemory = new Map<string, Int32Array>();

export function tokenCacheFileName(tokenizer: Tokenizer, textSha256: string): string {
  return `${tokenizer.id}-${textSha256}.tokens`;
}

/**
 * The tokens of `split`, from this process's memory, else from `cacheDir` (tokenizers with
 * `cacheOnDisk` only), else by encoding, which then fills both caches.
 */
export function tokenizeSplit(
  split: CorpusSplit,
  tokenizer: Tokenizer,
  cacheDir?: string,
): TokenizedText {
  const key = `${tokenizer.id}:${split.sha256}`;
  const remembered = inMemory.get(key);
  if (remembered) return { tokens: remembered, source: 'memory' };

  const cachePath =
    cacheDir && tokenizer.cacheOnDisk
      ? join(cacheDir, tokenCacheFileName(tokenizer, split.sha256))
      : undefined;
  let tokens = cachePath ? readTokenCacheFile(cachePath) : null;
  const source: TokenSource = tokens ? 'disk-cache' : 'encoded';
  if (!tokens) {
    tokens = tokenizer.encode(split.text);
    if (cachePath) writeTokenCacheFile(cachePath, tokens);
  }
  remember(key, tokens);
  return { tokens, source };
}

function remember(key: string, tokens: Int32Array): void {
  inMemory.set(key, tokens);
  if (inMemory.size > MEMORY_ENTRIES) {
    const oldest = inMemory.keys().next().value;
    if (oldest !== undefined) inMemory.delete(oldest);
  }
}
