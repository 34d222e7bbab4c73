import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { Graph, Tensor } from '../../../electron/engine/graph';
import * as G from '../../../electron/engine/graph';
import { gradcheck, lcg, randomTensor } from '../gradcheck';

/**
 * Each primitive's vector-Jacobian rule against central finite differences in float64. The loss
 * is sum(op(...) * R) with a fixed random R, so every output element sends back a distinct,
 * non-trivial gradient.
 */
function weighted(g: Graph, y: Tensor): Tensor {
  const random = lcg(99);
  const r = Float64Array.from({ length: y.size }, () => random() * 2);
  return G.reduceSum(G.mul(y, g.constant(r, y.shape)));
}

type Build = (g: Graph) => { out: Tensor; inputs: Tensor[] };

const f64 = (g: Graph, name: string, shape: number[]) => g.input(name, 'float64', shape);

function unaryCase(op: (x: Tensor) => Tensor, shape = [3, 4]): Build {
  return (g) => {
    const x = f64(g, 'x', shape);
    return { out: op(x), inputs: [x] };
  };
}

function binaryCase(op: (a: Tensor, b: Tensor) => Tensor, sa: number[], sb: number[]): Build {
  return (g) => {
    const a = f64(g, 'a', sa);
    const b = f64(g, 'b', sb);
    return { out: op(a, b), inputs: [a, b] };
  };
}

const positive = (shape: number[]) => randomTensor(shape, lcg(3), 1.2);

const cases: [string, Build, Record<string, ort.Tensor>?][] = [
  ['Add with broadcasting', binaryCase(G.add, [2, 3, 4], [4])],
  ['Add broadcasting a middle axis', binaryCase(G.add, [2, 1, 4], [2, 3, 1])],
  ['Sub', binaryCase(G.sub, [3, 4], [3, 1])],
  ['Mul', binaryCase(G.mul, [2, 3], [2, 3])],
  ['Mul with scalar broadcast', binaryCase(G.mul, [2, 3], [1])],
  ['Div', binaryCase(G.div, [2, 3], [3]), { b: positive([3]) }],
  ['Pow', unaryCase((x) => G.pow(x, 3))],
  ['Pow with fractional exponent', unaryCase((x) => G.pow(x, 0.5)), { x: positive([3, 4]) }],
  ['Neg', unaryCase(G.neg)],
  ['Exp', unaryCase(G.exp)],
  ['Log', unaryCase(G.log), { x: positive([3, 4]) }],
  ['Sqrt', unaryCase(G.sqrt), { x: positive([3, 4]) }],
  ['Reciprocal', unaryCase(G.reciprocal), { x: positive([3, 4]) }],
  ['Sigmoid', unaryCase(G.sigmoid)],
  ['Tanh', unaryCase(G.tanh)],
  ['Identity', unaryCase(G.identity)],
  [
    'Where',
    (g) => {
      const a = f64(g, 'a', [2, 3]);
      const b = f64(g, 'b', [3]);
      const cond = G.less(g.constant(Float64Array.of(0, 1, 0, 1, 1, 0), [2, 3]), 0.5);
      return { out: G.where(cond, a, b), inputs: [a, b] };
    },
  ],
  ['MatMul 2-D', binaryCase(G.matmul, [3, 4], [4, 5])],
  ['MatMul batched with a shared weight', binaryCase(G.matmul, [2, 3, 4], [4, 5])],
  ['MatMul batched both sides', binaryCase(G.matmul, [2, 3, 4], [2, 4, 2])],
  ['MatMul broadcasting batch axes', binaryCase(G.matmul, [2, 1, 3, 4], [3, 4, 2])],
  ['Transpose', unaryCase((x) => G.transpose(x, [2, 0, 1]), [2, 3, 4])],
  ['Reshape', unaryCase((x) => G.reshape(x, [4, -1]), [2, 3, 4])],
  ['Expand', unaryCase((x) => G.expand(x, [2, 3, 4]), [3, 1])],
  ['Slice', unaryCase((x) => G.slice(x, 1, 1, 3), [2, 4, 3])],
  ['Slice at the start', unaryCase((x) => G.slice(x, -1, 0, 2), [2, 4])],
  [
    'Concat',
    (g) => {
      const a = f64(g, 'a', [2, 3]);
      const b = f64(g, 'b', [2, 2]);
      return { out: G.concat([a, b, a], 1), inputs: [a, b] };
    },
  ],
  ['ReduceSum over one axis', unaryCase((x) => G.reduceSum(x, [1]), [2, 3, 4])],
  ['ReduceSum keepdims', unaryCase((x) => G.reduceSum(x, [0, 2], true), [2, 3, 4])],
  ['ReduceMean', unaryCase((x) => G.reduceMean(x, [-1], true), [2, 3, 4])],
  ['ReduceSumSquare', unaryCase((x) => G.reduceSumSquare(x, [1]), [2, 3])],
  [
    'Gather (embedding) with repeated ids',
    (g) => {
      const table = f64(g, 'table', [5, 3]);
      const ids = g.constant(Int32Array.of(0, 4, 4, 1, 0, 2), [2, 3]);
      return { out: G.gather(table, ids), inputs: [table] };
    },
  ],
  [
    'GatherElements',
    (g) => {
      const x = f64(g, 'x', [3, 4]);
      const idx = g.constant(Int32Array.of(3, 0, 0, 2, 1, 1), [3, 2]);
      return { out: G.gatherElements(x, idx, 1), inputs: [x] };
    },
  ],
  ['softmax (composed)', unaryCase((x) => G.softmax(x, -1), [3, 5])],
  ['logSoftmax (composed)', unaryCase((x) => G.logSoftmax(x, -1), [3, 5])],
  [
    'rmsNorm (composed)',
    (g) => {
      const x = f64(g, 'x', [2, 3, 4]);
      const w = f64(g, 'w', [4]);
      return { out: G.rmsNorm(x, w, 1e-5), inputs: [x, w] };
    },
  ],
  ['silu (composed)', unaryCase(G.silu)],
  [
    'crossEntropy (composed)',
    (g) => {
      const logits = f64(g, 'logits', [4, 6]);
      const targets = g.constant(Int32Array.of(0, 5, 2, 2), [4]);
      return { out: G.crossEntropy(logits, targets), inputs: [logits] };
    },
  ],
];

