/** Combining gathered pseudo-gradients and the outer step. See docs/PROTOCOL.md. */
export {
  type Aggregate,
  type AggregateOptions,
  AggregationError,
  type AggregationErrorKind,
  aggregate,
  DEFAULT_REDUCTION,
  type GatheredPseudoGradient,
  type Reduction,
} from './aggregate';
export { DEFAULT_OUTER_LR, OuterOptimizer, type OuterStepSettings } from './outer-optimizer';
