import { type AnyTypedArray, type DType, dtypeOf } from './dtype';
import { GraphError } from './errors';
import { type Attrs, type Op, type Shape, sizeOf, Tensor } from './tensor';

const Input: Op = {
  type: 'Input',
  blocksGradient: false,
  infer: (_inputs, attrs) => ({ dtype: attrs.dtype as DType, shape: attrs.shape as Shape }),
  onnx: () => {
    throw new GraphError('export', 'graph inputs are not nodes');
  },
};

const Constant: Op = {
  type: 'Constant',
  blocksGradient: true,
  infer: (_inputs, attrs) => ({
    dtype: dtypeOf(attrs.value as AnyTypedArray),
    shape: attrs.shape as Shape,
  }),
  onnx: () => {
    throw new GraphError('export', 'constants are initializers, not nodes');
  },
};

export const isInput = (t: Tensor): boolean => t.op === Input;
export const isConstant = (t: Tensor): boolean => t.op === Constant;
export const constantValue = (t: Tensor): AnyTypedArray => t.attrs.value as AnyTypedArray;

/**
 * Builds one computation: inputs, constants and the ops applied to them. Names follow the scope
 * stack (`model.layers.0.self_attn/MatMul_12`) so a failing ONNX graph can be read.
 */
export class Graph {
  private nextId = 0;
  private readonly scopes: string[] = [];
  private readonly inputNames = new Set<string>();

  input(name: string, dtype: DType, shape: Shape): Tensor {
    if (this.inputNames.has(name)) {
      throw new GraphError('export', `input name "${name}" is used twice`);
    }
    checkShape(shape, name);
    this.inputNames.add(name);
    return this.apply(Input, [], { dtype, shape }, name);
  }

  constant(value: AnyTypedArray, shape: Shape): Tensor {
    checkShape(shape, 'constant');
    if (value.length !== sizeOf(shape)) {
      throw new GraphError(
        'shape',
        `constant of shape [${shape}] needs ${sizeOf(shape)} values, got ${value.length}`,
      );
    }
    return this.apply(Constant, [], { value, shape });
  }

  scalar(value: number, dtype: DType): Tensor {
    const data =
      dtype === 'float32'
        ? Float32Array.of(value)
        : dtype === 'float64'
          ? Float64Array.of(value)
          : dtype === 'int32'
            ? Int32Array.of(value)
            : dtype === 'int64'
              ? BigInt64Array.of(BigInt(value))
              : Uint8Array.of(value ? 1 : 0);
    return this.constant(data, []);
  }

  /** Runs `build` with `name` pushed on the naming scope. */
  scope<T>(name: string, build: () => T): T {
    this.scopes.push(name);
    try {
      return build();
    } finally {
      this.scopes.pop();
    }
  }

  apply(op: Op, inputs: readonly Tensor[], attrs: Attrs = {}, name?: string): Tensor {
    for (const t of inputs) {
      if (this.owns(t) === false) {
        throw new GraphError('export', `${op.type}: input ${t.name} belongs to another graph`);
      }
    }
    const { dtype, shape } = op.infer(inputs, attrs);
    const id = this.nextId++;
    const prefix = this.scopes.length > 0 ? `${this.scopes.join('.')}/` : '';
    const t = new Tensor(id, op, inputs, attrs, dtype, shape, name ?? `${prefix}${op.type}_${id}`);
    graphOf.set(t, this);
    return t;
  }

  private owns(t: Tensor): boolean | undefined {
    const g = graphOf.get(t);
    return g === undefined ? undefined : g === this;
  }
}

/** Each tensor's graph, so ops can make the constants they need without being handed the graph. */
const graphOf = new WeakMap<Tensor, Graph>();

export function graphOfTensor(t: Tensor): Graph {
  const g = graphOf.get(t);
  if (!g) throw new GraphError('export', `${t.name} was not made by a Graph`);
  return g;
}

function checkShape(shape: Shape, what: string): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 1) {
      throw new GraphError(
        'shape',
        `${what}: dimension ${d} in [${shape}] is not a positive integer`,
      );
    }
  }
}
