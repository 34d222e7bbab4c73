import { modelConfigHash } from '../../../electron/protocol/canonical-json';
import {
  type CodecParams,
  compressTensor,
  defaultCodecParams,
  type ParameterLayout,
} from '../../../electron/protocol/codec/index';
import type { PayloadRejectionKind } from '../../../electron/protocol/payload/index';
import { encodePayload, type PayloadExpectation } from '../../../electron/protocol/payload/index';
import { devSigner, type Signer } from '../../../electron/protocol/signature';
import { seededValues } from '../codec/reference';

/** A small model: a blocked matrix, an odd matrix, a norm vector, a one-entry tensor. */
export const layout: ParameterLayout = [
  ['model.embed_tokens.weight', [128, 64]],
  ['model.layers.0.mlp.up_proj.weight', [37, 90]],
  ['model.layers.0.input_layernorm.weight', [64]],
  ['model.norm.weight', [1]],
];

export const codec: CodecParams = defaultCodecParams;
export const configHash = modelConfigHash({ name: 'test', hidden_size: 64, vocab_size: 128 });

export function expectation(overrides: Partial<PayloadExpectation> = {}): PayloadExpectation {
  return { runId: 'run-test', window: 7, configHash, codec, layout, ...overrides };
}

export function pseudoGradient(seed = 1, params: CodecParams = codec, l: ParameterLayout = layout) {
  return new Map(
    l.map(([name, shape], i) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return [name, compressTensor(seededValues(seed * 31 + i, n, 'normal'), shape, params)];
    }),
  );
}

export async function signedPayload(signer?: Signer, seed = 1): Promise<Uint8Array> {
  return encodePayload(
    {
      runId: 'run-test',
      window: 7,
      configHash,
      codec,
      layout,
      pseudoGradient: pseudoGradient(seed),
    },
    signer ?? (await devSigner('//Alice')),
  );
}

/** Every way the decoder rejects a payload; fuzzing checks each is reached and no other occurs. */
export const PAYLOAD_REJECTION_KINDS: readonly PayloadRejectionKind[] = [
  'too-large',
  'malformed',
  'metadata',
  'format',
  'version',
  'run',
  'window',
  'config',
  'codec',
  'hotkey',
  'layout',
  'non-canonical',
  'signature',
  'size',
  'padding',
  'index-out-of-range',
  'index-order',
  'quantization',
];
