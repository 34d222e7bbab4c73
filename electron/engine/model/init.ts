import { createHash } from 'node:crypto';
import { type ModelConfig, parameterShapes } from './config';

/** Parameter values by Hugging Face name, fp32, in `parameterShapes` order. */
export type Weights = Map<string, Float32Array>;

/**
 * xoshiro128** seeded from SHA-256 of a string: fast, and the same numbers on every platform, so
 * every miner in a run starts from the identical model given the run's seed.
 */
export class SeededRandom {
  private s: Uint32Array;

  constructor(seed: string) {
    const digest = createHash('sha256').update(seed).digest();
    this.s = new Uint32Array(digest.buffer.slice(digest.byteOffset, digest.byteOffset + 16));
    if (this.s.every((x) => x === 0)) this.s[0] = 1;
  }

  /** Uniform in [0, 2^32). */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** Uniform in (0, 1). */
  nextUnit(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Fills `out` with N(0, std²) by the Box-Muller transform. */
  fillNormal(out: Float32Array, std: number): void {
    for (let i = 0; i < out.length; i += 2) {
      const r = Math.sqrt(-2 * Math.log(this.nextUnit())) * std;
      const theta = 2 * Math.PI * this.nextUnit();
      out[i] = r * Math.cos(theta);
      if (i + 1 < out.length) out[i + 1] = r * Math.sin(theta);
    }
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * GPT-2 style initialisation: N(0, 0.02) for matrices, the residual projections (o_proj,
 * down_proj) scaled down by sqrt(2 * layers) so the residual stream's variance does not grow with
 * depth, and norm weights at one.
 */
export function initWeights(c: ModelConfig, seed: string): Weights {
  const random = new SeededRandom(`tessera/init/v1|${seed}`);
  const weights: Weights = new Map();
  const residualStd = 0.02 / Math.sqrt(2 * c.num_hidden_layers);
  for (const [name, shape] of parameterShapes(c)) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (shape.length === 1) values.fill(1);
    else {
      const residual = name.endsWith('o_proj.weight') || name.endsWith('down_proj.weight');
      random.fillNormal(values, residual ? residualStd : 0.02);
    }
    weights.set(name, values);
  }
  return weights;
}