describe('vector-Jacobian rules match central finite differences (float64)', () => {
  it.each(cases)('%s', async (_name, build, values) => {
    const result = await gradcheck({
      build: (g) => {
        const { out, inputs } = build(g);
        return { loss: weighted(g, out), wrt: inputs, inputs };
      },
      values,
    });
    expect(result.checked).toBeGreaterThan(0);
    expect(result.maxRelativeError, result.worst).toBeLessThan(1e-6);
  });
});

describe('autodiff', () => {
  it('sends no gradient through stopGradient', async () => {
    const result = await gradcheck({
      build: (g) => {
        const x = f64(g, 'x', [3]);
        const loss = G.reduceSum(G.mul(x, G.stopGradient(x)));
        return { loss, wrt: [x], inputs: [x] };
      },
    }).catch((e: Error) => e);
    // d/dx sum(x * stop(x)) = stop(x) != 2x, so the check must disagree with finite differences.
    expect(result).not.toBeInstanceOf(Error);
    expect((result as { maxRelativeError: number }).maxRelativeError).toBeGreaterThan(0.1);
  });

  it('refuses a gradient through an op without a rule, naming it', () => {
    const g = new G.Graph();
    const x = f64(g, 'x', [3]);
    expect(() => G.grad(G.reduceSum(G.reduceMax(x, [0], true)), [x])).toThrow(
      /ReduceMax.*no gradient/,
    );
  });

  it('gives zeros for a parameter the loss does not use', async () => {
    const g = new G.Graph();
    const x = f64(g, 'x', [2]);
    const unused = f64(g, 'unused', [3]);
    const [gu] = G.grad(G.reduceSum(G.mul(x, x)), [unused]);
    const { model } = G.exportOnnx([x, unused], { gu: gu! });
    const session = await ort.InferenceSession.create(model);
    const out = await session.run({
      x: new ort.Tensor('float64', Float64Array.of(1, 2), [2]),
      unused: new ort.Tensor('float64', Float64Array.of(1, 2, 3), [3]),
    });
    expect(Array.from(out.gu!.data as Float64Array)).toEqual([0, 0, 0]);
  });

  it('requires a scalar loss', () => {
    const g = new G.Graph();
    const x = f64(g, 'x', [2]);
    expect(() => G.grad(x, [x])).toThrow(G.GraphError);
  });
});
