import { cpus } from 'node:os';
import * as ort from 'onnxruntime-node';
import type { ExecutionProviderName } from './execution-providers';
import { buildCheckCase, buildMatmulModel, fill, matmulFlops, seededUniform } from './probe-graphs';
import { assessProvider, type ProviderReport } from './provider-report';
import { compareWithReference } from './result-comparison';

/** Size of the timed matrix product: large enough to keep a GPU busy, quick on a CPU. */
export const MATMUL_SIZE = 1024;
/** Timed runs stop after this many, or once this much time has been spent. */
const MAX_TIMED_RUNS = 10;
const MIN_TIMED_RUNS = 2;
const TIME_BUDGET_MS = 2000;

/**
 * Tries one provider in this process: runs the check graph and compares it with the reference,
 * then times the matrix product. Session creation errors propagate; the caller runs this in a
 * child process precisely because a native failure may abort instead of throwing.
 */
export async function checkProvider(name: ExecutionProviderName): Promise<ProviderReport> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [name],
    graphOptimizationLevel: 'all',
  };

  const check = buildCheckCase();
  const checkSession = await ort.InferenceSession.create(check.model, options);
  const outputs = await checkSession.run({
    x: new ort.Tensor('float32', check.inputs.x, check.shapes.x),
    w: new ort.Tensor('float32', check.inputs.w, check.shapes.w),
    b: new ort.Tensor('float32', check.inputs.b, check.shapes.b),
  });
  const comparison = compareWithReference(
    { z: outputs.z!.data as Float32Array, p: outputs.p!.data as Float32Array },
    check.expected,
  );
  await checkSession.release();
  if (!comparison.agrees) return assessProvider(name, comparison, { gflops: 0 });

  const gflops = await timeMatmul(options, MATMUL_SIZE);
  return assessProvider(name, comparison, { gflops, ...deviceOf(name) });
}

/** Achieved GFLOP/s of an n×n fp32 matrix product under `options` (median of timed runs). */
export async function timeMatmul(
  options: ort.InferenceSession.SessionOptions,
  n: number = MATMUL_SIZE,
): Promise<number> {
  const session = await ort.InferenceSession.create(buildMatmulModel(n), options);
  const random = seededUniform(n);
  const feeds = {
    a: new ort.Tensor('float32', fill(n * n, random), [n, n]),
    b: new ort.Tensor('float32', fill(n * n, random), [n, n]),
  };
  // Inputs and output cross host memory on every run, as they do for CUDA in node. Training on
  // WebGPU keeps tensors on the device, so there this is a lower bound.
  await session.run(feeds); // warm-up: kernel compilation and allocation are not throughput
  const times: number[] = [];
  const started = performance.now();
  while (
    times.length < MIN_TIMED_RUNS ||
    (times.length < MAX_TIMED_RUNS && performance.now() - started < TIME_BUDGET_MS)
  ) {
    const t0 = performance.now();
    await session.run(feeds);
    times.push(performance.now() - t0);
  }
  await session.release();
  const medianMs = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  return matmulFlops(n) / (medianMs * 1e6);
}

/**
 * The device a provider ran on, only where that is certain: onnxruntime-node does not say which
 * adapter WebGPU or DirectML picked, and CUDA's device 0 need not be nvidia-smi's first GPU.
 */
function deviceOf(name: ExecutionProviderName): { device?: string } {
  const model = cpus()[0]?.model.trim();
  return name === 'cpu' && model ? { device: model } : {};
}
