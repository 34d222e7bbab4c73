/**
 * From one window's gathered payloads to the next window's model: aggregate (median-norm clip,
 * mean over the peers that selected each coordinate, ascending hotkey order) and one outer SGD
 * step. Miners and the validator call this same function on the same set, so they land on the
 * same bits; with no momentum the step has no state to drift apart.
 */
import { aggregate, type GatheredPseudoGradient, OuterOptimizer } from '../../protocol/aggregate';
import type { CodecParams, ParameterLayout } from '../../protocol/codec';
import { cloneWeights, type ModelState, modelHash } from './model-state';

export interface OuterStepInput {
  state: ModelState;
  gathered: readonly GatheredPseudoGradient[];
  layout: ParameterLayout;
  codec: CodecParams;
  outerLr: number;
}

/** The model for `state.window + 1`. Nothing gathered: the same weights, one window on. */
export function outerStep(input: OuterStepInput): ModelState {
  const { state, gathered, layout } = input;
  if (gathered.length === 0) return { ...state, window: state.window + 1 };
  const { update } = aggregate(gathered, layout, input.codec);
  const weights = cloneWeights(state.weights);
  new OuterOptimizer({ lr: input.outerLr }).step(weights, update);
  return { window: state.window + 1, weights, hash: modelHash(weights, layout) };
}
