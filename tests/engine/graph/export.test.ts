import { fromBinary } from '@bufbuild/protobuf';
import { type ModelProto, ModelProtoSchema, TensorProto_DataLocation } from 'onnx-buf';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import * as G from '../../../electron/engine/graph';
import {
  type Graph,
  GraphError,
  type OnnxModel,
  type Tensor,
} from '../../../electron/engine/graph';

const decode = (result: OnnxModel): ModelProto => fromBinary(ModelProtoSchema, result.model);
const nodesOf = (result: OnnxModel) => decode(result).graph?.node ?? [];
const opTypes = (result: OnnxModel) => nodesOf(result).map((n) => n.opType);

async function run(
  result: OnnxModel,
  feeds: Record<string, Float32Array>,
  shapes: Record<string, number[]>,
  options: ort.InferenceSession.SessionOptions = {},
): Promise<Record<string, number[]>> {
  const session = await ort.InferenceSession.create(result.model, options);
  try {
    const inputs = Object.fromEntries(
      Object.entries(feeds).map(([n, v]) => [n, new ort.Tensor('float32', v, shapes[n])]),
    );
    const out = await session.run(inputs);
    return Object.fromEntries(
      Object.entries(out).map(([n, t]) => [n, Array.from(t.data as Float32Array)]),
    );
  } finally {
    await session.release();
  }
}

/** The GraphError `build` throws; fails the test if it returns or throws anything else. */
function graphError(build: () => unknown): GraphError {
  try {
    build();
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('no GraphError was thrown');
}

/** rows x cols, row-major: x[i][j] = f(i, j). */
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number) =>
  Float32Array.from({ length: rows * cols }, (_, k) => f(Math.floor(k / cols), k % cols));

function matmulReference(a: Float32Array, b: Float32Array, m: number, k: number, n: number) {
  return Array.from({ length: m * n }, (_, at) => {
    const [i, j] = [Math.floor(at / n), at % n];
    let sum = 0;
    for (let p = 0; p < k; p++) sum += a[i * k + p]! * b[p * n + j]!;
    return Math.fround(sum);
  });
}

describe('exportOnnx external data', () => {
  const weight = matrix(64, 64, (i, j) => ((i * 7 + j * 3) % 11) - 5);
  const x = matrix(2, 64, (i, j) => (i === 0 ? 1 : (j % 4) - 1.5));

  function build(g: Graph) {
    const input = g.input('x', 'float32', [2, 64]);
    const bias = g.constant(
      Float32Array.from({ length: 64 }, (_, j) => j / 8),
      [64],
    );
    return { input, y: G.add(G.matmul(input, g.constant(weight, [64, 64])), bias) };
  }

  it('moves large constants out of the model and ORT reads them back from memory', async () => {
    const g = new G.Graph();
    const { input, y } = build(g);

    const result = G.exportOnnx(
      [input],
      { y },
      { externalData: { path: 'weights.bin', minBytes: 1024 } },
    );

    expect(result.externalData?.path).toBe('weights.bin');
    expect(result.externalData?.data.byteLength).toBe(weight.byteLength);
    expect(result.model.byteLength).toBeLessThan(weight.byteLength);
    const initializers = decode(result).graph?.initializer ?? [];
    const external = initializers.filter(
      (t) => t.dataLocation === TensorProto_DataLocation.EXTERNAL,
    );
    expect(external).toHaveLength(1);
    expect(Object.fromEntries(external[0]!.externalData.map((e) => [e.key, e.value]))).toEqual({
      location: 'weights.bin',
      offset: '0',
      length: String(weight.byteLength),
    });
    // The 256-byte bias is under minBytes and stays inside the model.
    expect(initializers.filter((t) => t.rawData.byteLength === 256)).toHaveLength(1);

    const out = await run(
      result,
      { x },
      { x: [2, 64] },
      { externalData: [{ path: 'weights.bin', data: result.externalData!.data }] },
    );
    const expected = matmulReference(x, weight, 2, 64, 64).map((v, k) =>
      Math.fround(v + (k % 64) / 8),
    );
    expect(out.y).toEqual(expected);
  });

  it('aligns each external tensor to 64 bytes', async () => {
    const g = new G.Graph();
    const input = g.input('x', 'float32', [5, 67]);
    const odd = matrix(5, 67, (i, j) => i - j / 10); // 1340 bytes, not a multiple of 64
    const y = G.mul(
      G.add(input, g.constant(odd, [5, 67])),
      g.constant(
        odd.map((v) => -v),
        [5, 67],
      ),
    );

    const result = G.exportOnnx(
      [input],
      { y },
      { externalData: { path: 'w.bin', minBytes: 1024 } },
    );

    const offsets = (decode(result).graph?.initializer ?? []).map(
      (t) => t.externalData.find((e) => e.key === 'offset')?.value,
    );
    expect(offsets).toEqual(['0', '1344']);
    expect(result.externalData?.data.byteLength).toBe(1344 + 1340);
    const ones = new Float32Array(5 * 67).fill(1);
    const out = await run(
      result,
      { x: ones },
      { x: [5, 67] },
      { externalData: [{ path: 'w.bin', data: result.externalData!.data }] },
    );
    expect(out.y).toEqual(Array.from(odd, (v) => Math.fround(Math.fround(1 + v) * -v)));
  });

  it('keeps every constant inside the model when no external file is asked for', () => {
    const { input, y } = build(new G.Graph());

    const result = G.exportOnnx([input], { y });

    expect(result.externalData).toBeUndefined();
    expect(result.model.byteLength).toBeGreaterThan(weight.byteLength);
  });
});

