/**
 * Layers composed from the primitives; their gradients come from the primitives' rules.
 */
import {
  add,
  div,
  exp,
  gatherElements,
  log,
  matmul,
  mul,
  neg,
  reciprocal,
  reduceMax,
  reduceMean,
  reduceSum,
  reshape,
  sigmoid,
  sqrt,
  stopGradient,
  sub,
  transposeLast2,
} from './primitives';
import type { Tensor } from './tensor';

/** Softmax along `axis`, shifted by the (gradient-free) maximum for stability. */
export function softmax(x: Tensor, axis = -1): Tensor {
  const e = exp(sub(x, stopGradient(reduceMax(x, [axis], true))));
  return div(e, reduceSum(e, [axis], true));
}

/**
 * log(softmax(x)) without the LogSoftmax op, which WebGPU runs on the CPU: a shift by the
 * maximum, then log-sum-exp, all ops that stay on the device.
 */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const shifted = sub(x, stopGradient(reduceMax(x, [axis], true)));
  return sub(shifted, log(reduceSum(exp(shifted), [axis], true)));
}

/** Root-mean-square normalisation over the last axis, scaled by `weight`. */
export function rmsNorm(x: Tensor, weight: Tensor, eps: number): Tensor {
  const meanSquare = reduceMean(mul(x, x), [-1], true);
  return mul(mul(x, reciprocal(sqrt(add(meanSquare, eps)))), weight);
}

export const silu = (x: Tensor): Tensor => mul(x, sigmoid(x));

/** x @ weight^T with weight stored [out, in], as torch.nn.Linear and Hugging Face store it. */
export const linear = (x: Tensor, weight: Tensor): Tensor => matmul(x, transposeLast2(weight));

/** Mean cross-entropy of `logits` [N, V] against integer `targets` [N]. */
export function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  const n = logits.shape[0]!;
  const picked = gatherElements(logSoftmax(logits, -1), reshape(targets, [n, 1]), 1);
  return neg(reduceMean(picked));
}
