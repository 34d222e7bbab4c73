import {
  type CodecParams,
  type CompressedPseudoGradient,
  checkCompressedTensor,
  codecParamsText,
  type ParameterLayout,
} from '../codec';
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafeTensor,
  SafetensorsError,
  type SafetensorsFile,
} from '../safetensors';
import { isCanonicalAddress, verifySignature } from '../signature';
import { signingMessage } from './digest';
import { sortedMetadata } from './encode';
import {
  MAX_HEADER_BYTES,
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
import { type PayloadRejection, type PayloadRejectionKind, rejection } from './rejection';

/** What the receiver already knows, and a payload must match. */
export interface PayloadExpectation {
  runId: string;
  window: number;
  configHash: string;
  codec: CodecParams;
  layout: ParameterLayout;
  /** The sender, when the receiver knows whose object it fetched. */
  hotkey?: string;
}

export interface DecodeOptions {
  /** Signature check; sr25519 by default. Tests swap in a cheaper exact stand-in. */
  verify?: (ss58Address: string, message: Uint8Array, signature: Uint8Array) => boolean;
}

/** A payload that passed every check. */
export interface Payload {
  readonly runId: string;
  readonly window: number;
  readonly hotkey: string;
  readonly configHash: string;
  readonly pseudoGradient: CompressedPseudoGradient;
  /** Bytes of the file, for accounting. */
  readonly bytes: number;
}

export type PayloadResult =
  | { readonly ok: true; readonly payload: Payload }
  | { readonly ok: false; readonly rejection: PayloadRejection };

class Rejected {
  constructor(readonly rejection: PayloadRejection) {}
}

const fail = (kind: PayloadRejectionKind, message: string): never => {
  throw new Rejected(rejection(kind, message));
};

/** The exact sizes this expectation allows, computed once per run and reused for every peer. */
const layouts = new WeakMap<ParameterLayout, Map<string, PayloadLayout>>();

function layoutFor(e: PayloadExpectation): PayloadLayout {
  let byCodec = layouts.get(e.layout);
  if (!byCodec) {
    byCodec = new Map();
    layouts.set(e.layout, byCodec);
  }
  const key = codecParamsText(e.codec);
  let p = byCodec.get(key);
  if (!p) {
    p = payloadLayout(e.layout, e.codec);
    byCodec.set(key, p);
  }
  return p;
}

/**
 * Reads a payload from a peer, strictly. Never throws and never runs longer than linear in the
 * (capped) size: every problem becomes a rejection with a kind and a sentence. Order: size cap,
 * safetensors structure, metadata, tensor layout, canonical bytes, signature, then content
 * (indices, padding, quantisation).
 */
export function decodePayload(
  bytes: Uint8Array,
  expected: PayloadExpectation,
  options: DecodeOptions = {},
): PayloadResult {
  // Outside the try: a bad expectation is the caller's mistake, not the peer's, and throws.
  const layout = layoutFor(expected);
  try {
    return { ok: true, payload: readPayload(bytes, layout, expected, options) };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, rejection: error.rejection };
    // Nothing else is expected to throw; if something does, it is still the payload's fault.
    return {
      ok: false,
      rejection: rejection('malformed', `the payload could not be read (${String(error)})`),
    };
  }
}

function readPayload(
  bytes: Uint8Array,
  layout: PayloadLayout,
  expected: PayloadExpectation,
  options: DecodeOptions,
): Payload {
  const maxBytes = 8 + MAX_HEADER_BYTES + layout.dataBytes;
  if (!(bytes instanceof Uint8Array)) fail('malformed', 'the payload is not a byte array');
  if (bytes.length > maxBytes) {
    fail('too-large', `the payload is ${bytes.length} bytes; at most ${maxBytes} fit this model`);
  }
  let file: SafetensorsFile;
  try {
    file = decodeSafetensors(bytes, {
      maxBytes,
      maxHeaderBytes: MAX_HEADER_BYTES,
      // More than the three expected, so a stray tensor is reported as a layout problem.
      maxTensors: 16,
    });
  } catch (error) {
    if (!(error instanceof SafetensorsError)) throw error;
    return fail('malformed', error.message);
  }
  const meta = checkMetadata(file.metadata, expected);
  const tensors = checkTensors(file, layout);

  const canonical = encodeSafetensors(tensors, sortedMetadata(file.metadata));
  if (!Buffer.from(canonical.buffer, canonical.byteOffset, canonical.length).equals(bytes)) {
    fail('non-canonical', 'the file is not written the way this protocol writes it');
  }
  const { [META.signature]: signatureHex, ...unsignedFields } = file.metadata;
  const unsigned = encodeSafetensors(tensors, sortedMetadata(unsignedFields));
  const signature = Buffer.from(signatureHex!, 'hex');
  const verify = options.verify ?? verifySignature;
  if (!verify(meta.hotkey, signingMessage(unsigned), signature)) {
    fail('signature', `the signature is not valid for ${meta.hotkey}`);
  }
  return {
    runId: expected.runId,
    window: expected.window,
    hotkey: meta.hotkey,
    configHash: expected.configHash,
    pseudoGradient: checkContent(tensors, layout),
    bytes: bytes.length,
  };
}