describe('exportOnnx constant folding', () => {
  it('computes constant arithmetic at export: x * (2 + 3) is one Mul by 5', async () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [3]);
    const y = G.mul(x, G.add(g.scalar(2, 'float32'), g.scalar(3, 'float32')));

    const result = G.exportOnnx([x], { y });

    expect(opTypes(result)).toEqual(['Mul']);
    const [five] = decode(result).graph?.initializer ?? [];
    expect(Array.from(new Float32Array(new Uint8Array(five!.rawData).buffer))).toEqual([5]);
    expect(await run(result, { x: Float32Array.of(1, -2, 0.5) }, { x: [3] })).toEqual({
      y: [5, -10, 2.5],
    });
  });

  it('folds chains with broadcasting and reshapes, matching the unfolded arithmetic', async () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [2, 3]);
    const rows = g.constant(Float32Array.of(1, 2), [2, 1]);
    const cols = g.constant(Float32Array.of(10, 20, 30), [3]);
    const table = G.reshape(G.sqrt(G.mul(G.add(rows, cols), 4)), [2, 3]);

    const result = G.exportOnnx([x], { y: G.sub(x, table) });

    expect(opTypes(result)).toEqual(['Sub']);
    const out = await run(result, { x: new Float32Array(6) }, { x: [2, 3] });
    const expected = [11, 21, 31, 12, 22, 32].map((v) => Math.fround(-Math.sqrt(v * 4)));
    expect(out.y).toEqual(expected);
  });

  it('leaves large constant results as nodes rather than storing them', () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [8192]);
    const big = G.add(g.constant(new Float32Array(8192), [8192]), 1);

    const result = G.exportOnnx([x], { y: G.mul(x, big) });

    expect(opTypes(result)).toEqual(['Add', 'Mul']);
  });
});

describe('exportOnnx graph pruning and outputs', () => {
  it('writes only what the outputs depend on', () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [4]);
    G.exp(G.matmul(G.reshape(x, [2, 2]), g.constant(new Float32Array(4), [2, 2]))); // dead
    const unusedWeight = g.constant(new Float32Array(1024), [1024]);
    G.add(unusedWeight, 1); // dead, with a constant no output needs

    const result = G.exportOnnx([x], { y: G.neg(x) });

    expect(opTypes(result)).toEqual(['Neg']);
    expect(decode(result).graph?.initializer).toEqual([]);
  });

  it('names a node-made output after the output itself, without an Identity', () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [2]);

    const result = G.exportOnnx([x], { negated: G.neg(x) });

    expect(nodesOf(result).map((n) => [n.opType, n.input, n.output])).toEqual([
      ['Neg', ['x'], ['negated']],
    ]);
    expect(result.inputNames).toEqual(['x']);
    expect(result.outputNames).toEqual(['negated']);
  });

  it('gives an output that is an input, a constant or a second name an Identity, and runs', async () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [3]);
    const y = G.neg(x);
    const outputs: Record<string, Tensor> = {
      echo: x,
      table: g.constant(Float32Array.of(7, 8, 9), [3]),
      y,
      alsoY: y,
    };

    const result = G.exportOnnx([x], outputs);

    expect(opTypes(result).sort()).toEqual(['Identity', 'Identity', 'Identity', 'Neg']);
    expect(await run(result, { x: Float32Array.of(1, 2, 3) }, { x: [3] })).toEqual({
      echo: [1, 2, 3],
      table: [7, 8, 9],
      y: [-1, -2, -3],
      alsoY: [-1, -2, -3],
    });
  });

  it('declares the graph inputs in the order given, used or not', () => {
    const g = new G.Graph();
    const b = g.input('b', 'float32', [1]);
    const a = g.input('a', 'float32', [1]);

    const result = G.exportOnnx([b, a], { y: G.neg(a) });

    expect(decode(result).graph?.input.map((i) => i.name)).toEqual(['b', 'a']);
  });
});

