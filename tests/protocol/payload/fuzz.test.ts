import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CompressedTensor } from '../../../electron/protocol/codec/index';
import { decodePayload, encodePayload } from '../../../electron/protocol/payload/index';
import { devSigner, type Signer, verifySignature } from '../../../electron/protocol/signature';
import {
  codec,
  configHash,
  expectation,
  layout,
  PAYLOAD_REJECTION_KINDS,
  pseudoGradient,
  signedPayload,
} from './fixtures';

/**
 * The decoder against at least 100 000 hostile inputs: every one must come back as a typed
 * rejection (or, for a content mutation that was properly re-signed and happens to be valid, as
 * an acceptance), never as an exception, never slowly, and without the heap growing.
 *
 * sr25519 verification in JavaScript costs milliseconds, so the bulk of the corpus runs with a
 * stand-in scheme: signature = SHA-512(message) under one known hotkey. It is exact for what the
 * test needs (any change to a signed byte invalidates it, and re-signing is cheap, so mutated
 * content can reach the content checks). A smaller run repeats the byte mutations with real
 * sr25519.
 */
const ITERATIONS = 100_000;
const REAL_SR25519_ITERATIONS = 1_000;

const KINDS = PAYLOAD_REJECTION_KINDS;

const sha512 = (m: Uint8Array) => new Uint8Array(createHash('sha512').update(m).digest());

/** mulberry32: fast, seeded, the same corpus on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  return { next, int, bytes, pick: <T>(xs: readonly T[]) => xs[int(xs.length)]! };
}
type Random = ReturnType<typeof random>;

const headerLengthOf = (b: Uint8Array) =>
  Number(new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true));

function withHeader(original: Uint8Array, header: string): Uint8Array {
  const json = new TextEncoder().encode(header);
  const data = original.subarray(8 + headerLengthOf(original));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** Byte-level and header-level mutations of a signed payload. */
