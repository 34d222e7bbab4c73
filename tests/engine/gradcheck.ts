/**
 * Central finite differences in float64 against the gradients our graphs compute, run through
 * real onnxruntime sessions on the CPU.
 */
import * as ort from 'onnxruntime-node';
import { exportOnnx, Graph, grad, type Tensor } from '../../electron/engine/graph';

export interface GradcheckCase {
  /** Builds a scalar loss from float64 inputs; returns those to differentiate. */
  build(g: Graph): { loss: Tensor; wrt: Tensor[]; inputs: Tensor[] };
  /** Values for every input, by name (random values are used where missing). */
  values?: Record<string, ort.Tensor>;
}

export interface GradcheckResult {
  maxRelativeError: number;
  worst: string;
  checked: number;
}

export function randomTensor(
  shape: readonly number[],
  random: () => number,
  offset = 0,
): ort.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return new ort.Tensor(
    'float64',
    Float64Array.from({ length: size }, () => random() + offset),
    [...shape],
  );
}

/** A small deterministic generator so failures reproduce. */
export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296 - 0.5;
  };
}

export async function gradcheck(
  testCase: GradcheckCase,
  options: { epsilon?: number; sample?: number; seed?: number } = {},
): Promise<GradcheckResult> {
  const epsilon = options.epsilon ?? 1e-5;
  const random = lcg(options.seed ?? 7);
  const g = new Graph();
  const { loss, wrt, inputs } = testCase.build(g);
  const grads = grad(loss, wrt);
  const outputs: Record<string, Tensor> = { loss };
  grads.forEach((gradient, i) => {
    outputs[`grad${i}`] = gradient;
  });
  const { model } = exportOnnx(inputs, outputs);
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });
  const feeds: Record<string, ort.Tensor> = {};
  for (const t of inputs)
    feeds[t.name] = testCase.values?.[t.name] ?? randomTensor(t.shape, random);
  const analytic = await session.run(feeds);
  const lossAt = async (name: string, values: Float64Array): Promise<number> => {
    const changed = new ort.Tensor('float64', values, feeds[name]!.dims);
    const out = await session.run({ ...feeds, [name]: changed });
    return (out.loss!.data as Float64Array)[0]!;
  };

  let maxRelativeError = 0;
  let worst = '';
  let checked = 0;
  for (const [k, t] of wrt.entries()) {
    const base = feeds[t.name]!.data as Float64Array;
    const gradient = analytic[`grad${k}`]!.data as Float64Array;
    const count = Math.min(base.length, options.sample ?? base.length);
    const stride = base.length / count;
    for (let s = 0; s < count; s++) {
      const i = Math.floor(s * stride);
      const plus = Float64Array.from(base);
      const minus = Float64Array.from(base);
      plus[i]! += epsilon;
      minus[i]! -= epsilon;
      const numeric =
        ((await lossAt(t.name, plus)) - (await lossAt(t.name, minus))) / (2 * epsilon);
      const a = gradient[i]!;
      // Relative to the larger magnitude, floored so entries whose true gradient is ~0 are
      // judged by absolute error at the level finite differences can resolve.
      const error = Math.abs(numeric - a) / Math.max(Math.abs(numeric), Math.abs(a), 1e-4);
      checked++;
      if (error > maxRelativeError) {
        maxRelativeError = error;
        worst = `${t.name}[${i}]: numeric ${numeric}, analytic ${a}`;
      }
    }
  }
  await session.release();
  return { maxRelativeError, worst, checked };
}
