/**
 * The safetensors format (8-byte little-endian header length, JSON header, raw little-endian
 * buffers): how checkpoints and update payloads travel, so any Python tool can read them.
 * The decoder is strict because it reads files from peers: every violation is a typed error.
 */

export type SafeDType =
  | 'F64'
  | 'F32'
  | 'F16'
  | 'BF16'
  | 'I64'
  | 'I32'
  | 'I16'
  | 'I8'
  | 'U8'
  | 'BOOL';

export type SafeData =
  | Float64Array
  | Float32Array
  | Uint16Array
  | BigInt64Array
  | Int32Array
  | Int16Array
  | Int8Array
  | Uint8Array;

export interface SafeTensor {
  dtype: SafeDType;
  shape: number[];
  data: SafeData;
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

export interface DecodeLimits {
  /** Largest file accepted, in bytes. */
  maxBytes?: number;
  /** Largest JSON header accepted, in bytes. */
  maxHeaderBytes?: number;
  /** Most tensors accepted. */
  maxTensors?: number;
}

export type SafetensorsErrorKind =
  | 'truncated'
  | 'too-large'
  | 'header'
  | 'dtype'
  | 'shape'
  | 'offsets'
  | 'encode';

export class SafetensorsError extends Error {
  constructor(
    readonly kind: SafetensorsErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

const layout: Record<SafeDType, { bytes: number; make: (b: ArrayBuffer) => SafeData }> = {
  F64: { bytes: 8, make: (b) => new Float64Array(b) },
  F32: { bytes: 4, make: (b) => new Float32Array(b) },
  F16: { bytes: 2, make: (b) => new Uint16Array(b) },
  BF16: { bytes: 2, make: (b) => new Uint16Array(b) },
  I64: { bytes: 8, make: (b) => new BigInt64Array(b) },
  I32: { bytes: 4, make: (b) => new Int32Array(b) },
  I16: { bytes: 2, make: (b) => new Int16Array(b) },
  I8: { bytes: 1, make: (b) => new Int8Array(b) },
  U8: { bytes: 1, make: (b) => new Uint8Array(b) },
  BOOL: { bytes: 1, make: (b) => new Uint8Array(b) },
};

const DEFAULT_LIMITS: Required<DecodeLimits> = {
  maxBytes: 8 * 1024 ** 3,
  maxHeaderBytes: 100 * 1024 * 1024,
  maxTensors: 100_000,
};

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Tensors in insertion order; the data section starts 8-byte aligned. Later offsets need no
 * alignment: the decoder copies each tensor into a buffer of its own.
 */
export function encodeSafetensors(
  tensors: Iterable<[string, SafeTensor]>,
  metadata: Record<string, string> = {},
): Uint8Array {
  // No prototype, so a tensor named "__proto__" (legal in the format) is an ordinary key.
  const header: Record<string, unknown> = Object.create(null);
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const parts: SafeTensor[] = [];
  let offset = 0;
  for (const [name, t] of tensors) {
    if (name === '__metadata__' || Object.hasOwn(header, name)) {
      throw new SafetensorsError('encode', `tensor name "${name}" is reserved or repeated`);
    }
    const { bytes } = layout[t.dtype];
    if (t.data.byteLength !== elementCount(t.shape) * bytes || t.data.BYTES_PER_ELEMENT !== bytes) {
      throw new SafetensorsError(
        'encode',
        `tensor "${name}": ${t.dtype}[${t.shape}] does not match its data`,
      );
    }
    header[name] = {
      dtype: t.dtype,
      shape: t.shape,
      data_offsets: [offset, offset + t.data.byteLength],
    };
    offset += t.data.byteLength;
    parts.push(t);
  }
  let json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil(json.length / 8) * 8;
  json = Buffer.concat([json, Buffer.alloc(padded - json.length, 0x20)]);
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of parts) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

export function decodeSafetensors(bytes: Uint8Array, limits: DecodeLimits = {}): SafetensorsFile {
  const caps = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.byteLength > caps.maxBytes) {
    throw new SafetensorsError(
      'too-large',
      `file is ${bytes.byteLength} bytes, more than the ${caps.maxBytes} allowed`,
    );
  }
  if (bytes.byteLength < 8)
    throw new SafetensorsError('truncated', 'file is shorter than its 8-byte header length');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (headerLength > BigInt(caps.maxHeaderBytes)) {
    throw new SafetensorsError(
      'too-large',
      `header length ${headerLength} exceeds ${caps.maxHeaderBytes} bytes`,
    );
  }
  if (headerLength > BigInt(bytes.byteLength - 8)) {
    throw new SafetensorsError(
      'truncated',
      `header length ${headerLength} runs past the end of the file`,
    );
  }
  const dataStart = 8 + Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart)),
    );
  } catch {
    throw new SafetensorsError('header', 'header is not valid UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new SafetensorsError('header', 'header is not a JSON object');
  }
  const dataLength = bytes.byteLength - dataStart;
  const metadata = readMetadata((header as Record<string, unknown>).__metadata__);
  const entries = Object.entries(header).filter(([name]) => name !== '__metadata__');
  if (entries.length > caps.maxTensors) {
    throw new SafetensorsError(
      'too-large',
      `${entries.length} tensors exceed the limit of ${caps.maxTensors}`,
    );
  }
  const spans: [number, number, string][] = [];
  const tensors = new Map<string, SafeTensor>();
  for (const [name, entry] of entries) {
    const { dtype, shape, begin, end } = readEntry(name, entry);
    if (end > dataLength) {
      throw new SafetensorsError(
        'offsets',
        `tensor "${name}" ends at ${end}, past the ${dataLength} data bytes`,
      );
    }
    // A fresh, aligned buffer per tensor (Buffer#slice would alias the whole file's memory).
    const copy = new Uint8Array(end - begin);
    copy.set(bytes.subarray(dataStart + begin, dataStart + end));
    spans.push([begin, end, name]);
    tensors.set(name, { dtype, shape, data: layout[dtype].make(copy.buffer) });
  }
  checkCoverage(spans, dataLength);
  return { tensors, metadata };
}

