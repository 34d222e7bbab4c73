import { chunkGeometry } from './chunking';
import { checkSize, compressFinite } from './compress';
import type { CompressedPseudoGradient, CompressedTensor } from './compressed-tensor';
import { addDecoded } from './decompress';
import { CodecError } from './errors';
import { elementCount, type ParameterLayout } from './layout';
import type { CodecParams } from './params';

/** Covenant-72B's error-feedback decay (`momentum_decay`, reference/templar.md §2.1). */
export const DEFAULT_FEEDBACK_DECAY = 0.95;

/**
 * One tensor's error-feedback step: e <- beta * e + delta; send compress(e); e <- e - decoded.
 * What top-k left out stays in e and is sent in a later window, which is also why SparseLoCo
 * needs no outer momentum: e is a local momentum of everything not yet sent.
 */
export function compressWithFeedback(
  residual: Float32Array,
  delta: Float32Array,
  shape: readonly number[],
  params: CodecParams,
  beta = DEFAULT_FEEDBACK_DECAY,
): CompressedTensor {
  if (residual.length !== delta.length) {
    throw new CodecError(
      'size-mismatch',
      `residual has ${residual.length} values, the pseudo-gradient ${delta.length}`,
    );
  }
  const g = chunkGeometry(shape, params);
  checkSize(g, residual, shape);
  // The fold e <- beta * e + delta happens chunk by chunk inside the compression (compress.ts).
  const message = compressFinite(residual, g, params, { delta, beta });
  addDecoded(message, shape, params, residual, -1);
  return message;
}

/** A miner's error-feedback residuals, one per parameter, kept across windows. */
export class ErrorFeedback {
  private readonly residuals = new Map<string, Float32Array>();

  constructor(
    readonly layout: ParameterLayout,
    readonly params: CodecParams,
    readonly beta = DEFAULT_FEEDBACK_DECAY,
  ) {
    if (!(beta >= 0 && beta <= 1)) {
      throw new CodecError('invalid-params', `the feedback decay must be in [0, 1], not ${beta}`);
    }
    for (const [name, shape] of layout)
      this.residuals.set(name, new Float32Array(elementCount(shape)));
  }

  /** Folds this window's pseudo-gradient (start - end) into the residuals and compresses them. */
  compress(pseudoGradient: ReadonlyMap<string, Float32Array>): CompressedPseudoGradient {
    const message: CompressedPseudoGradient = new Map();
    for (const [name, shape] of this.layout) {
      const delta = pseudoGradient.get(name);
      if (!delta) throw new CodecError('size-mismatch', `the pseudo-gradient has no ${name}`);
      message.set(
        name,
        compressWithFeedback(this.residuals.get(name)!, delta, shape, this.params, this.beta),
      );
    }
    return message;
  }

  /** The residual of one parameter (live; do not write to it). */
  residual(name: string): Float32Array | undefined {
    return this.residuals.get(name);
  }

  /** A null round: forget everything not yet sent. */
  reset(): void {
    for (const r of this.residuals.values()) r.fill(0);
  }
}