function checkMetadata(m: Record<string, string>, e: PayloadExpectation): { hotkey: string } {
  const keys = Object.keys(m);
  const missing = METADATA_KEYS.filter((k) => !Object.hasOwn(m, k));
  if (missing.length > 0 || keys.length !== METADATA_KEYS.length) {
    const extra = keys.filter((k) => !METADATA_KEYS.includes(k));
    fail(
      'metadata',
      `metadata must hold exactly ${METADATA_KEYS.join(', ')}` +
        (missing.length > 0 ? `; missing ${missing.join(', ')}` : '') +
        (extra.length > 0 ? `; unexpected ${extra.slice(0, 5).join(', ')}` : ''),
    );
  }
  if (m[META.format] !== PAYLOAD_FORMAT) {
    fail('format', `format is ${JSON.stringify(m[META.format])}, not ${PAYLOAD_FORMAT}`);
  }
  if (m[META.protocol] !== PROTOCOL_VERSION) {
    fail('version', `protocol version ${m[META.protocol]} is not ${PROTOCOL_VERSION}`);
  }
  const run = m[META.run]!;
  if (run !== e.runId) {
    fail('run', `the payload is for run ${JSON.stringify(run.slice(0, MAX_RUN_ID_LENGTH))}`);
  }
  if (m[META.window] !== String(e.window)) {
    fail('window', `the payload is for window ${m[META.window]!.slice(0, 20)}, not ${e.window}`);
  }
  if (m[META.config] !== e.configHash) {
    fail('config', 'the payload was trained on a different model configuration');
  }
  if (m[META.codec] !== codecParamsText(e.codec)) {
    fail('codec', 'the payload was compressed with different codec parameters');
  }
  const hotkey = m[META.hotkey]!;
  if (!isCanonicalAddress(hotkey)) {
    fail('hotkey', 'the hotkey is not an SS58 address with prefix 42');
  }
  if (e.hotkey !== undefined && hotkey !== e.hotkey) {
    fail('hotkey', `the payload claims hotkey ${hotkey}, not ${e.hotkey}`);
  }
  if (!/^[0-9a-f]{128}$/.test(m[META.signature]!)) {
    fail('signature', 'the signature is not 64 bytes of lowercase hex');
  }
  return { hotkey };
}

/** Exactly the three tensors, with the dtypes and shapes this model and codec produce. */
function checkTensors(file: SafetensorsFile, p: PayloadLayout): [string, SafeTensor][] {
  const expected: [string, SafeTensor['dtype'], number[]][] = [
    [TENSOR.quantization, 'F32', [p.slots.length, QUANT_ROW]],
    [TENSOR.indices, 'U8', [p.indexBytes]],
    [TENSOR.values, 'U8', [p.valueBytes]],
  ];
  if (file.tensors.size !== expected.length) {
    fail('layout', `expected tensors ${expected.map(([n]) => n).join(', ')}`);
  }
  return expected.map(([name, dtype, shape]) => {
    const t = file.tensors.get(name);
    if (!t) return fail('layout', `tensor ${name} is missing`);
    if (
      t.dtype !== dtype ||
      t.shape.length !== shape.length ||
      t.shape.some((d, i) => d !== shape[i])
    ) {
      fail('layout', `tensor ${name} is ${t.dtype}[${t.shape}], expected ${dtype}[${shape}]`);
    }
    return [name, t];
  });
}

function checkContent(tensors: [string, SafeTensor][], p: PayloadLayout): CompressedPseudoGradient {
  const quant = tensors[0]![1].data as Float32Array;
  const indices = tensors[1]![1].data as Uint8Array;
  const values = tensors[2]![1].data as Uint8Array;
  const pseudoGradient: CompressedPseudoGradient = new Map();
  p.slots.forEach((slot, i) => {
    const row = i * QUANT_ROW;
    const t = {
      indices: indices.subarray(slot.indexOffset, slot.indexOffset + slot.indexBytes),
      values: values.subarray(slot.valueOffset, slot.valueOffset + slot.valueBytes),
      quant: {
        shift: quant[row]!,
        scale: quant[row + 1]!,
        lookup: quant.subarray(row + 2, row + QUANT_ROW),
      },
    };
    const problem = checkCompressedTensor(t, slot.geometry);
    if (problem) fail(problem.kind, `${slot.name}: ${problem.message}`);
    pseudoGradient.set(slot.name, t);
  });
  return pseudoGradient;
}
