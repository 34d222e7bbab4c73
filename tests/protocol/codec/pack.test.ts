import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  packCodes,
  packedIndexBytes,
  packedValueBytes,
  packIndices,
  unpackCodes,
  unpackIndices,
} from '../../../electron/protocol/codec/index';

const packed12 = (indices: number[]) => {
  const out = new Uint8Array(packedIndexBytes(indices.length));
  packIndices(Uint16Array.from(indices), indices.length, out);
  return [...out];
};

describe('12-bit index packing', () => {
  it('lays two indices into three bytes exactly as Templar pack_12bit_indices does', () => {
    // a = 0xABC, b = 0x123: byte0 = low 8 of a, byte1 = high 4 of a | low 4 of b << 4,
    // byte2 = high 8 of b.
    expect(packed12([0xabc, 0x123])).toEqual([0xbc, 0x3a, 0x12]);
    expect(packed12([1, 4095])).toEqual([0x01, 0xf0, 0xff]);
    expect(packed12([4095, 0])).toEqual([0xff, 0x0f, 0x00]);
    expect(packed12([0, 1, 2, 3])).toEqual([0x00, 0x10, 0x00, 0x02, 0x30, 0x00]);
  });

  it('pads an odd count with a zero index, and refuses non-zero padding', () => {
    expect(packed12([0x5a5])).toEqual([0xa5, 0x05, 0x00]);
    const out = new Uint16Array(1);
    expect(unpackIndices(Uint8Array.of(0xa5, 0x05, 0x00), 0, 1, out)).toBe(true);
    expect(out[0]).toBe(0x5a5);
    expect(unpackIndices(Uint8Array.of(0xa5, 0x15, 0x00), 0, 1, out)).toBe(false);
    expect(unpackIndices(Uint8Array.of(0xa5, 0x05, 0x01), 0, 1, out)).toBe(false);
  });

  it('round-trips any list of 12-bit indices in 1.5 bytes each', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4095 }), { maxLength: 300 }), (indices) => {
        const bytes = Uint8Array.from(packed12(indices));
        expect(bytes.length).toBe(3 * Math.ceil(indices.length / 2));
        const out = new Uint16Array(indices.length);
        expect(unpackIndices(bytes, 0, indices.length, out)).toBe(true);
        expect([...out]).toEqual(indices);
      }),
    );
  });
});

describe('2-bit value packing', () => {
  it('really is four codes per byte, first code in the lowest bits', () => {
    const out = new Uint8Array(packedValueBytes(4));
    packCodes(Uint8Array.of(1, 2, 3, 0), 4, out);
    expect([...out]).toEqual([0b00_11_10_01]);
    expect(packedValueBytes(4096)).toBe(1024);
    expect(packedValueBytes(5)).toBe(2);
  });

  it('round-trips any codes, and refuses a last byte with non-zero unused bits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 300 }), (codes) => {
        const bytes = new Uint8Array(packedValueBytes(codes.length));
        packCodes(Uint8Array.from(codes), codes.length, bytes);
        const out = new Uint8Array(codes.length);
        expect(unpackCodes(bytes, 0, codes.length, out)).toBe(true);
        expect([...out]).toEqual(codes);
        if (codes.length % 4 !== 0) {
          bytes[bytes.length - 1]! |= 0x80;
          expect(unpackCodes(bytes, 0, codes.length, out)).toBe(false);
        }
      }),
    );
  });
});