function readMetadata(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SafetensorsError('header', '__metadata__ is not an object');
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string')
      throw new SafetensorsError('header', `metadata "${k}" is not a string`);
  }
  return value as Record<string, string>;
}

function readEntry(name: string, entry: unknown) {
  if (typeof entry !== 'object' || entry === null) {
    throw new SafetensorsError('header', `tensor "${name}" is not described by an object`);
  }
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== 'string' || !Object.hasOwn(layout, dtype)) {
    throw new SafetensorsError(
      'dtype',
      `tensor "${name}" has unknown dtype ${JSON.stringify(dtype)}`,
    );
  }
  const isCount = (d: unknown) => Number.isSafeInteger(d) && (d as number) >= 0;
  if (!Array.isArray(shape) || shape.length > 16 || !shape.every(isCount)) {
    throw new SafetensorsError('shape', `tensor "${name}" has an invalid shape`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw new SafetensorsError('offsets', `tensor "${name}" has invalid data_offsets`);
  }
  const [begin, end] = offsets as [number, number];
  const expected = elementCount(shape as number[]) * layout[dtype as SafeDType].bytes;
  if (!Number.isSafeInteger(expected) || end < begin || end - begin !== expected) {
    throw new SafetensorsError(
      'offsets',
      `tensor "${name}": ${dtype}[${shape}] needs ${expected} bytes, offsets give ${end - begin}`,
    );
  }
  return { dtype: dtype as SafeDType, shape: shape as number[], begin, end };
}

/** Buffers must tile the data section exactly: no overlaps, no holes, nothing trailing. */
function checkCoverage(spans: [number, number, string][], dataLength: number): void {
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let at = 0;
  for (const [begin, end, name] of spans) {
    if (begin !== at) {
      throw new SafetensorsError(
        'offsets',
        begin < at
          ? `tensor "${name}" overlaps the previous tensor`
          : `gap before tensor "${name}"`,
      );
    }
    at = end;
  }
  if (at !== dataLength)
    throw new SafetensorsError(
      'offsets',
      `${dataLength - at} trailing bytes after the last tensor`,
    );
}
