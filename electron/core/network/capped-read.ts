import { NetworkError } from './errors';

/**
 * Collects a byte stream into one array, failing with 'too-large' as soon as it passes `maxBytes`
 * rather than after buffering it all. `expectedSize`, when the source announced one, lets the
 * result be allocated once.
 */
export async function readCapped(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
  what: string,
  expectedSize?: number,
): Promise<Uint8Array> {
  if (expectedSize !== undefined && expectedSize > maxBytes) throw tooLarge(what, maxBytes);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(what, maxBytes);
    parts.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

export function tooLarge(what: string, maxBytes: number): NetworkError {
  return new NetworkError('too-large', `${what} is larger than the ${maxBytes}-byte limit.`);
}
