/**
 * The synced model as the host holds it between windows: weights by name and the window they are
 * for. The trainer process only computes; this copy is what every participant must agree on, and
 * its hash is how they check that they do.
 */
import { createHash } from 'node:crypto';
import type { ParameterLayout } from '../../protocol/codec';

export type Weights = Map<string, Float32Array>;

export interface ModelState {
  /** The window these weights are trained in (after the outer step of window - 1). */
  window: number;
  weights: Weights;
  /** modelHash(weights), kept so it is computed once. */
  hash: string;
}

/** SHA-256 over every parameter's float32 bytes in layout order: equal only for equal bits. */
export function modelHash(weights: Weights, layout: ParameterLayout): string {
  const hash = createHash('sha256');
  for (const [name] of layout) {
    const t = weights.get(name);
    if (!t) throw new RangeError(`the model has no ${name}`);
    hash.update(name);
    hash.update(new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
  }
  return hash.digest('hex');
}

export function cloneWeights(weights: Weights): Weights {
  return new Map([...weights].map(([n, t]) => [n, Float32Array.from(t)]));
}
