import type { CodecParams, CompressedPseudoGradient, ParameterLayout } from '../codec';
import { codecParamsText } from '../codec';
import { encodeSafetensors, type SafeTensor } from '../safetensors';
import type { Signer } from '../signature';
import { signingMessage } from './digest';
import {
  MAX_RUN_ID_LENGTH,
  META,
  METADATA_KEYS,
  PAYLOAD_FORMAT,
  type PayloadLayout,
  PROTOCOL_VERSION,
  payloadLayout,
  QUANT_ROW,
  TENSOR,
} from './format';

/** What a miner publishes for one window. */
export interface PayloadContent {
  runId: string;
  window: number;
  /** modelConfigHash of the model trained. */
  configHash: string;
  codec: CodecParams;
  layout: ParameterLayout;
  pseudoGradient: CompressedPseudoGradient;
}

/** A payload that cannot be written; a local mistake, not a peer's. */
export class PayloadError extends Error {
  readonly kind = 'invalid-content';
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

/** The signed payload file, byte for byte as every implementation must write it. */
export async function encodePayload(content: PayloadContent, signer: Signer): Promise<Uint8Array> {
  checkContent(content);
  const tensors = payloadTensors(content, payloadLayout(content.layout, content.codec));
  const fields: Record<string, string> = {
    [META.format]: PAYLOAD_FORMAT,
    [META.protocol]: PROTOCOL_VERSION,
    [META.run]: content.runId,
    [META.window]: String(content.window),
    [META.hotkey]: signer.ss58Address,
    [META.config]: content.configHash,
    [META.codec]: codecParamsText(content.codec),
  };
  const unsigned = encodeSafetensors(tensors, sortedMetadata(fields));
  const signature = await signer.sign(signingMessage(unsigned));
  fields[META.signature] = Buffer.from(signature).toString('hex');
  return encodeSafetensors(tensors, sortedMetadata(fields));
}

/** Metadata in METADATA_KEYS order, leaving out keys not given (the signature, when signing). */
export function sortedMetadata(fields: Record<string, string>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of METADATA_KEYS) if (Object.hasOwn(fields, key)) sorted[key] = fields[key]!;
  return sorted;
}

function checkContent(c: PayloadContent): void {
  if (typeof c.runId !== 'string' || c.runId.length === 0 || c.runId.length > MAX_RUN_ID_LENGTH) {
    throw new PayloadError(`the run id must be 1 to ${MAX_RUN_ID_LENGTH} characters`);
  }
  if (!Number.isSafeInteger(c.window) || c.window < 0) {
    throw new PayloadError(`the window must be a whole number of at least 0, not ${c.window}`);
  }
  if (!/^[0-9a-f]{64}$/.test(c.configHash)) {
    throw new PayloadError('the config hash must be 64 lowercase hex digits (SHA-256)');
  }
  if (c.pseudoGradient.size !== c.layout.length) {
    throw new PayloadError(
      `the pseudo-gradient has ${c.pseudoGradient.size} tensors, the model ${c.layout.length}`,
    );
  }
}

function payloadTensors(c: PayloadContent, p: PayloadLayout): [string, SafeTensor][] {
  const quant = new Float32Array(p.slots.length * QUANT_ROW);
  const indices = new Uint8Array(p.indexBytes);
  const values = new Uint8Array(p.valueBytes);
  p.slots.forEach((slot, i) => {
    const t = c.pseudoGradient.get(slot.name);
    if (!t || t.indices.length !== slot.indexBytes || t.values.length !== slot.valueBytes) {
      throw new PayloadError(`${slot.name} is missing or was not compressed for this layout`);
    }
    quant[i * QUANT_ROW] = t.quant.shift;
    quant[i * QUANT_ROW + 1] = t.quant.scale;
    quant.set(t.quant.lookup, i * QUANT_ROW + 2);
    indices.set(t.indices, slot.indexOffset);
    values.set(t.values, slot.valueOffset);
  });
  return [
    [TENSOR.quantization, { dtype: 'F32', shape: [p.slots.length, QUANT_ROW], data: quant }],
    [TENSOR.indices, { dtype: 'U8', shape: [p.indexBytes], data: indices }],
    [TENSOR.values, { dtype: 'U8', shape: [p.valueBytes], data: values }],
  ];
}
