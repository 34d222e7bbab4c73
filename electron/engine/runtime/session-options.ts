import { availableParallelism } from 'node:os';
import type * as ort from 'onnxruntime-node';
import type { ExecutionProviderName } from './execution-providers';

/** Session options per provider; the same everywhere so a CPU check compares like with like. */
export function sessionOptions(
  provider: ExecutionProviderName,
  threads: number = availableParallelism(),
): ort.InferenceSession.SessionOptions {
  const base: ort.InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    logSeverityLevel: 3,
  };
  switch (provider) {
    case 'cpu':
      return { ...base, executionProviders: ['cpu'] };
    case 'cuda':
      return { ...base, executionProviders: [{ name: 'cuda', deviceId: 0 }] };
    // The DirectML provider needs memory patterns off and sequential execution (its docs).
    case 'dml':
      return {
        ...base,
        enableMemPattern: false,
        executionProviders: [{ name: 'dml', deviceId: 0 }],
      };
    case 'webgpu':
      return { ...base, executionProviders: ['webgpu'] };
  }
}

/** Parameters and moments can stay on the device between runs only on WebGPU in onnxruntime-node. */
export const keepsStateOnDevice = (provider: ExecutionProviderName): boolean =>
  provider === 'webgpu';
