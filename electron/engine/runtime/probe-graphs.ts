import { add, div, exp, exportOnnx, Graph, matmul, reduceSum, tanh } from '../graph';

/**
 * The graphs a provider is tried on. The check graph is small but uses the kinds of op a training
 * step does (matrix product, broadcast add, elementwise, reduction); its odd shapes reach the edge
 * handling of tiled kernels, where GPU bugs tend to live.
 */
const ROWS = 33;
const INNER = 70;
const COLS = 45;

export interface CheckCase {
  model: Uint8Array;
  inputs: { x: Float32Array; w: Float32Array; b: Float32Array };
  shapes: { x: number[]; w: number[]; b: number[] };
  /** The same computation in float64 on the host CPU. */
  expected: { z: Float64Array; p: Float64Array };
}

/** z = x·w + b and p = softmax(tanh(z)) over the last axis. */
export function buildCheckCase(): CheckCase {
  const g = new Graph();
  const x = g.input('x', 'float32', [ROWS, INNER]);
  const w = g.input('w', 'float32', [INNER, COLS]);
  const b = g.input('b', 'float32', [COLS]);
  const z = add(matmul(x, w), b);
  const e = exp(tanh(z));
  const p = div(e, reduceSum(e, [1], true));
  const { model } = exportOnnx([x, w, b], { z, p });

  const random = seededUniform(0x7e55e7a);
  const inputs = {
    x: fill(ROWS * INNER, random),
    w: fill(INNER * COLS, random),
    b: fill(COLS, random),
  };
  return {
    model,
    inputs,
    shapes: { x: [ROWS, INNER], w: [INNER, COLS], b: [COLS] },
    expected: referenceCheck(inputs),
  };
}

function referenceCheck({ x, w, b }: CheckCase['inputs']): CheckCase['expected'] {
  const z = new Float64Array(ROWS * COLS);
  const p = new Float64Array(ROWS * COLS);
  for (let r = 0; r < ROWS; r++) {
    let sum = 0;
    for (let c = 0; c < COLS; c++) {
      let acc = b[c]!;
      for (let k = 0; k < INNER; k++) acc += x[r * INNER + k]! * w[k * COLS + c]!;
      z[r * COLS + c] = acc;
      p[r * COLS + c] = Math.exp(Math.tanh(acc));
      sum += p[r * COLS + c]!;
    }
    for (let c = 0; c < COLS; c++) p[r * COLS + c]! /= sum;
  }
  return { z, p };
}

/** An n×n fp32 matrix product, the operation that dominates a training step. */
export function buildMatmulModel(n: number): Uint8Array {
  const g = new Graph();
  const a = g.input('a', 'float32', [n, n]);
  const b = g.input('b', 'float32', [n, n]);
  return exportOnnx([a, b], { y: matmul(a, b) }).model;
}

export const matmulFlops = (n: number): number => 2 * n ** 3;

/** Uniform in [-1, 1), the same sequence every run (mulberry32). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * 2 - 1;
  };
}

export function fill(length: number, random: () => number): Float32Array {
  const values = new Float32Array(length);
  for (let i = 0; i < length; i++) values[i] = random();
  return values;
}
