import { type ChunkGeometry, chunkGeometry, chunkOrigin, readChunk, writeChunk } from './chunking';
import type { CompressedTensor } from './compressed-tensor';
import { idct2 } from './dct';
import { packedValueBytes, unpackCodes } from './pack2';
import { packedIndexBytes, unpackIndices } from './pack12';
import type { CodecParams } from './params';
import { QUANT_BINS } from './params';
import { dequantize, SCALE_MAX, SCALE_MIN } from './quantize';
import { float64Scratch, uint8Scratch, uint16Scratch } from './scratch';

const unpackedIndices = uint16Scratch();
const unpackedCodes = uint8Scratch();
const coefficients = float64Scratch();
const restored = float64Scratch();
const transformScratch = float64Scratch();
const decoded = new Float64Array(QUANT_BINS);

export type CompressedTensorProblemKind =
  | 'size'
  | 'padding'
  | 'index-out-of-range'
  | 'index-order'
  | 'quantization';

export interface CompressedTensorProblem {
  kind: CompressedTensorProblemKind;
  message: string;
}

/**
 * What is wrong with a compressed tensor that came from a peer, or null: packed sizes, zero
 * padding, every index inside its chunk and strictly ascending (top-k never repeats an entry, so
 * a repeat is forged), and finite quantisation parameters with 1e-12 < |scale| < 1e4.
 */
export function checkCompressedTensor(
  t: CompressedTensor,
  g: ChunkGeometry,
): CompressedTensorProblem | null {
  const n = g.keptTotal;
  if (t.indices.length !== packedIndexBytes(n) || t.values.length !== packedValueBytes(n)) {
    return {
      kind: 'size',
      message: `expected ${packedIndexBytes(n)} index bytes and ${packedValueBytes(n)} value bytes for ${n} kept entries`,
    };
  }
  const { shift, scale, lookup } = t.quant;
  if (!Number.isFinite(shift) || lookup.length !== QUANT_BINS || !lookup.every(Number.isFinite)) {
    return { kind: 'quantization', message: 'the shift or lookup table is not finite' };
  }
  if (!(Math.abs(scale) > SCALE_MIN && Math.abs(scale) < SCALE_MAX)) {
    return {
      kind: 'quantization',
      message: `scale ${scale} is outside (${SCALE_MIN}, ${SCALE_MAX})`,
    };
  }
  const idx = unpackedIndices.take(n);
  if (!unpackIndices(t.indices, 0, n, idx)) {
    return { kind: 'padding', message: 'the padding after the last index is not zero' };
  }
  if (!unpackCodes(t.values, 0, n, unpackedCodes.take(n))) {
    return { kind: 'padding', message: 'the padding after the last value is not zero' };
  }
  for (let chunk = 0, at = 0; chunk < g.chunkCount; chunk++) {
    let previous = -1;
    for (let j = 0; j < g.kept; j++, at++) {
      const i = idx[at]!;
      if (i >= g.chunkSize) {
        return {
          kind: 'index-out-of-range',
          message: `chunk ${chunk} names entry ${i} of a chunk of ${g.chunkSize}`,
        };
      }
      if (i <= previous) {
        return {
          kind: 'index-order',
          message: `chunk ${chunk} lists entry ${i} after ${previous}; indices must strictly ascend`,
        };
      }
      previous = i;
    }
  }
  return null;
}

/**
 * target[p] += factor * value for every kept entry, at its dense position p, in the coefficient
 * domain (no inverse DCT). With `counts`, also counts[p] += 1. The tensor must have passed
 * checkCompressedTensor (or come from compressTensor).
 */
export function scatterKept(
  t: CompressedTensor,
  g: ChunkGeometry,
  target: Float32Array | Float64Array,
  factor: number,
  counts?: Uint16Array,
): void {
  const n = g.keptTotal;
  const idx = unpackedIndices.take(n);
  const codes = unpackedCodes.take(n);
  unpackIndices(t.indices, 0, n, idx);
  unpackCodes(t.values, 0, n, codes);
  for (let b = 0; b < QUANT_BINS; b++) decoded[b] = factor * dequantize(t.quant, b);
  const w = g.w;
  for (let chunk = 0, at = 0; chunk < g.chunkCount; chunk++) {
    const origin = chunkOrigin(g, chunk);
    for (let j = 0; j < g.kept; j++, at++) {
      const local = idx[at]!;
      const r = (local / w) | 0;
      const p = origin + r * g.cols + (local - r * w);
      target[p] = target[p]! + decoded[codes[at]!]!;
      if (counts) counts[p] = counts[p]! + 1;
    }
  }
}

/** The dense position of every kept entry, in wire order, into out[0 .. keptTotal). */
export function writeKeptPositions(t: CompressedTensor, g: ChunkGeometry, out: Uint32Array): void {
  const idx = unpackedIndices.take(g.keptTotal);
  unpackIndices(t.indices, 0, g.keptTotal, idx);
  const w = g.w;
  for (let chunk = 0, at = 0; chunk < g.chunkCount; chunk++) {
    const origin = chunkOrigin(g, chunk);
    for (let j = 0; j < g.kept; j++, at++) {
      const local = idx[at]!;
      const r = (local / w) | 0;
      out[at] = origin + r * g.cols + (local - r * w);
    }
  }
}

/** Replaces each chunk of `dense` (coefficients) by its inverse DCT. */
export function inverseTransformChunks(g: ChunkGeometry, dense: Float32Array | Float64Array): void {
  const y = coefficients.take(g.chunkSize);
  const x = restored.take(g.chunkSize);
  const t = transformScratch.take(g.chunkSize);
  for (let chunk = 0; chunk < g.chunkCount; chunk++) {
    readChunk(g, dense, chunk, y);
    idct2(y, g.h, g.w, x, t);
    writeChunk(g, x, chunk, dense);
  }
}

/** target += factor * decoded tensor, in the parameter domain. */
export function addDecoded(
  t: CompressedTensor,
  shape: readonly number[],
  params: CodecParams,
  target: Float32Array,
  factor = 1,
): void {
  const g = chunkGeometry(shape, params);
  if (!params.dct) {
    scatterKept(t, g, target, factor);
    return;
  }
  const dense = new Float64Array(g.rows * g.cols);
  scatterKept(t, g, dense, factor);
  inverseTransformChunks(g, dense);
  // Rounded to float32 first: that is the decoded message a receiver holds.
  for (let i = 0; i < dense.length; i++) target[i] = target[i]! + Math.fround(dense[i]!);
}

/** The dense tensor a receiver reconstructs: zeros except the kept entries (DCT undone). */
export function decompressTensor(
  t: CompressedTensor,
  shape: readonly number[],
  params: CodecParams,
): Float32Array {
  const g = chunkGeometry(shape, params);
  const out = new Float32Array(g.rows * g.cols);
  addDecoded(t, shape, params, out);
  return out;
}

/** L2 norm of the decoded kept values (equal in both domains: the DCT is orthonormal). */
export function keptNorm(t: CompressedTensor, g: ChunkGeometry): number {
  const n = g.keptTotal;
  const codes = unpackedCodes.take(n);
  unpackCodes(t.values, 0, n, codes);
  const perCode = new Float64Array(QUANT_BINS);
  for (let i = 0; i < n; i++) perCode[codes[i]!]! += 1;
  let squares = 0;
  for (let b = 0; b < QUANT_BINS; b++) squares += perCode[b]! * dequantize(t.quant, b) ** 2;
  return Math.sqrt(squares);
}
