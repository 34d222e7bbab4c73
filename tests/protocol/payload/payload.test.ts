import { describe, expect, it } from 'vitest';
import { decompressTensor } from '../../../electron/protocol/codec/index';
import {
  decodePayload,
  encodePayload,
  METADATA_KEYS,
  type PayloadRejectionKind,
  TENSOR,
} from '../../../electron/protocol/payload/index';
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafeTensor,
} from '../../../electron/protocol/safetensors';
import { devSigner } from '../../../electron/protocol/signature';
import { codec, configHash, expectation, layout, pseudoGradient, signedPayload } from './fixtures';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

function rejectionOf(bytes: Uint8Array, overrides = {}): PayloadRejectionKind {
  const result = decodePayload(bytes, expectation(overrides));
  if (result.ok) throw new Error('the payload was accepted');
  expect(result.rejection.message.length).toBeGreaterThan(10);
  return result.rejection.kind;
}

/** Rewrites a payload's metadata or tensors and re-encodes it (without re-signing). */
function rewrite(
  bytes: Uint8Array,
  change: (meta: Record<string, string>, tensors: Map<string, SafeTensor>) => void,
) {
  const file = decodeSafetensors(bytes);
  const meta = { ...file.metadata };
  change(meta, file.tensors);
  return encodeSafetensors(file.tensors, meta);
}