function mutate(valid: Uint8Array, r: Random): Uint8Array {
  const b = Uint8Array.from(valid);
  const header = () => new TextDecoder().decode(valid.subarray(8, 8 + headerLengthOf(valid)));
  switch (r.int(13)) {
    case 0: {
      const at = r.int(b.length);
      b[at] = b[at]! ^ (1 << r.int(8));
      return b;
    }
    case 1: {
      for (let i = 1 + r.int(8); i > 0; i--) b[r.int(b.length)] = r.int(256);
      return b;
    }
    case 2:
      return b.subarray(0, r.int(b.length));
    case 3: {
      const out = new Uint8Array(b.length + 1 + r.int(64));
      out.set(b);
      out.set(r.bytes(out.length - b.length), b.length);
      return out;
    }
    case 4: {
      const lengths = [
        0n,
        1n,
        7n,
        2n ** 63n,
        2n ** 64n - 1n,
        BigInt(b.length),
        BigInt(r.int(4096)),
      ];
      new DataView(b.buffer).setBigUint64(0, r.pick(lengths), true);
      return b;
    }
    case 5:
      return r.bytes(r.int(r.pick([8, 64, 4096])));
    case 6: {
      // Flip a character of the JSON header for another printable one, keep its length.
      const text = header().split('');
      text[r.int(text.length)] = String.fromCharCode(32 + r.int(95));
      return withHeader(valid, text.join(''));
    }
    case 7: {
      // Numbers in the header (offsets, shapes, the window) nudged or replaced.
      const numbers = [-1, 0, 1, 2 ** 53, 1e308, 4.5, -0];
      return withHeader(
        valid,
        header().replace(/\d+/g, (m) => (r.next() < 0.2 ? String(r.pick(numbers)) : m)),
      );
    }
    case 8: {
      const hostile = [
        '[]',
        'null',
        '{"__metadata__":[]}',
        '{"__proto__":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}',
        `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
        '{"a":{"dtype":"F32","shape":[1e400],"data_offsets":[0,4]}}',
        '{"a":{"dtype":"U8","shape":[9007199254740993],"data_offsets":[0,1]}}',
        `{"__metadata__":{"run":"${'x'.repeat(12000)}"}}`,
        '{"quantization":{"dtype":"F32","shape":[4,6],"data_offsets":[0,96]},"quantization":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}',
        '\u0000\uffff\ud800',
      ];
      return withHeader(valid, r.pick(hostile));
    }
    case 9: {
      // Splice: copy a run of bytes over another place.
      const from = r.int(b.length);
      const to = r.int(b.length);
      b.copyWithin(to, from, from + 1 + r.int(32));
      return b;
    }
    case 10: {
      // Invalid UTF-8 in the header.
      const at = 8 + r.int(headerLengthOf(valid));
      b[at] = r.pick([0xc0, 0xff, 0x80, 0xed]);
      return b;
    }
    case 11: {
      // The same content spelled differently: whitespace, an escaped letter, 7 as 7.0.
      const text = header();
      const respelled = [
        () => JSON.stringify(JSON.parse(text), null, r.int(3) + 1),
        () => text.replace('"run"', '"\\u0072un"'),
        () => text.replace(/"data_offsets":\[0,/, '"data_offsets":[0.0,'),
        () => ` ${text}`,
      ];
      return withHeader(valid, r.pick(respelled)());
    }
    default: {
      // Swap the data section for random bytes of the same length.
      const start = 8 + headerLengthOf(valid);
      b.set(r.bytes(b.length - start), start);
      return b;
    }
  }
}

/** Content mutations, re-signed so they get past the signature to the content checks. */
const gradients = [1, 2, 3, 4, 5].map((seed) => pseudoGradient(seed));

async function resignedContent(r: Random, signer: Signer): Promise<Uint8Array> {
  const g = new Map(r.pick(gradients));
  const [name] = r.pick(layout);
  const t = g.get(name)!;
  const edited: CompressedTensor = (() => {
    switch (r.int(4)) {
      case 0: {
        const indices = Uint8Array.from(t.indices);
        for (let i = 1 + r.int(4); i > 0; i--) indices[r.int(indices.length)] = r.int(256);
        return { ...t, indices };
      }
      case 1: {
        const values = Uint8Array.from(t.values);
        values[r.int(values.length)] = r.int(256);
        return { ...t, values };
      }
      case 2: {
        const odd = [
          0,
          -0,
          1e-13,
          1e-12,
          1e4,
          3e38,
          -1,
          Number.NaN,
          Number.NEGATIVE_INFINITY,
          1e-45,
        ];
        return { ...t, quant: { ...t.quant, scale: r.pick(odd) } };
      }
      default: {
        const lookup = Float32Array.from(t.quant.lookup);
        lookup[r.int(4)] = r.pick([Number.NaN, Number.POSITIVE_INFINITY, 3e38, -3e38, 1e-45]);
        return { ...t, quant: { ...t.quant, lookup, shift: r.pick([0, Number.NaN, 1e30]) } };
      }
    }
  })();
  g.set(name, edited);
  return encodePayload(
    { runId: 'run-test', window: 7, configHash, codec, layout, pseudoGradient: g },
    signer,
  );
}

interface Tally {
  decoded: number;
  accepted: number;
  kinds: Map<string, number>;
  slowestMs: number;
}

function decodeChecked(
  bytes: Uint8Array,
  verify: (a: string, m: Uint8Array, s: Uint8Array) => boolean,
  tally: Tally,
  mayAccept: boolean,
): void {
  const started = performance.now();
  const result = decodePayload(bytes, expectation(), { verify });
  tally.slowestMs = Math.max(tally.slowestMs, performance.now() - started);
  tally.decoded++;
  if (result.ok) {
    if (!mayAccept) throw new Error('a mutated payload was accepted');
    tally.accepted++;
    return;
  }
  const { kind, message } = result.rejection;
  if (!KINDS.includes(kind) || typeof message !== 'string' || message.length === 0) {
    throw new Error(`an untyped rejection: ${JSON.stringify(result.rejection)}`);
  }
  // The decoder's catch-all means some input reached code that threw: none should.
  if (message.startsWith('the payload could not be read')) throw new Error(message);
  tally.kinds.set(kind, (tally.kinds.get(kind) ?? 0) + 1);
}

describe('payload decoder fuzz', () => {
  it(`rejects ${ITERATIONS} mutated and random payloads with typed reasons, in bounded time and memory`, async () => {
    const fake: Signer = {
      ss58Address: (await devSigner('//Alice')).ss58Address,
      sign: async (m) => sha512(m),
    };
    const verify = (a: string, m: Uint8Array, s: Uint8Array) =>
      a === fake.ss58Address && Buffer.from(sha512(m)).equals(s);
    const valid = await signedPayload(fake);
    expect(decodePayload(valid, expectation(), { verify }).ok).toBe(true);

    const r = random(20_250_601);
    const tally: Tally = { decoded: 0, accepted: 0, kinds: new Map(), slowestMs: 0 };
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let i = 0; i < ITERATIONS; i++) {
      if (i % 10 === 0) {
        decodeChecked(await resignedContent(r, fake), verify, tally, true);
      } else {
        const bytes = mutate(valid, r);
        const unchanged = bytes.length === valid.length && Buffer.from(bytes).equals(valid);
        decodeChecked(bytes, verify, tally, unchanged);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    process.stdout.write(
      `fuzz: ${tally.decoded} payloads in ${seconds.toFixed(1)} s, slowest ${tally.slowestMs.toFixed(1)} ms, ` +
        `heap ${heapGrowthMb >= 0 ? '+' : ''}${heapGrowthMb.toFixed(1)} MB, ${tally.accepted} valid re-signed, ` +
        `rejections ${JSON.stringify(Object.fromEntries([...tally.kinds].sort()))}\n`,
    );
    expect(tally.decoded).toBeGreaterThanOrEqual(ITERATIONS);
    expect(seconds).toBeLessThan(60);
    expect(tally.slowestMs).toBeLessThan(1000);
    expect(heapGrowthMb).toBeLessThan(64);
    // The corpus reaches every stage, the content checks included.
    for (const kind of ['malformed', 'layout', 'non-canonical', 'signature', 'quantization']) {
      expect(tally.kinds.get(kind) ?? 0).toBeGreaterThan(0);
    }
    expect(
      (tally.kinds.get('index-order') ?? 0) + (tally.kinds.get('index-out-of-range') ?? 0),
    ).toBeGreaterThan(0);
  }, 120_000);

  it(`rejects ${REAL_SR25519_ITERATIONS} byte mutations with real sr25519 verification`, async () => {
    const valid = await signedPayload();
    const r = random(7);
    const tally: Tally = { decoded: 0, accepted: 0, kinds: new Map(), slowestMs: 0 };
    for (let i = 0; i < REAL_SR25519_ITERATIONS; i++) {
      const bytes = mutate(valid, r);
      const unchanged = bytes.length === valid.length && Buffer.from(bytes).equals(valid);
      decodeChecked(bytes, verifySignature, tally, unchanged);
    }
    expect(tally.kinds.get('signature') ?? 0).toBeGreaterThan(100);
  }, 120_000);
});
