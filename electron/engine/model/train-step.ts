/**
 * The whole training step as one graph: forward, backward, global-norm clipping and AdamW.
 * Parameters and moments go in, updated parameters and moments come out, with the loss and the
 * gradient norm. The host discards the outputs of a step whose loss or norm is not finite.
 */
import {
  add,
  div,
  exportOnnx,
  type FloatDType,
  Graph,
  grad,
  matmulFlops,
  minimum,
  mul,
  type OnnxModel,
  reduceSumSquare,
  sqrt,
  sub,
  type Tensor,
} from '../graph';
import { type ModelConfig, parameterShapes, validateConfig } from './config';
import { languageModelLoss } from './llama';

export interface BatchShape {
  batch: number;
  seq: number;
  /** float64 is for gradient checks; training runs in float32. */
  dtype?: FloatDType;
}

/** Scalar inputs of the step, fed every run so the schedule changes without a rebuild. */
export const hyperparameterNames = [
  'lr',
  'beta1',
  'beta2',
  'eps',
  'weight_decay',
  'max_grad_norm',
  'bias_correction1',
  'bias_correction2',
] as const;

export type Hyperparameters = Record<(typeof hyperparameterNames)[number], number>;

export const momentName = (which: 'm' | 'v', param: string) => `adam_${which}.${param}`;
export const nextName = (input: string) => `next.${input}`;

/** Decoupled weight decay applies to matrices only; norms and other vectors are not decayed. */
export const decays = (shape: readonly number[]) => shape.length >= 2;

export interface StepModel {
  onnx: OnnxModel;
  parameters: [string, number[]][];
  /** Matrix-product FLOPs of one run, for achieved-throughput figures. */
  flops: number;
}

function modelInputs(g: Graph, c: ModelConfig, shape: BatchShape) {
  const dtype = shape.dtype ?? 'float32';
  const seq = shape.seq;
  if (!Number.isInteger(seq) || seq < 1 || seq > c.max_position_embeddings) {
    throw new RangeError(
      `sequence length ${seq} must be between 1 and ${c.max_position_embeddings}`,
    );
  }
  const parameters = parameterShapes(validateConfig(c));
  const params = Object.fromEntries(parameters.map(([n, s]) => [n, g.input(n, dtype, s)]));
  const tokens = g.input('tokens', 'int32', [shape.batch, seq]);
  const targets = g.input('targets', 'int32', [shape.batch, seq]);
  return { dtype, parameters, params, tokens, targets };
}

export function buildTrainStep(c: ModelConfig, shape: BatchShape): StepModel {
  const g = new Graph();
  const { dtype, parameters, params, tokens, targets } = modelInputs(g, c, shape);
  const m = parameters.map(([n, s]) => g.input(momentName('m', n), dtype, s));
  const v = parameters.map(([n, s]) => g.input(momentName('v', n), dtype, s));
  const h = Object.fromEntries(
    hyperparameterNames.map((n) => [n, g.input(n, dtype, [])]),
  ) as Record<(typeof hyperparameterNames)[number], Tensor>;

  const loss = languageModelLoss(g, c, params, tokens, targets);
  const paramList = parameters.map(([n]) => params[n]!);
  const grads = grad(loss, paramList);

  const outputs: Record<string, Tensor> = { loss };
  g.scope('optimizer', () => {
    const sumSquares = grads.map((gi) => reduceSumSquare(gi)).reduce((a, b) => add(a, b));
    const gradNorm = sqrt(sumSquares);
    outputs.grad_norm = gradNorm;
    // Every factor that is the same for all elements is folded into a scalar first, so each
    // parameter costs as few passes over memory as possible: the clip coefficient goes into the
    // moment updates, bias corrections and learning rate into one step size and one divisor.
    const clip = minimum(div(h.max_grad_norm, add(gradNorm, 1e-6)), 1);
    const gradientWeight = mul(clip, sub(1, h.beta1));
    const squareWeight = mul(mul(clip, clip), sub(1, h.beta2));
    const stepSize = div(h.lr, h.bias_correction1);
    const inverseCorrection2 = div(1, h.bias_correction2);
    const decay = sub(1, mul(h.lr, h.weight_decay));
    parameters.forEach(([name, s], i) => {
      const p = paramList[i]!;
      const gi = grads[i]!;
      const m1 = add(mul(m[i]!, h.beta1), mul(gi, gradientWeight));
      const v1 = add(mul(v[i]!, h.beta2), mul(mul(gi, gi), squareWeight));
      const denominator = add(sqrt(mul(v1, inverseCorrection2)), h.eps);
      const kept = decays(s) ? mul(p, decay) : p;
      outputs[nextName(name)] = sub(kept, div(mul(m1, stepSize), denominator));
      outputs[nextName(momentName('m', name))] = m1;
      outputs[nextName(momentName('v', name))] = v1;
    });
  });
  const inputs = [
    ...paramList,
    ...m,
    ...v,
    tokens,
    targets,
    ...hyperparameterNames.map((n) => h[n]),
  ];
  return {
    onnx: exportOnnx(inputs, outputs, { name: `${c.name}-train-step` }),
    parameters,
    flops: matmulFlops(Object.values(outputs)),
  };
}

/** Loss only, for validators and held-out evaluation. */
export function buildEvalStep(c: ModelConfig, shape: BatchShape): StepModel {
  const g = new Graph();
  const { parameters, params, tokens, targets } = modelInputs(g, c, shape);
  const loss = languageModelLoss(g, c, params, tokens, targets);
  const inputs = [...parameters.map(([n]) => params[n]!), tokens, targets];
  return {
    onnx: exportOnnx(inputs, { loss }, { name: `${c.name}-eval` }),
    parameters,
    flops: matmulFlops([loss]),
  };
}

/** Loss and gradients only, for checks against finite differences and a reference implementation. */
export function buildGradientStep(c: ModelConfig, shape: BatchShape): StepModel {
  const g = new Graph();
  const { parameters, params, tokens, targets } = modelInputs(g, c, shape);
  const loss = languageModelLoss(g, c, params, tokens, targets);
  const paramList = parameters.map(([n]) => params[n]!);
  const grads = grad(loss, paramList);
  const outputs: Record<string, Tensor> = { loss };
  parameters.forEach(([n], i) => {
    outputs[`grad.${n}`] = grads[i]!;
  });
  return {
    onnx: exportOnnx([...paramList, tokens, targets], outputs, { name: `${c.name}-grad` }),
    parameters,
    flops: matmulFlops(Object.values(outputs)),
  };
}
