/**
 * 2-bit value codes packed four per byte, first code in the lowest bits: code j sits in byte
 * j >> 2 at bits 2 * (j & 3) .. 2 * (j & 3) + 1. (Templar stores one code per uint8; packing makes
 * the "2-bit" of the Covenant-72B figures true on the wire.) Unused high bits of the last byte
 * are 0, and receivers insist on it.
 */
export const packedValueBytes = (count: number): number => Math.ceil(count / 4);

export function packCodes(codes: Uint8Array, count: number, out: Uint8Array, outAt = 0): void {
  const whole = count >> 2;
  for (let b = 0; b < whole; b++) {
    const j = b << 2;
    out[outAt + b] = codes[j]! | (codes[j + 1]! << 2) | (codes[j + 2]! << 4) | (codes[j + 3]! << 6);
  }
  if (count & 3) {
    let last = 0;
    for (let j = whole << 2, shift = 0; j < count; j++, shift += 2) last |= codes[j]! << shift;
    out[outAt + whole] = last;
  }
}

/** Unpacks `count` codes from bytes[at ..]; false when the last byte's unused bits are not 0. */
export function unpackCodes(
  bytes: Uint8Array,
  at: number,
  count: number,
  out: Uint8Array,
): boolean {
  const whole = count >> 2;
  for (let b = 0; b < whole; b++) {
    const v = bytes[at + b]!;
    const j = b << 2;
    out[j] = v & 3;
    out[j + 1] = (v >> 2) & 3;
    out[j + 2] = (v >> 4) & 3;
    out[j + 3] = v >> 6;
  }
  const rest = count & 3;
  if (rest) {
    const v = bytes[at + whole]!;
    if (v >> (2 * rest) !== 0) return false;
    for (let j = 0; j < rest; j++) out[(whole << 2) + j] = (v >> (2 * j)) & 3;
  }
  return true;
}
