import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type DecodeLimits,
  decodeSafetensors,
  encodeSafetensors,
  type SafeTensor,
  SafetensorsError,
  type SafetensorsErrorKind,
} from '../../electron/protocol/safetensors';

/** A file from a header given as an object or as raw text, followed by `data`. */
function fileWith(header: unknown, data: Uint8Array | number = 0): Uint8Array {
  const text = typeof header === 'string' ? header : JSON.stringify(header);
  return assemble(new TextEncoder().encode(text), data);
}

/** 8-byte little-endian header length (the real one unless `declared` says otherwise), header, data. */
function assemble(header: Uint8Array, data: Uint8Array | number, declared?: bigint): Uint8Array {
  const body = typeof data === 'number' ? new Uint8Array(data) : data;
  const out = new Uint8Array(8 + header.length + body.length);
  new DataView(out.buffer).setBigUint64(0, declared ?? BigInt(header.length), true);
  out.set(header, 8);
  out.set(body, 8 + header.length);
  return out;
}

/** The typed error decoding `bytes` raises; fails the test if it decodes or throws anything else. */
function decodeError(bytes: Uint8Array, limits?: DecodeLimits): SafetensorsError {
  try {
    decodeSafetensors(bytes, limits);
  } catch (error) {
    if (error instanceof SafetensorsError) return error;
    throw error;
  }
  throw new Error('the file decoded without error');
}

function encodeError(tensors: [string, SafeTensor][]): SafetensorsError {
  try {
    encodeSafetensors(tensors);
  } catch (error) {
    if (error instanceof SafetensorsError) return error;
    throw error;
  }
  throw new Error('the tensors encoded without error');
}

const bytesOf = (t: SafeTensor) =>
  new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
const headerLengthOf = (file: Uint8Array) =>
  Number(new DataView(file.buffer, file.byteOffset, 8).getBigUint64(0, true));
const u8 = (shape: number[], begin: number) => ({
  dtype: 'U8',
  shape,
  data_offsets: [begin, begin + shape.reduce((a, b) => a * b, 1)],
});

