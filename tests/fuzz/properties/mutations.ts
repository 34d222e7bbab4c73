/**
 * Mutations of a valid file as fast-check arbitraries: each describes one edit (where, what) and
 * `applyMutation` performs it, so a failing case prints as the edit that caused it. The byte-level
 * ones suit any file; the header-level ones know the safetensors layout (payloads).
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'random-bytes'; bytes: Uint8Array }
  | { kind: 'bit-flip'; at: number; bit: number }
  | { kind: 'overwrite'; edits: [number, number][] }
  | { kind: 'truncate'; length: number }
  | { kind: 'extend'; tail: Uint8Array }
  | { kind: 'grow'; bytes: number }
  | { kind: 'header-length'; length: bigint }
  | { kind: 'header-char'; at: number; char: string }
  | { kind: 'header-number'; nth: number; replacement: string }
  | { kind: 'header-text'; header: string }
  | { kind: 'metadata'; key: string; value: unknown }
  | { kind: 'splice'; from: number; to: number; length: number }
  | { kind: 'bad-utf8'; at: number; byte: number }
  | { kind: 'data'; seed: number };

const headerLengthOf = (b: Uint8Array) =>
  Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true));

const headerOf = (b: Uint8Array) => new TextDecoder().decode(b.subarray(8, 8 + headerLengthOf(b)));

function withHeader(original: Uint8Array, header: string): Uint8Array {
  const json = new TextEncoder().encode(header);
  const data = original.subarray(8 + headerLengthOf(original));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** Headers a hostile writer might try: wrong JSON types, prototype keys, deep nesting, huge numbers. */
const HOSTILE_HEADERS = [
  '[]',
  'null',
  '"text"',
  '{"__metadata__":[]}',
  '{"__metadata__":{"run":1}}',
  '{"__proto__":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}',
  '{"constructor":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}',
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  '{"a":{"dtype":"F32","shape":[1e400],"data_offsets":[0,4]}}',
  '{"a":{"dtype":"U8","shape":[9007199254740993],"data_offsets":[0,1]}}',
  '{"a":{"dtype":"U8","shape":[-1],"data_offsets":[1,0]}}',
  '{"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}',
  '{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}',
  `{"__metadata__":{"run":"${'x'.repeat(12000)}"}}`,
  '\u0000\uffff\ud800',
];

const METADATA_KEYS = [
  'format',
  'protocol',
  'run',
  'window',
  'hotkey',
  'config',
  'codec',
  'signature',
  'extra',
  '__proto__',
];

const position = fc.nat({ max: 1 << 16 });

/** Edits that make sense for any file. */
export const byteMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('random-bytes' as const),
    bytes: fc.uint8Array({ maxLength: 4096 }),
  }),
  fc.record({
    kind: fc.constant('bit-flip' as const),
    at: position,
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({
    kind: fc.constant('overwrite' as const),
    edits: fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), length: position }),
  fc.record({
    kind: fc.constant('extend' as const),
    tail: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    from: position,
    to: position,
    length: fc.integer({ min: 1, max: 32 }),
  }),
  fc.record({ kind: fc.constant('grow' as const), bytes: fc.integer({ min: 1, max: 1 << 15 }) }),
);

/** Byte edits plus edits of a safetensors header: its length, its JSON, its metadata. */
export const payloadMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: byteMutation },
  fc.record({
    kind: fc.constant('header-length' as const),
    length: fc.oneof(
      fc.constantFrom(0n, 1n, 7n, 8n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n),
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      fc.bigInt({ min: 0n, max: 1n << 16n }),
    ),
  }),
  fc.record({
    kind: fc.constant('header-char' as const),
    at: position,
    char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  }),
  fc.record({
    kind: fc.constant('header-number' as const),
    nth: fc.nat({ max: 40 }),
    replacement: fc.constantFrom(
      '-1',
      '0',
      '1',
      '9007199254740993',
      '1e308',
      '4.5',
      '-0',
      '7.0',
      '1e2',
      '00',
    ),
  }),
  fc.record({
    kind: fc.constant('header-text' as const),
    header: fc.oneof(fc.constantFrom(...HOSTILE_HEADERS), fc.json()),
  }),
  fc.record({
    kind: fc.constant('metadata' as const),
    key: fc.constantFrom(...METADATA_KEYS),
    value: fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue(),
      fc.constant(undefined),
    ),
  }),
  fc.record({
    kind: fc.constant('bad-utf8' as const),
    at: position,
    byte: fc.constantFrom(0xc0, 0xff, 0x80, 0xed, 0xf4),
  }),
  fc.record({ kind: fc.constant('data' as const), seed: fc.integer() }),
);

/** The mutated file. Positions wrap around the file, so every generated edit lands somewhere. */
export function applyMutation(valid: Uint8Array, m: Mutation): Uint8Array {
  const b = Uint8Array.from(valid);
  switch (m.kind) {
    case 'random-bytes':
      return m.bytes;
    case 'bit-flip': {
      const at = m.at % b.length;
      b[at] = b[at]! ^ (1 << m.bit);
      return b;
    }
    case 'overwrite':
      for (const [at, value] of m.edits) b[at % b.length] = value;
      return b;
    case 'truncate':
      return b.subarray(0, m.length % Math.max(b.length, 1));
    case 'extend': {
      const out = new Uint8Array(b.length + m.tail.length);
      out.set(b);
      out.set(m.tail, b.length);
      return out;
    }
    case 'grow': {
      const out = new Uint8Array(b.length + m.bytes);
      out.set(b);
      return out;
    }
    case 'header-length':
      new DataView(b.buffer).setBigUint64(0, m.length, true);
      return b;
    case 'header-char': {
      const text = headerOf(valid).split('');
      text[m.at % text.length] = m.char;
      return withHeader(valid, text.join(''));
    }
    case 'header-number': {
      let n = 0;
      return withHeader(
        valid,
        headerOf(valid).replace(/\d+/g, (digits) => (n++ === m.nth ? m.replacement : digits)),
      );
    }
    case 'header-text':
      return withHeader(valid, m.header);
    case 'metadata': {
      // JSON.parse yields plain objects, so "__proto__" here is an own key like any other.
      const header = JSON.parse(headerOf(valid)) as { __metadata__: Record<string, unknown> };
      if (m.value === undefined) delete header.__metadata__[m.key];
      else header.__metadata__[m.key] = m.value;
      return withHeader(valid, JSON.stringify(header));
    }
    case 'splice':
      b.copyWithin(m.to % b.length, m.from % b.length, (m.from % b.length) + m.length);
      return b;
    case 'bad-utf8':
      b[8 + (m.at % headerLengthOf(valid))] = m.byte;
      return b;
    case 'data': {
      let s = m.seed >>> 0;
      for (let i = 8 + headerLengthOf(valid); i < b.length; i++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        b[i] = s >>> 24;
      }
      return b;
    }
  }
}
