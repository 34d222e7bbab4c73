/**
 * One exact text for a JSON value: object keys sorted by code unit, no whitespace, numbers as
 * JavaScript prints them. Signatures are made over this text, so a client and the coordinator
 * agree on the bytes whatever order the fields were built in. Refuses what JSON cannot carry
 * (undefined, NaN, Infinity, bigint, functions) instead of silently dropping it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`a ${typeof value} has no JSON form`);
}