describe('exportOnnx refuses', () => {
  it('an output that needs an input not declared, naming it', () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [2]);
    const mask = g.input('mask', 'float32', [2]);

    const error = graphError(() => G.exportOnnx([x], { y: G.mul(x, mask) }));

    expect(error.kind).toBe('export');
    expect(error.message).toBe('the outputs need input "mask", which is not declared');
  });

  it('an output with the name of an input (ONNX names each value once)', () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [2]);

    const error = graphError(() => G.exportOnnx([x], { x: G.neg(x) }));

    expect(error.kind).toBe('export');
    expect(error.message).toMatch(/output "x" has the same name as a graph input/);
  });

  it('a second input with the same name', () => {
    const g = new G.Graph();
    g.input('tokens', 'int64', [1, 8]);

    const error = graphError(() => g.input('tokens', 'int64', [1, 8]));

    expect(error.kind).toBe('export');
    expect(error.message).toMatch(/"tokens" is used twice/);
  });
});

describe('node names', () => {
  it('carry the scope they were built in', () => {
    const g = new G.Graph();
    const x = g.input('x', 'float32', [2, 4]);
    const w = g.input('w', 'float32', [4, 4]);
    const h = g.scope('model.layers.0', () => G.sigmoid(G.matmul(x, w)));
    const nested = g.scope('model', () => g.scope('norm', () => G.neg(h)));

    const result = G.exportOnnx([x, w], { y: G.exp(nested) });

    expect(nodesOf(result).map((n) => n.name)).toEqual([
      expect.stringMatching(/^model\.layers\.0\/MatMul_\d+$/),
      expect.stringMatching(/^model\.layers\.0\/Sigmoid_\d+$/),
      expect.stringMatching(/^model\.norm\/Neg_\d+$/),
      expect.stringMatching(/^Exp_\d+$/),
    ]);
  });
});

describe('shape errors', () => {
  const g = new G.Graph();
  const a = g.input('a', 'float32', [2, 3]);
  const b = g.input('b', 'float32', [4, 5]);
  const c = g.input('c', 'float32', [2, 4]);

  it.each<[string, () => Tensor, RegExp]>([
    ['matmul with different inner sizes', () => G.matmul(a, b), /\[2,3\] x \[4,5\]/],
    [
      'reshape to a different size',
      () => G.reshape(a, [4, 2]),
      /cannot view a: float32\[2, 3\] as \[4,2\]/,
    ],
    ['reshape with two unknown sizes', () => G.reshape(a, [-1, -1]), /as \[-1,-1\]/],
    [
      'transpose by a non-permutation',
      () => G.transpose(a, [0, 0]),
      /\[0,0\] is not a permutation of rank 2/,
    ],
    ['transpose of the wrong rank', () => G.transpose(a, [1, 0, 2]), /not a permutation of rank 2/],
    [
      'concat of mismatched shapes',
      () => G.concat([a, c], 0),
      /c: float32\[2, 4\] does not match a: float32\[2, 3\] off axis 0/,
    ],
    [
      'add of shapes that do not broadcast',
      () => G.add(a, c),
      /shapes \[2,3\] and \[2,4\] do not broadcast/,
    ],
    [
      'a constant with too few values',
      () => g.constant(new Float32Array(5), [2, 3]),
      /needs 6 values, got 5/,
    ],
  ])('%s', (_what, build, message) => {
    const error = graphError(build);

    expect(error.kind).toBe('shape');
    expect(error.message).toMatch(message);
  });

  it('the same ops build when the shapes agree (the cases above are not vacuous)', () => {
    expect(G.matmul(G.transpose(a, [1, 0]), c).shape).toEqual([3, 4]);
    expect(G.reshape(a, [3, -1]).shape).toEqual([3, 2]);
    expect(G.concat([a, c], 1).shape).toEqual([2, 7]);
  });
});
