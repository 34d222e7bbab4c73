import { CodecError } from './errors';

/**
 * What sender and receivers must agree on to read a compressed pseudo-gradient. The values are
 * Covenant-72B's (reference/templar.md §2.1): 64x64 chunks, 64 of 4096 kept (1.5625 %), no DCT,
 * 2-bit values over ±3 standard deviations.
 */
export interface CodecParams {
  /** Largest chunk side; a chunk holds at most chunk² entries, so chunk <= 64 keeps indices in 12 bits. */
  readonly chunk: number;
  /** Entries kept per chunk, before the clamp/even rule of `keptPerChunk`. */
  readonly topk: number;
  /** Orthonormal DCT-II of each chunk before selection (DeMo); off in Covenant-72B. */
  readonly dct: boolean;
  /** Width of the 2-bit quantiser's range, in standard deviations of the kept values. */
  readonly quantRange: number;
}

export const defaultCodecParams: CodecParams = Object.freeze({
  chunk: 64,
  topk: 64,
  dct: false,
  quantRange: 6,
});

/** Bits per packed index and per packed value on the wire; fixed by protocol v1. */
export const INDEX_BITS = 12;
export const VALUE_BITS = 2;
/** Quantisation bins (2^VALUE_BITS) and the code of a value at the kept values' mean. */
export const QUANT_BINS = 4;
export const QUANT_OFFSET = 2;
/** Largest chunk side whose chunk-local indices fit in INDEX_BITS. */
export const MAX_CHUNK = 64;

export function validateCodecParams(p: CodecParams): CodecParams {
  if (!Number.isInteger(p.chunk) || p.chunk < 1 || p.chunk > MAX_CHUNK) {
    throw new CodecError(
      'invalid-params',
      `chunk must be a whole number from 1 to ${MAX_CHUNK} so indices fit in ${INDEX_BITS} bits, not ${p.chunk}`,
    );
  }
  if (!Number.isInteger(p.topk) || p.topk < 1 || p.topk > p.chunk * p.chunk) {
    throw new CodecError(
      'invalid-params',
      `topk must be a whole number from 1 to ${p.chunk * p.chunk}, not ${p.topk}`,
    );
  }
  if (typeof p.dct !== 'boolean') throw new CodecError('invalid-params', 'dct must be a boolean');
  if (!Number.isFinite(p.quantRange) || p.quantRange <= 0) {
    throw new CodecError('invalid-params', `quantRange must be positive, not ${p.quantRange}`);
  }
  return p;
}

/**
 * The parameters as they appear in a payload's metadata: canonical JSON (sorted keys, no spaces),
 * with the fixed bit widths spelled out so a reader never has to guess them.
 */
export function codecParamsText(p: CodecParams): string {
  return JSON.stringify({
    chunk: p.chunk,
    dct: p.dct,
    indexBits: INDEX_BITS,
    quantRange: p.quantRange,
    topk: p.topk,
    valueBits: VALUE_BITS,
  });
}
