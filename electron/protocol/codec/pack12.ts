/**
 * 12-bit index packing, two indices per 3 bytes, bit for bit as Templar's `pack_12bit_indices`:
 *
 *   byte 0 = a & 0xff
 *   byte 1 = (a >> 8) & 0x0f  |  (b & 0x0f) << 4
 *   byte 2 = (b >> 4) & 0xff
 *
 * for each pair (a, b) in order. An odd count ends with a pair whose b is 0 (Templar requires an
 * even count; only one-entry chunks produce odd counts here); receivers insist those bits are 0.
 */
export const packedIndexBytes = (count: number): number => 3 * Math.ceil(count / 2);

export function packIndices(indices: Uint16Array, count: number, out: Uint8Array, outAt = 0): void {
  let o = outAt;
  for (let i = 0; i < count; i += 2) {
    const a = indices[i]!;
    const b = i + 1 < count ? indices[i + 1]! : 0;
    out[o] = a & 0xff;
    out[o + 1] = ((a >> 8) & 0x0f) | ((b & 0x0f) << 4);
    out[o + 2] = (b >> 4) & 0xff;
    o += 3;
  }
}

/**
 * Unpacks `count` indices from bytes[at ..]. Returns false, leaving `out` partly written, when the
 * padding of an odd count is not zero.
 */
export function unpackIndices(
  bytes: Uint8Array,
  at: number,
  count: number,
  out: Uint16Array,
): boolean {
  let o = at;
  const pairs = count >> 1;
  for (let p = 0; p < pairs; p++) {
    const b0 = bytes[o]!;
    const b1 = bytes[o + 1]!;
    const b2 = bytes[o + 2]!;
    out[2 * p] = b0 | ((b1 & 0x0f) << 8);
    out[2 * p + 1] = (b1 >> 4) | (b2 << 4);
    o += 3;
  }
  if (count & 1) {
    const b1 = bytes[o + 1]!;
    if (b1 >> 4 !== 0 || bytes[o + 2] !== 0) return false;
    out[count - 1] = bytes[o]! | ((b1 & 0x0f) << 8);
  }
  return true;
}