describe('payload', () => {
  it('round-trips: the receiver gets back exactly what the sender compressed', async () => {
    const bytes = await signedPayload();
    const result = decodePayload(bytes, expectation());
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.payload).toMatchObject({
      runId: 'run-test',
      window: 7,
      hotkey: ALICE,
      configHash,
    });
    const sent = pseudoGradient(1);
    for (const [name, shape] of layout) {
      expect(decompressTensor(result.payload.pseudoGradient.get(name)!, shape, codec)).toEqual(
        decompressTensor(sent.get(name)!, shape, codec),
      );
    }
  });

  it('is a plain safetensors file with three tensors and sorted string metadata', async () => {
    const bytes = await signedPayload();
    const file = decodeSafetensors(bytes);
    expect([...file.tensors.keys()]).toEqual([TENSOR.quantization, TENSOR.indices, TENSOR.values]);
    expect(file.tensors.get(TENSOR.quantization)).toMatchObject({ dtype: 'F32', shape: [4, 6] });
    expect(Object.keys(file.metadata)).toEqual(METADATA_KEYS);
    expect(file.metadata).toMatchObject({
      format: 'tessera-pseudo-gradient',
      protocol: '1',
      run: 'run-test',
      window: '7',
      hotkey: ALICE,
      config: configHash,
      codec: '{"chunk":64,"dct":false,"indexBits":12,"quantRange":6,"topk":64,"valueBits":2}',
    });
    expect(file.metadata.signature).toMatch(/^[0-9a-f]{128}$/);
    // Kept entries: [128, 64] is 2 chunks of 64 x 64 keeping 64 each; [37, 90] is 2 chunks of
    // 37 x 45 keeping 64 each; [64] is one run of 64, all kept; [1] keeps its one entry.
    const kept = [128, 128, 64, 1];
    const indexBytes = kept.map((n) => 3 * Math.ceil(n / 2));
    const valueBytes = kept.map((n) => Math.ceil(n / 4));
    expect(indexBytes).toEqual([192, 192, 96, 3]);
    expect(file.tensors.get(TENSOR.indices)!.shape).toEqual([483]);
    expect(valueBytes).toEqual([32, 32, 16, 1]);
    expect(file.tensors.get(TENSOR.values)!.shape).toEqual([81]);
  });

  it('is deterministic up to the signature, which sr25519 randomises', async () => {
    const [a, b] = [
      decodeSafetensors(await signedPayload()),
      decodeSafetensors(await signedPayload()),
    ];
    expect(a.metadata.signature).not.toBe(b.metadata.signature);
    const { signature: _a, ...unsignedA } = a.metadata;
    const { signature: _b, ...unsignedB } = b.metadata;
    expect(
      Buffer.from(encodeSafetensors(a.tensors, unsignedA)).equals(
        encodeSafetensors(b.tensors, unsignedB),
      ),
    ).toBe(true);
  });

  it('is rejected for another run, window, config, codec or sender', async () => {
    const bytes = await signedPayload();
    expect(rejectionOf(bytes, { runId: 'other' })).toBe('run');
    expect(rejectionOf(bytes, { window: 8 })).toBe('window');
    expect(rejectionOf(bytes, { configHash: '0'.repeat(64) })).toBe('config');
    expect(rejectionOf(bytes, { codec: { ...codec, topk: 32 } })).toBe('codec');
    const bob = await devSigner('//Bob');
    expect(rejectionOf(bytes, { hotkey: bob.ss58Address })).toBe('hotkey');
  });

  it('is rejected when its metadata or tensors are not exactly the expected ones', async () => {
    const bytes = await signedPayload();
    const withMeta = (key: string, value: string | undefined) =>
      rewrite(bytes, (m) => {
        if (value === undefined) delete m[key];
        else m[key] = value;
      });
    expect(rejectionOf(withMeta('extra', 'x'))).toBe('metadata');
    expect(rejectionOf(withMeta('run', undefined))).toBe('metadata');
    expect(rejectionOf(withMeta('format', 'other'))).toBe('format');
    expect(rejectionOf(withMeta('protocol', '2'))).toBe('version');
    expect(rejectionOf(withMeta('window', '07'))).toBe('window');
    expect(rejectionOf(withMeta('hotkey', 'not-an-address'))).toBe('hotkey');
    expect(rejectionOf(withMeta('signature', 'ab'))).toBe('signature');
    const withTensors = (edit: (t: Map<string, SafeTensor>) => void) =>
      rewrite(bytes, (_, t) => edit(t));
    expect(rejectionOf(withTensors((t) => t.delete(TENSOR.values)))).toBe('layout');
    const extra: SafeTensor = { dtype: 'U8', shape: [1], data: new Uint8Array(1) };
    expect(rejectionOf(withTensors((t) => t.set('extra', extra)))).toBe('layout');
    const retyped = withTensors((t) => {
      const v = t.get(TENSOR.values)!;
      t.set(TENSOR.values, { dtype: 'I8', shape: v.shape, data: new Int8Array(v.data.buffer) });
    });
    expect(rejectionOf(retyped)).toBe('layout');
  });

  it('is rejected when the same content is written differently (not canonical)', async () => {
    const bytes = await signedPayload();
    // Reordered metadata keys parse to the same content but are not the canonical bytes.
    const reordered = rewrite(bytes, (m) => {
      const { codec: c, ...rest } = m;
      for (const k of Object.keys(m)) delete m[k];
      Object.assign(m, rest, { codec: c });
    });
    expect(rejectionOf(reordered)).toBe('non-canonical');
    // The same header JSON with whitespace: parses to the same content, different bytes.
    const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
    const spaced = new TextEncoder().encode(JSON.stringify(header, null, 1));
    const respaced = new Uint8Array(8 + spaced.length + bytes.length - 8 - headerLength);
    new DataView(respaced.buffer).setBigUint64(0, BigInt(spaced.length), true);
    respaced.set(spaced, 8);
    respaced.set(bytes.subarray(8 + headerLength), 8 + spaced.length);
    expect(decodeSafetensors(respaced).metadata).toEqual(decodeSafetensors(bytes).metadata);
    expect(rejectionOf(respaced)).toBe('non-canonical');
  });

  it('is rejected when too large, truncated or not safetensors at all', async () => {
    const bytes = await signedPayload();
    const padded = new Uint8Array(bytes.length + 20_000);
    padded.set(bytes);
    expect(rejectionOf(padded)).toBe('too-large');
    expect(rejectionOf(bytes.subarray(0, 100))).toBe('malformed');
    expect(rejectionOf(new Uint8Array(0))).toBe('malformed');
    expect(rejectionOf(new TextEncoder().encode('{"hello": "world"}'))).toBe('malformed');
  });

  it('names the content problem of a signed payload: index range, order, padding, scale', async () => {
    const alice = await devSigner('//Alice');
    const withTensor = async (edit: (g: ReturnType<typeof pseudoGradient>) => void) => {
      const g = pseudoGradient(2);
      edit(g);
      return encodePayload(
        { runId: 'run-test', window: 7, configHash, codec, layout, pseudoGradient: g },
        alice,
      );
    };
    const odd = 'model.layers.0.mlp.up_proj.weight'; // chunks of 37 x 45 = 1665 entries
    const one = 'model.norm.weight'; // 1 kept entry: odd count, padded
    const retag = (g: ReturnType<typeof pseudoGradient>, name: string, change: object) =>
      g.set(name, { ...g.get(name)!, ...change });

    const outOfRange = await withTensor((g) => {
      const indices = Uint8Array.from(g.get(odd)!.indices);
      indices[0] = 0xff; // first index of the first chunk becomes 0x?ff
      indices[1] = (indices[1]! & 0xf0) | 0x0f; // ... = 0xfff = 4095 >= 1665
      retag(g, odd, { indices });
    });
    expect(rejectionOf(outOfRange)).toBe('index-out-of-range');

    const unordered = await withTensor((g) => {
      const indices = Uint8Array.from(g.get(odd)!.indices);
      indices.copyWithin(0, 3, 6); // the first pair repeats the second
      retag(g, odd, { indices });
    });
    expect(rejectionOf(unordered)).toBe('index-order');

    const padded = await withTensor((g) => {
      const indices = Uint8Array.from(g.get(one)!.indices);
      indices[2] = 1;
      retag(g, one, { indices });
    });
    expect(rejectionOf(padded)).toBe('padding');

    for (const scale of [0, 1e-13, 1e4, Number.NaN, Number.POSITIVE_INFINITY]) {
      const bad = await withTensor((g) =>
        retag(g, odd, { quant: { ...g.get(odd)!.quant, scale } }),
      );
      expect(rejectionOf(bad)).toBe('quantization');
    }
    const nanLookup = await withTensor((g) =>
      retag(g, odd, {
        quant: { ...g.get(odd)!.quant, lookup: Float32Array.of(0, Number.NaN, 0, 0) },
      }),
    );
    expect(rejectionOf(nanLookup)).toBe('quantization');
  });

  it('refuses to write content that does not fit the layout or the metadata rules', async () => {
    const alice = await devSigner('//Alice');
    const base = {
      runId: 'r',
      window: 0,
      configHash,
      codec,
      layout,
      pseudoGradient: pseudoGradient(),
    };
    await expect(encodePayload({ ...base, runId: '' }, alice)).rejects.toThrow(/run id/);
    await expect(encodePayload({ ...base, window: -1 }, alice)).rejects.toThrow(/window/);
    await expect(encodePayload({ ...base, configHash: 'x' }, alice)).rejects.toThrow(/config/);
    const partial = pseudoGradient();
    partial.delete('model.norm.weight');
    await expect(encodePayload({ ...base, pseudoGradient: partial }, alice)).rejects.toThrow();
  });
});
