/**
 * The outer step every participant applies to the synced model after aggregation: SGD on the
 * aggregated pseudo-gradient, optionally with (Nesterov) momentum, with torch.optim.SGD's
 * semantics (no dampening): buf <- mu * buf + g; d = nesterov ? g + mu * buf : buf;
 * theta <- theta - lr * d. Covenant-72B used plain SGD (lr 0.4, later 1.0): error feedback already
 * acts as momentum. DiLoCo uses Nesterov (lr 0.7, mu 0.9).
 */
/**
 * The outer learning rate for compressed updates reduced with mean-over-selecting: best of
 * 0.5 to 2 in bench:comm (docs/PROTOCOL.md §6). Above 1 it overshoots: a coordinate that only one
 * peer sent moves by that peer's whole residual, where dense averaging would move it by 1/K.
 */
export const DEFAULT_OUTER_LR = 0.7;

export interface OuterStepSettings {
  lr: number;
  /** 0 for plain SGD. */
  momentum?: number;
  nesterov?: boolean;
}

export class OuterOptimizer {
  private readonly buffers = new Map<string, Float32Array>();
  readonly lr: number;
  readonly momentum: number;
  readonly nesterov: boolean;

  constructor(settings: OuterStepSettings) {
    this.lr = settings.lr;
    this.momentum = settings.momentum ?? 0;
    this.nesterov = settings.nesterov ?? false;
    if (!(this.lr > 0) || !Number.isFinite(this.lr)) {
      throw new RangeError(`the outer learning rate must be positive, not ${this.lr}`);
    }
    if (!(this.momentum >= 0 && this.momentum < 1)) {
      throw new RangeError(`the outer momentum must be in [0, 1), not ${this.momentum}`);
    }
    if (this.nesterov && this.momentum === 0) {
      throw new RangeError('Nesterov momentum needs a momentum above 0');
    }
  }

  /**
   * Applies one outer step to `weights` in place. A parameter whose update is not finite is left
   * as it is (as Templar skips it) and its name returned.
   */
  step(weights: Map<string, Float32Array>, update: ReadonlyMap<string, Float32Array>): string[] {
    const skipped: string[] = [];
    for (const [name, g] of update) {
      const theta = weights.get(name);
      if (!theta || theta.length !== g.length) {
        throw new RangeError(`the update for ${name} does not match the model`);
      }
      if (!g.every(Number.isFinite)) {
        skipped.push(name);
        continue;
      }
      if (this.momentum === 0) {
        for (let i = 0; i < g.length; i++) theta[i] = theta[i]! - this.lr * g[i]!;
        continue;
      }
      let buf = this.buffers.get(name);
      if (!buf) {
        buf = new Float32Array(g.length);
        this.buffers.set(name, buf);
      }
      const mu = this.momentum;
      for (let i = 0; i < g.length; i++) {
        const b = mu * buf[i]! + g[i]!;
        buf[i] = b;
        const d = this.nesterov ? g[i]! + mu * Math.fround(b) : Math.fround(b);
        theta[i] = theta[i]! - this.lr * d;
      }
    }
    return skipped;
  }

  /** Momentum buffers, for checkpoints. */
  momentumBuffers(): ReadonlyMap<string, Float32Array> {
    return this.buffers;
  }
}
