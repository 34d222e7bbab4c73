import { GraphError } from './errors';
import { graphOfTensor } from './graph';
import { add, expand } from './primitives';
import type { Tensor } from './tensor';

/** Every tensor `roots` depend on, each after its inputs. */
export function topologicalOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative depth-first walk: model graphs are deep enough to overflow a recursive one.
  const stack: [Tensor, number][] = roots.map((t) => [t, 0]);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [t, next] = top;
    if (next === 0 && seen.has(t)) {
      stack.pop();
      continue;
    }
    seen.add(t);
    const input = t.inputs[next];
    if (input) {
      top[1] = next + 1;
      if (!seen.has(input)) stack.push([input, 0]);
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

/**
 * Reverse-mode gradients of a scalar `loss` with respect to each of `params`: walk the graph
 * backwards from the loss, asking each op for its vector-Jacobian product and summing where a
 * tensor feeds several consumers. A parameter the loss does not depend on gets zeros.
 */
export function grad(loss: Tensor, params: readonly Tensor[]): Tensor[] {
  if (loss.size !== 1) {
    throw new GraphError('gradient', `grad: loss ${loss} must hold a single value`);
  }
  const order = topologicalOrder([loss]);
  const wanted = new Set(params);
  // Only tensors that lie on a path from a parameter need a gradient.
  const onPath = new Set<Tensor>();
  for (const t of order) {
    if (wanted.has(t) || (!t.op.blocksGradient && t.inputs.some((i) => onPath.has(i)))) {
      onPath.add(t);
    }
  }
  const grads = new Map<Tensor, Tensor>();
  const g = graphOfTensor(loss);
  grads.set(loss, expand(g.scalar(1, loss.dtype), loss.shape));
  for (let i = order.length - 1; i >= 0; i--) {
    const t = order[i]!;
    const upstream = grads.get(t);
    if (!upstream || !onPath.has(t) || t.inputs.length === 0) continue;
    if (!t.op.vjp) {
      throw new GraphError('gradient', `grad: ${t.op.type} (${t.name}) has no gradient rule`);
    }
    const vjp = t.op.vjp;
    const inputGrads = g.scope(`grad:${t.name.replaceAll('/', ':')}`, () => vjp(upstream, t));
    t.inputs.forEach((input, k) => {
      const gi = inputGrads[k];
      if (!gi || !onPath.has(input)) return;
      const previous = grads.get(input);
      grads.set(input, previous ? add(previous, gi) : gi);
    });
  }
  return params.map((p) => grads.get(p) ?? expand(g.scalar(0, p.dtype), p.shape));
}