describe('safetensors round trip', () => {
  const tensors: [string, SafeTensor][] = [
    [
      'weight',
      { dtype: 'F32', shape: [2, 3], data: Float32Array.of(1.5, -0, NaN, Infinity, -2, 3e-38) },
    ],
    ['loss', { dtype: 'F64', shape: [], data: Float64Array.of(Math.PI) }],
    [
      'tokens',
      { dtype: 'I32', shape: [2, 2], data: Int32Array.of(-2147483648, 2147483647, 0, -1) },
    ],
    [
      'step',
      {
        dtype: 'I64',
        shape: [2],
        data: BigInt64Array.of(9223372036854775807n, -9223372036854775808n),
      },
    ],
    ['mask', { dtype: 'U8', shape: [5], data: Uint8Array.of(0, 1, 127, 128, 255) }],
    // bfloat16 travels as its raw bits: 1.0, -2.0, +inf.
    ['half', { dtype: 'BF16', shape: [3], data: Uint16Array.of(0x3f80, 0xc000, 0x7f80) }],
    ['empty', { dtype: 'F32', shape: [0, 4], data: new Float32Array(0) }],
  ];
  const metadata = { format: 'pt', note: 'ünïcode ✓', config: '{"a":1}' };

  it('gives back every tensor bit for bit, with its dtype, shape and order, and the metadata', () => {
    const file = decodeSafetensors(encodeSafetensors(tensors, metadata));

    expect([...file.tensors.keys()]).toEqual(tensors.map(([name]) => name));
    for (const [name, sent] of tensors) {
      const got = file.tensors.get(name)!;
      expect(got.dtype, name).toBe(sent.dtype);
      expect(got.shape, name).toEqual(sent.shape);
      expect(got.data.constructor, name).toBe(sent.data.constructor);
      expect(bytesOf(got), name).toEqual(bytesOf(sent));
    }
    expect(file.metadata).toEqual(metadata);
  });

  it('reads the values back as numbers of the right type', () => {
    const file = decodeSafetensors(encodeSafetensors(tensors));

    expect([...(file.tensors.get('step')!.data as BigInt64Array)]).toEqual([
      9223372036854775807n,
      -9223372036854775808n,
    ]);
    expect([...(file.tensors.get('tokens')!.data as Int32Array)]).toEqual([
      -2147483648, 2147483647, 0, -1,
    ]);
    expect(file.tensors.get('empty')!.data).toHaveLength(0);
    expect(file.metadata).toEqual({});
  });

  it('hands out copies that do not alias the file', () => {
    const bytes = encodeSafetensors([
      ['x', { dtype: 'U8', shape: [3], data: Uint8Array.of(1, 2, 3) }],
    ]);
    const file = decodeSafetensors(bytes);
    bytes.fill(0);

    expect([...(file.tensors.get('x')!.data as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('writes an empty file as a bare, padded header', () => {
    const bytes = encodeSafetensors([]);

    expect(bytes).toHaveLength(16);
    expect(decodeSafetensors(bytes)).toEqual({ tensors: new Map(), metadata: {} });
  });

  it('accepts "__proto__" as a tensor name like any other', () => {
    const data = Uint8Array.of(4, 2);
    const file = decodeSafetensors(
      encodeSafetensors([['__proto__', { dtype: 'U8', shape: [2], data }]]),
    );

    expect([...file.tensors.keys()]).toEqual(['__proto__']);
    expect(file.tensors.get('__proto__')!.data).toEqual(data);
  });
});

describe('safetensors layout', () => {
  it('pads the header with spaces to a multiple of 8, so the first tensor starts 8-aligned', () => {
    for (let nameLength = 1; nameLength <= 16; nameLength++) {
      const name = 'w'.repeat(nameLength);
      const data = Float64Array.of(0.25, -8);
      const bytes = encodeSafetensors([[name, { dtype: 'F64', shape: [2], data }]]);
      const headerLength = headerLengthOf(bytes);
      const dataStart = 8 + headerLength;

      expect(headerLength % 8, name).toBe(0);
      expect(dataStart % 8, name).toBe(0);
      expect(new Float64Array(bytes.buffer, dataStart, 2), name).toEqual(data);
      const header = new TextDecoder().decode(bytes.subarray(8, dataStart));
      expect(header.trimEnd().endsWith('}'), name).toBe(true);
      expect(header.slice(header.trimEnd().length), name).toMatch(/^ *$/);
    }
  });

  it('describes each tensor with contiguous data_offsets in insertion order', () => {
    const bytes = encodeSafetensors(
      [
        ['a', { dtype: 'U8', shape: [3], data: new Uint8Array(3) }],
        ['b', { dtype: 'F32', shape: [2], data: new Float32Array(2) }],
      ],
      { format: 'pt' },
    );
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(8, 8 + headerLengthOf(bytes))),
    );

    expect(header).toEqual({
      __metadata__: { format: 'pt' },
      a: { dtype: 'U8', shape: [3], data_offsets: [0, 3] },
      b: { dtype: 'F32', shape: [2], data_offsets: [3, 11] },
    });
  });
});

describe('a safetensors file written by Python', () => {
  const golden = fileURLToPath(
    new URL('../fixtures/golden/llama-tiny.safetensors', import.meta.url),
  );

  it('decodes with the names, dtypes and shapes Python gave it', () => {
    const file = decodeSafetensors(readFileSync(golden));
    const summary = (name: string) => {
      const t = file.tensors.get(name);
      return t && { dtype: t.dtype, shape: t.shape, length: t.data.length };
    };

    expect(summary('param/model.embed_tokens.weight')).toEqual({
      dtype: 'F32',
      shape: [256, 32],
      length: 8192,
    });
    expect(summary('input/tokens')).toEqual({ dtype: 'I32', shape: [3, 16], length: 48 });
    expect(summary('loss')).toEqual({ dtype: 'F64', shape: [], length: 1 });
    const tokens = file.tensors.get('input/tokens')!.data as Int32Array;
    expect(tokens.every((t) => t >= 0 && t < 256)).toBe(true);
    expect(JSON.parse(file.metadata.config!)).toMatchObject({ hidden_size: 32, vocab_size: 256 });
  });

  it('re-encodes to a file that decodes to the same tensors', () => {
    const file = decodeSafetensors(readFileSync(golden));
    const again = decodeSafetensors(encodeSafetensors(file.tensors, file.metadata));

    expect(again.metadata).toEqual(file.metadata);
    expect([...again.tensors.keys()]).toEqual([...file.tensors.keys()]);
    for (const [name, t] of file.tensors) {
      const back = again.tensors.get(name)!;
      expect({ dtype: back.dtype, shape: back.shape }, name).toEqual({
        dtype: t.dtype,
        shape: t.shape,
      });
      expect(Buffer.from(bytesOf(back)).equals(bytesOf(t)), name).toBe(true);
    }
  });
});

describe('the decoder refuses', () => {
  const valid = encodeSafetensors([
    ['x', { dtype: 'F32', shape: [2], data: Float32Array.of(1, 2) }],
  ]);
  const cases: [string, Uint8Array, DecodeLimits, SafetensorsErrorKind, RegExp][] = [
    ['a file shorter than 8 bytes', new Uint8Array(7), {}, 'truncated', /shorter than/],
    [
      'a header length past the end of the file',
      assemble(new TextEncoder().encode('{}'), 0, 100n),
      {},
      'truncated',
      /header length 100 runs past the end/,
    ],
    [
      'a header length over maxHeaderBytes',
      fileWith({ x: u8([40], 0) }, 40),
      { maxHeaderBytes: 16 },
      'too-large',
      /exceeds 16 bytes/,
    ],
    [
      'an absurd header length (2^64 - 1) without allocating it',
      assemble(new Uint8Array(0), 0, 2n ** 64n - 1n),
      {},
      'too-large',
      /header length 18446744073709551615/,
    ],
    ['a file over maxBytes', valid, { maxBytes: valid.length - 1 }, 'too-large', /more than the/],
    [
      'a header that is not UTF-8',
      assemble(Uint8Array.of(0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d), 0),
      {},
      'header',
      /not valid UTF-8 JSON/,
    ],
    ['a header that is not JSON', fileWith('{"x": '), {}, 'header', /not valid UTF-8 JSON/],
    ['a header that is a JSON array', fileWith([]), {}, 'header', /not a JSON object/],
    ['a header that is JSON null', fileWith(null), {}, 'header', /not a JSON object/],
    ['a header that is a JSON string', fileWith('"x"'), {}, 'header', /not a JSON object/],
    [
      'a metadata value that is not a string',
      fileWith({ __metadata__: { step: 3 } }),
      {},
      'header',
      /metadata "step" is not a string/,
    ],
    [
      'metadata that is not an object',
      fileWith({ __metadata__: ['pt'] }),
      {},
      'header',
      /__metadata__ is not an object/,
    ],
    ['a tensor described by a number', fileWith({ x: 4 }), {}, 'header', /tensor "x"/],
    [
      'an unknown dtype',
      fileWith({ x: { dtype: 'F8', shape: [1], data_offsets: [0, 1] } }, 1),
      {},
      'dtype',
      /tensor "x" has unknown dtype "F8"/,
    ],
    [
      'a missing dtype',
      fileWith({ x: { shape: [1], data_offsets: [0, 1] } }, 1),
      {},
      'dtype',
      /unknown dtype/,
    ],
    [
      'a negative dimension',
      fileWith({ x: { dtype: 'U8', shape: [-1], data_offsets: [0, 0] } }),
      {},
      'shape',
      /tensor "x" has an invalid shape/,
    ],
    [
      'a fractional dimension',
      fileWith({ x: { dtype: 'U8', shape: [1.5], data_offsets: [0, 1] } }, 1),
      {},
      'shape',
      /invalid shape/,
    ],
    [
      'a dimension written as a string',
      fileWith({ x: { dtype: 'U8', shape: ['2'], data_offsets: [0, 2] } }, 2),
      {},
      'shape',
      /invalid shape/,
    ],
    [
      'data_offsets whose length does not match dtype and shape',
      fileWith({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, 4),
      {},
      'offsets',
      /F32\[2\] needs 8 bytes, offsets give 4/,
    ],
    [
      'data_offsets that run backwards',
      fileWith({ x: { dtype: 'U8', shape: [0], data_offsets: [4, 0] } }, 4),
      {},
      'offsets',
      /tensor "x"/,
    ],
    [
      'data_offsets that are not two counts',
      fileWith({ x: { dtype: 'U8', shape: [1], data_offsets: [0] } }, 1),
      {},
      'offsets',
      /invalid data_offsets/,
    ],
    [
      'a tensor that runs past the end of the file',
      fileWith({ x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 4),
      {},
      'offsets',
      /tensor "x" ends at 8, past the 4 data bytes/,
    ],
    [
      'two tensors that overlap',
      fileWith({ a: u8([8], 0), b: u8([8], 4) }, 12),
      {},
      'offsets',
      /tensor "b" overlaps the previous tensor/,
    ],
    [
      'a gap between tensors',
      fileWith({ a: u8([4], 0), b: u8([4], 8) }, 12),
      {},
      'offsets',
      /gap before tensor "b"/,
    ],
    [
      'bytes after the last tensor',
      fileWith({ a: u8([4], 0) }, 6),
      {},
      'offsets',
      /2 trailing bytes after the last tensor/,
    ],
    [
      'more tensors than maxTensors',
      fileWith({ a: u8([1], 0), b: u8([1], 1), c: u8([1], 2) }, 3),
      { maxTensors: 2 },
      'too-large',
      /3 tensors exceed the limit of 2/,
    ],
  ];

  it.each(cases)('%s', (_what, bytes, limits, kind, message) => {
    const error = decodeError(bytes, limits);

    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
  });

  it('accepts the same layouts when they are well formed (the cases above are not vacuous)', () => {
    expect(decodeSafetensors(fileWith({ a: u8([4], 0), b: u8([4], 4) }, 8)).tensors.size).toBe(2);
    expect(decodeSafetensors(valid, { maxBytes: valid.length, maxTensors: 1 }).tensors.size).toBe(
      1,
    );
  });
});

describe('the encoder refuses', () => {
  it.each<[string, [string, SafeTensor][], RegExp]>([
    [
      'data shorter than the shape',
      [['x', { dtype: 'F32', shape: [2, 3], data: new Float32Array(5) }]],
      /tensor "x": F32\[2,3\] does not match its data/,
    ],
    [
      'data of another element size than the dtype',
      [['x', { dtype: 'F64', shape: [3], data: new Float32Array(6) }]],
      /does not match its data/,
    ],
    [
      'the reserved name __metadata__',
      [['__metadata__', { dtype: 'U8', shape: [1], data: new Uint8Array(1) }]],
      /"__metadata__" is reserved or repeated/,
    ],
    [
      'a name used twice',
      [
        ['x', { dtype: 'U8', shape: [1], data: new Uint8Array(1) }],
        ['x', { dtype: 'U8', shape: [1], data: new Uint8Array(1) }],
      ],
      /"x" is reserved or repeated/,
    ],
  ])('%s', (_what, tensors, message) => {
    const error = encodeError(tensors);

    expect(error.kind).toBe('encode');
    expect(error.message).toMatch(message);
  });
});

describe('the decoder on damaged files', () => {
  /** Deterministic 32-bit generator (mulberry32), so a failure names a reproducible case. */
  function seeded(seed: number): (n: number) => number {
    let s = seed >>> 0;
    return (n) => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
  }

  const original = encodeSafetensors(
    [
      ['w', { dtype: 'F32', shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) }],
      ['step', { dtype: 'I64', shape: [], data: BigInt64Array.of(7n) }],
      ['mask', { dtype: 'BOOL', shape: [3], data: Uint8Array.of(1, 0, 1) }],
    ],
    { format: 'pt' },
  );
  const headerEnd = 8 + headerLengthOf(original);

  /** One random corruption: a flipped byte, a cut, extra bytes, a header edit or a new length. */
  function mutate(random: (n: number) => number): Uint8Array {
    const bytes = original.slice();
    switch (random(6)) {
      case 0:
        bytes[random(bytes.length)]! ^= 1 << random(8);
        return bytes;
      case 1: {
        // Header bytes are where parsing decisions are made: hit them more often.
        bytes[8 + random(headerEnd - 8)] = random(256);
        return bytes;
      }
      case 2:
        return bytes.subarray(0, random(bytes.length));
      case 3: {
        const longer = new Uint8Array(bytes.length + 1 + random(16));
        longer.set(bytes);
        return longer;
      }
      case 4: {
        // Swap one digit of the header for another: shapes, offsets and lengths stay plausible.
        const digits = [...bytes.subarray(8, headerEnd).keys()].filter(
          (i) => bytes[8 + i]! >= 0x30 && bytes[8 + i]! <= 0x39,
        );
        bytes[8 + digits[random(digits.length)]!] = 0x30 + random(10);
        return bytes;
      }
      default:
        new DataView(bytes.buffer).setUint32(0, random(2) ? random(256) : random(2 ** 31), true);
        return bytes;
    }
  }

  it('either decodes a consistent file or throws a SafetensorsError, for 2000 mutations', () => {
    const random = seeded(20240601);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const bytes = mutate(random);
      let outcome: string;
      try {
        const file = decodeSafetensors(bytes);
        for (const t of file.tensors.values()) {
          expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
        }
        outcome = 'decoded';
      } catch (error) {
        if (!(error instanceof SafetensorsError)) {
          throw new Error(`mutation ${i} raised ${String(error)} instead of a SafetensorsError`);
        }
        outcome = error.kind;
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }

    // The mutations reach past the first check: files survive, and most refusals are exercised.
    expect(outcomes.get('decoded')).toBeGreaterThan(50);
    expect([...outcomes.keys()]).toEqual(
      expect.arrayContaining(['truncated', 'too-large', 'header', 'dtype', 'shape', 'offsets']),
    );
  });
});
