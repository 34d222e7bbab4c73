import { topologicalOrder } from './autodiff';
import type { Tensor } from './tensor';

/**
 * Floating-point operations of the matrix products the outputs depend on (2·M·N·K each, batch
 * included). Elementwise work is left out: it is bandwidth, not arithmetic, and this number is
 * what "achieved GFLOP/s" is measured against.
 */
export function matmulFlops(outputs: readonly Tensor[]): number {
  let flops = 0;
  for (const t of topologicalOrder(outputs)) {
    if (t.op.type !== 'MatMul') continue;
    const a = t.inputs[0]!;
    flops += 2 * t.size * a.shape[a.rank - 1]!;
  }
  return flops;
}
