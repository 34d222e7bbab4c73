/**
 * Learning-rate schedule and AdamW settings for the inner steps. Linear warm-up then cosine decay
 * to a floor, as nanoGPT and most LLaMA recipes use.
 */
export interface Schedule {
  peakLr: number;
  minLr: number;
  warmupSteps: number;
  /** Steps over which the cosine decays from peak to floor; past it the floor holds. */
  decaySteps: number;
}

export interface AdamWSettings {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  maxGradNorm: number;
}

export const defaultAdamW: AdamWSettings = {
  beta1: 0.9,
  beta2: 0.95,
  eps: 1e-8,
  weightDecay: 0.1,
  maxGradNorm: 1.0,
};

/** Learning rate for optimizer step `step` (1-based). */
export function learningRate(s: Schedule, step: number): number {
  if (step <= s.warmupSteps) return (s.peakLr * step) / Math.max(1, s.warmupSteps);
  const progress = Math.min(1, (step - s.warmupSteps) / Math.max(1, s.decaySteps - s.warmupSteps));
  return s.minLr + 0.5 * (s.peakLr - s.minLr) * (1 + Math.cos(Math.PI * progress));
}

export function validateSchedule(s: Schedule): Schedule {
  const ok =
    Number.isFinite(s.peakLr) &&
    s.peakLr > 0 &&
    Number.isFinite(s.minLr) &&
    s.minLr >= 0 &&
    s.minLr <= s.peakLr &&
    Number.isInteger(s.warmupSteps) &&
    s.warmupSteps >= 0 &&
    Number.isInteger(s.decaySteps) &&
    s.decaySteps >= s.warmupSteps;
  if (!ok) {
    throw new RangeError(
      `invalid schedule: need 0 <= minLr <= peakLr, peakLr > 0, integer 0 <= warmupSteps <= decaySteps (got ${JSON.stringify(s)})`,
    );
  }
  return s;
}

/**
 * The train step's scalar inputs for AdamW step `t` (1-based) at learning rate `lr`: the bias
 * corrections are computed here, once, rather than in the graph.
 */
export function adamwInputs(a: AdamWSettings, lr: number, t: number) {
  return {
    lr,
    beta1: a.beta1,
    beta2: a.beta2,
    eps: a.eps,
    weight_decay: a.weightDecay,
    max_grad_norm: a.maxGradNorm,
    bias_correction1: 1 - a.beta1 ** t,
    bias_correction2: 1 - a.beta2 ** t,
  };
}
