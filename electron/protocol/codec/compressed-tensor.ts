import type { QuantParams } from './quantize';

/**
 * One parameter's share of a compressed pseudo-gradient: the kept entries of every chunk, chunk
 * by chunk, indices ascending within a chunk.
 */
export interface CompressedTensor {
  /** Chunk-local indices, 12-bit packed (pack12.ts). */
  readonly indices: Uint8Array;
  /** 2-bit codes of the kept values in the same order, four per byte (pack2.ts). */
  readonly values: Uint8Array;
  readonly quant: QuantParams;
}

/** A compressed pseudo-gradient: one CompressedTensor per parameter name. */
export type CompressedPseudoGradient = Map<string, CompressedTensor>;
