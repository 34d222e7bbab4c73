import { createHash } from 'node:crypto';

/**
 * Canonical JSON: object keys sorted by UTF-16 code units at every depth, no whitespace, numbers
 * as JSON.stringify writes them. Two parties that hold the same data get the same bytes, so a
 * hash of it can be compared or signed (payload config hashes, the devnet's signed requests and
 * commitments). Refuses what JSON cannot carry faithfully.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Plain objects only: a Date, Map or typed array would otherwise become a record of its
  // enumerable fields, which is not what anyone signing it meant.
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const record = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(
    `canonical JSON cannot hold a ${typeof value === 'object' ? value.constructor.name : typeof value}`,
  );
}

/**
 * The model config hash a payload carries: SHA-256 (lowercase hex) of the canonical JSON of the
 * config (the Hugging Face LlamaConfig fields plus name and tokenizer, as engine/model/config.ts
 * defines it). Peers must train the same architecture for their updates to add up.
 */
export function modelConfigHash(config: object): string {
  return createHash('sha256').update(canonicalJson(config), 'utf8').digest('hex');
}
