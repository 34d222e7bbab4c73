import {
  type ChunkGeometry,
  type CodecParams,
  chunkGeometry,
  type ParameterLayout,
  packedIndexBytes,
  packedValueBytes,
  QUANT_BINS,
} from '../codec';

/**
 * The payload file (docs/PROTOCOL.md, "Payload"): a safetensors file with three tensors that
 * concatenate every parameter's share in layout order, and string metadata. One tensor per kind
 * rather than three per parameter keeps the JSON header near 1 KB instead of ~300 bytes per
 * parameter, which for small models would eat a third of the compression.
 */
export const PAYLOAD_FORMAT = 'tessera-pseudo-gradient';
export const PROTOCOL_VERSION = '1';

export const TENSOR = {
  /** F32 [parameters, 6]: shift, scale, lookup[0..3] per parameter. */
  quantization: 'quantization',
  /** U8: each parameter's 12-bit packed indices, concatenated. */
  indices: 'indices',
  /** U8: each parameter's 2-bit packed codes, concatenated. */
  values: 'values',
} as const;

/** Floats per row of the quantization tensor. */
export const QUANT_ROW = 2 + QUANT_BINS;

export const META = {
  format: 'format',
  protocol: 'protocol',
  run: 'run',
  window: 'window',
  hotkey: 'hotkey',
  config: 'config',
  codec: 'codec',
  signature: 'signature',
} as const;

/** Every metadata key, sorted: the order they are written in, which makes the file canonical. */
export const METADATA_KEYS: readonly string[] = Object.values(META).sort();

/** The domain tag in front of the digest that a hotkey signs, so the signature means this only. */
export const SIGNING_DOMAIN = 'tessera/payload/v1:';

/** Longest run id accepted; the JSON header stays small and bounded. */
export const MAX_RUN_ID_LENGTH = 128;
/** Largest header accepted: metadata and three tensor entries take about 1 KB. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface ParameterSlot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly geometry: ChunkGeometry;
  readonly indexOffset: number;
  readonly indexBytes: number;
  readonly valueOffset: number;
  readonly valueBytes: number;
}

/** Where each parameter's share lives in the three tensors; fixed by the layout and codec. */
export interface PayloadLayout {
  readonly slots: readonly ParameterSlot[];
  readonly indexBytes: number;
  readonly valueBytes: number;
  /** Bytes of the data section: quantization + indices + values. */
  readonly dataBytes: number;
}

export function payloadLayout(layout: ParameterLayout, codec: CodecParams): PayloadLayout {
  const slots: ParameterSlot[] = [];
  let indexOffset = 0;
  let valueOffset = 0;
  for (const [name, shape] of layout) {
    const geometry = chunkGeometry(shape, codec);
    const indexBytes = packedIndexBytes(geometry.keptTotal);
    const valueBytes = packedValueBytes(geometry.keptTotal);
    slots.push({ name, shape, geometry, indexOffset, indexBytes, valueOffset, valueBytes });
    indexOffset += indexBytes;
    valueOffset += valueBytes;
  }
  return {
    slots,
    indexBytes: indexOffset,
    valueBytes: valueOffset,
    dataBytes: slots.length * QUANT_ROW * 4 + indexOffset + valueOffset,
  };
}
