/**
 * The primitive ops. Each says, side by side: its shape rule, its ONNX form, and how its gradient
 * flows back (vector-Jacobian product). Everything else (softmax, norms, attention, the loss) is
 * composed from these in `nn.ts` and gets its gradient for free.
 */
import { type DType, isFloat } from './dtype';
import { GraphError } from './errors';
import { graphOfTensor } from './graph';
import {
  type Attrs,
  broadcastShapes,
  normalizeAxis,
  type OnnxNode,
  type Op,
  type Shape,
  sizeOf,
  type Tensor,
} from './tensor';

type Operand = Tensor | number;

/** A number operand becomes a scalar constant of the other operand's dtype. */
function lift(x: Operand, like: Tensor): Tensor {
  return typeof x === 'number' ? graphOfTensor(like).scalar(x, like.dtype) : x;
}

function apply(op: Op, inputs: readonly Tensor[], attrs: Attrs = {}): Tensor {
  return graphOfTensor(inputs[0]!).apply(op, inputs, attrs);
}

function sameDtype(what: string, inputs: readonly Tensor[]): DType {
  const dtype = inputs[0]!.dtype;
  for (const t of inputs) {
    if (t.dtype !== dtype) {
      throw new GraphError('dtype', `${what}: ${t.name} is ${t.dtype}, expected ${dtype}`);
    }
  }
  return dtype;
}

/** Sum `grad` over the axes along which `shape` was broadcast, giving a tensor of `shape`. */
export function unbroadcast(grad: Tensor, shape: Shape): Tensor {
  if (grad.shape.length === shape.length && grad.shape.every((d, i) => d === shape[i])) return grad;
  const lead = grad.rank - shape.length;
  const axes: number[] = [];
  for (let i = 0; i < grad.rank; i++) {
    if (i < lead || (shape[i - lead] === 1 && grad.shape[i] !== 1)) axes.push(i);
  }
  const summed = axes.length > 0 ? reduceSum(grad, axes, true) : grad;
  return reshape(summed, shape);
}

// ---------------------------------------------------------------- elementwise, two operands

function binary(
  type: string,
  vjp?: (g: Tensor, out: Tensor, a: Tensor, b: Tensor) => (Tensor | undefined)[],
): Op {
  return {
    type,
    infer: ([a, b]) => ({
      dtype: sameDtype(type, [a!, b!]),
      shape: broadcastShapes(a!.shape, b!.shape, type),
    }),
    onnx: () => ({ type }),
    vjp: vjp && ((g, out) => vjp(g, out, out.inputs[0]!, out.inputs[1]!)),
  };
}

const Add = binary('Add', (g, _o, a, b) => [unbroadcast(g, a.shape), unbroadcast(g, b.shape)]);
const Sub = binary('Sub', (g, _o, a, b) => [unbroadcast(g, a.shape), unbroadcast(neg(g), b.shape)]);
const Mul = binary('Mul', (g, _o, a, b) => [
  unbroadcast(mul(g, b), a.shape),
  unbroadcast(mul(g, a), b.shape),
]);
const Div = binary('Div', (g, out, a, b) => [
  unbroadcast(div(g, b), a.shape),
  unbroadcast(neg(div(mul(g, out), b)), b.shape),
]);
// d/da a^p = p a^(p-1); the exponent is always a constant here (see `pow`).
const Pow = binary('Pow', (g, _o, a, p) => [mul(g, mul(p, apply(Pow, [a, sub(p, 1)]))), undefined]);
const Min = binary('Min');
const Max = binary('Max');

export const add = (a: Tensor, b: Operand): Tensor => apply(Add, [a, lift(b, a)]);
export const sub = (a: Operand, b: Operand): Tensor =>
  typeof a === 'number'
    ? apply(Sub, [lift(a, b as Tensor), b as Tensor])
    : apply(Sub, [a, lift(b, a)]);
export const mul = (a: Tensor, b: Operand): Tensor => apply(Mul, [a, lift(b, a)]);
export const div = (a: Operand, b: Operand): Tensor =>
  typeof a === 'number'
    ? apply(Div, [lift(a, b as Tensor), b as Tensor])
    : apply(Div, [a, lift(b, a)]);
/** a^p for a constant exponent p. */
export const pow = (a: Tensor, p: number): Tensor => apply(Pow, [a, lift(p, a)]);
/** Elementwise minimum; not differentiable (used by the optimizer, never by the model). */
export const minimum = (a: Tensor, b: Operand): Tensor => apply(Min, [a, lift(b, a)]);
export const maximum = (a: Tensor, b: Operand): Tensor => apply(Max, [a, lift(b, a)]);

function comparison(type: string): Op {
  return {
    type,
    infer: ([a, b]) => {
      sameDtype(type, [a!, b!]);
      return { dtype: 'bool', shape: broadcastShapes(a!.shape, b!.shape, type) };
    },
    onnx: () => ({ type }),
  };
}

const Equal = comparison('Equal');
const Less = comparison('Less');
export const equal = (a: Tensor, b: Operand): Tensor => apply(Equal, [a, lift(b, a)]);
export const less = (a: Tensor, b: Operand): Tensor => apply(Less, [a, lift(b, a)]);

const Where: Op = {
  type: 'Where',
  infer: ([c, a, b]) => {
    if (c!.dtype !== 'bool')
      throw new GraphError('dtype', `Where: condition ${c!.name} is not bool`);
    const shape = broadcastShapes(broadcastShapes(c!.shape, a!.shape, 'Where'), b!.shape, 'Where');
    return { dtype: sameDtype('Where', [a!, b!]), shape };
  },
  onnx: () => ({ type: 'Where' }),
  vjp: (g, out) => {
    const [c, a, b] = out.inputs as [Tensor, Tensor, Tensor];
    const zero = lift(0, g);
    return [
      undefined,
      unbroadcast(apply(Where, [c, g, zero]), a.shape),
      unbroadcast(apply(Where, [c, zero, g]), b.shape),
    ];
  },
};

export const where = (cond: Tensor, a: Tensor, b: Operand): Tensor =>
  apply(Where, [cond, a, lift(b, a)]);

// ---------------------------------------------------------------- elementwise, one operand

function unary(type: string, vjp?: (g: Tensor, out: Tensor, x: Tensor) => Tensor): Op {
  return {
    type,
    infer: ([x]) => ({ dtype: x!.dtype, shape: x!.shape }),
    onnx: () => ({ type }),
    vjp: vjp && ((g, out) => [vjp(g, out, out.inputs[0]!)]),
  };
}

const Neg = unary('Neg', (g) => neg(g));
const Exp = unary('Exp', (g, out) => mul(g, out));
const Log = unary('Log', (g, _o, x) => div(g, x));
const Sqrt = unary('Sqrt', (g, out) => div(g, mul(out, 2)));
const Reciprocal = unary('Reciprocal', (g, out) => neg(mul(g, mul(out, out))));
const Sigmoid = unary('Sigmoid', (g, out) => mul(g, mul(out, sub(1, out))));
const Tanh = unary('Tanh', (g, out) => mul(g, sub(1, mul(out, out))));
const Identity = unary('Identity', (g) => g);

export const neg = (x: Tensor): Tensor => apply(Neg, [x]);
export const exp = (x: Tensor): Tensor => apply(Exp, [x]);
export const log = (x: Tensor): Tensor => apply(Log, [x]);
export const sqrt = (x: Tensor): Tensor => apply(Sqrt, [x]);
export const reciprocal = (x: Tensor): Tensor => apply(Reciprocal, [x]);
export const sigmoid = (x: Tensor): Tensor => apply(Sigmoid, [x]);
export const tanh = (x: Tensor): Tensor => apply(Tanh, [x]);
export const identity = (x: Tensor): Tensor => apply(Identity, [x]);

const StopGradient: Op = {
  type: 'StopGradient',
  blocksGradient: true,
  infer: ([x]) => ({ dtype: x!.dtype, shape: x!.shape }),
  onnx: () => ({ type: 'Identity' }),
};

/** The same values, seen as a constant by autodiff (for shifts that cancel, like softmax's max). */
export const stopGradient = (x: Tensor): Tensor => apply(StopGradient, [x]);

const Cast: Op = {
  type: 'Cast',
  infer: ([x], attrs) => ({ dtype: attrs.to as DType, shape: x!.shape }),
  onnx: (out) => ({ type: 'Cast', attributes: { to: { int: onnxCode(out.dtype) } } }),
  vjp: (g, out) => {
    const x = out.inputs[0]!;
    return [isFloat(x.dtype) && isFloat(out.dtype) ? cast(g, x.dtype) : undefined];
  },
};

export const cast = (x: Tensor, to: DType): Tensor =>
  x.dtype === to ? x : apply(Cast, [x], { to });

function onnxCode(dtype: DType): number {
  return { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 }[dtype];
}

// ---------------------------------------------------------------- linear algebra

const MatMul: Op = {
  type: 'MatMul',
  infer: ([a, b]) => {
    const dtype = sameDtype('MatMul', [a!, b!]);
    if (a!.rank < 2 || b!.rank < 2) {
      throw new GraphError('shape', `MatMul: ${a!.name} and ${b!.name} must both have rank >= 2`);
    }
    const [m, k] = a!.shape.slice(-2) as [number, number];
    const [k2, n] = b!.shape.slice(-2) as [number, number];
    if (k !== k2) {
      throw new GraphError('shape', `MatMul: [${a!.shape}] x [${b!.shape}] inner sizes differ`);
    }
    const batch = broadcastShapes(a!.shape.slice(0, -2), b!.shape.slice(0, -2), 'MatMul');
    return { dtype, shape: [...batch, m, n] };
  },
  onnx: () => ({ type: 'MatMul' }),
  vjp: (g, out) => {
    const [a, b] = out.inputs as [Tensor, Tensor];
    const ga = unbroadcast(matmul(g, transposeLast2(b)), a.shape);
    // A weight shared across the batch: fold the batch into rows for one large product instead
    // of a batched product followed by a reduction.
    if (b.rank === 2 && a.rank > 2) {
      const k = a.shape[a.rank - 1]!;
      const n = b.shape[1]!;
      const gb = matmul(transposeLast2(reshape(a, [-1, k])), reshape(g, [-1, n]));
      return [ga, gb];
    }
    return [ga, unbroadcast(matmul(transposeLast2(a), g), b.shape)];
  },
};

export const matmul = (a: Tensor, b: Tensor): Tensor => apply(MatMul, [a, b]);

// ---------------------------------------------------------------- shape

const Transpose: Op = {
  type: 'Transpose',
  infer: ([x], attrs) => {
    const perm = attrs.perm as number[];
    const sorted = [...perm].sort((p, q) => p - q);
    if (perm.length !== x!.rank || sorted.some((p, i) => p !== i)) {
      throw new GraphError('shape', `Transpose: [${perm}] is not a permutation of rank ${x!.rank}`);
    }
    return { dtype: x!.dtype, shape: perm.map((p) => x!.shape[p]!) };
  },
  onnx: (out) => ({
    type: 'Transpose',
    attributes: { perm: { ints: out.attrs.perm as number[] } },
  }),
  vjp: (g, out) => {
    const perm = out.attrs.perm as number[];
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [transpose(g, inverse)];
  },
};

export const transpose = (x: Tensor, perm: readonly number[]): Tensor =>
  apply(Transpose, [x], { perm: [...perm] });

export function transposeLast2(x: Tensor): Tensor {
  const perm = x.shape.map((_, i) => i);
  perm[x.rank - 2] = x.rank - 1;
  perm[x.rank - 1] = x.rank - 2;
  return transpose(x, perm);
}

const Reshape: Op = {
  type: 'Reshape',
  infer: ([x], attrs) => ({ dtype: x!.dtype, shape: attrs.shape as number[] }),
  onnx: (out) => ({ type: 'Reshape', int64Inputs: [out.shape] }),
  vjp: (g, out) => [reshape(g, out.inputs[0]!.shape)],
};

/** Reshape to `shape`; one entry may be -1 and is inferred. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const known = shape.filter((d) => d !== -1);
  const inferred = x.size / sizeOf(known);
  const resolved = shape.map((d) => (d === -1 ? inferred : d));
  if (shape.filter((d) => d === -1).length > 1 || sizeOf(resolved) !== x.size) {
    throw new GraphError('shape', `Reshape: cannot view ${x} as [${shape}]`);
  }
  if (resolved.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new GraphError('shape', `Reshape: cannot view ${x} as [${shape}]`);
  }
  if (resolved.length === x.rank && resolved.every((d, i) => d === x.shape[i])) return x;
  return apply(Reshape, [x], { shape: resolved });
}

const Expand: Op = {
  type: 'Expand',
  infer: ([x], attrs) => ({
    dtype: x!.dtype,
    shape: broadcastShapes(x!.shape, attrs.shape as number[], 'Expand'),
  }),
  onnx: (out) => ({ type: 'Expand', int64Inputs: [out.attrs.shape as number[]] }),
  vjp: (g, out) => [unbroadcast(g, out.inputs[0]!.shape)],
};

export const expand = (x: Tensor, shape: readonly number[]): Tensor =>
  apply(Expand, [x], { shape: [...shape] });

/** A tensor of zeros: a broadcast scalar, so no large constant is stored. */
export function zerosLike(shape: Shape, like: Tensor): Tensor {
  return expand(lift(0, like), shape);
}

const Slice: Op = {
  type: 'Slice',
  infer: ([x], attrs) => {
    const axis = normalizeAxis(attrs.axis as number, x!.rank, 'Slice');
    const start = attrs.start as number;
    const end = attrs.end as number;
    if (!(start >= 0 && end <= x!.shape[axis]! && start < end)) {
      throw new GraphError('shape', `Slice: [${start}, ${end}) is outside axis ${axis} of ${x}`);
    }
    const shape = [...x!.shape];
    shape[axis] = end - start;
    return { dtype: x!.dtype, shape };
  },
  onnx: (out) => ({
    type: 'Slice',
    int64Inputs: [
      [out.attrs.start as number],
      [out.attrs.end as number],
      [out.attrs.axis as number],
    ],
  }),
  // The gradient of a slice is the upstream gradient padded with zeros back to the input's size.
  vjp: (g, out) => {
    const x = out.inputs[0]!;
    const axis = normalizeAxis(out.attrs.axis as number, x.rank, 'Slice');
    const start = out.attrs.start as number;
    const end = out.attrs.end as number;
    const pieces: Tensor[] = [];
    const zeros = (n: number) => {
      const shape = [...x.shape];
      shape[axis] = n;
      return zerosLike(shape, g);
    };
    if (start > 0) pieces.push(zeros(start));
    pieces.push(g);
    if (end < x.shape[axis]!) pieces.push(zeros(x.shape[axis]! - end));
    return [pieces.length === 1 ? g : concat(pieces, axis)];
  },
};

/** x[start:end] along one axis. */
export const slice = (x: Tensor, axis: number, start: number, end: number): Tensor =>
  apply(Slice, [x], { axis: normalizeAxis(axis, x.rank, 'Slice'), start, end });

const Concat: Op = {
  type: 'Concat',
  infer: (inputs, attrs) => {
    const dtype = sameDtype('Concat', inputs);
    const first = inputs[0]!;
    const axis = normalizeAxis(attrs.axis as number, first.rank, 'Concat');
    const shape = [...first.shape];
    shape[axis] = 0;
    for (const t of inputs) {
      if (t.rank !== first.rank || t.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
        throw new GraphError('shape', `Concat: ${t} does not match ${first} off axis ${axis}`);
      }
      shape[axis]! += t.shape[axis]!;
    }
    return { dtype, shape };
  },
  onnx: (out) => ({ type: 'Concat', attributes: { axis: { int: out.attrs.axis as number } } }),
  vjp: (g, out) => {
    const axis = out.attrs.axis as number;
    let offset = 0;
    return out.inputs.map((t) => {
      const piece = slice(g, axis, offset, offset + t.shape[axis]!);
      offset += t.shape[axis]!;
      return piece;
    });
  },
};

export function concat(parts: readonly Tensor[], axis: number): Tensor {
  const first = parts[0];
  if (!first) throw new GraphError('shape', 'Concat: nothing to concatenate');
  return apply(Concat, parts, { axis: normalizeAxis(axis, first.rank, 'Concat') });
}

// ---------------------------------------------------------------- reductions

function reducedShape(x: Tensor, axes: readonly number[], keepdims: boolean): number[] {
  const set = new Set(axes);
  const shape: number[] = [];
  x.shape.forEach((d, i) => {
    if (!set.has(i)) shape.push(d);
    else if (keepdims) shape.push(1);
  });
  return shape;
}

/** Broadcast a reduction's gradient back over the reduced axes. */
function spread(g: Tensor, x: Tensor, axes: readonly number[]): Tensor {
  return expand(reshape(g, reducedShape(x, axes, true)), x.shape);
}

function reduction(
  type: string,
  axesAsInput: boolean,
  vjp?: (g: Tensor, out: Tensor, x: Tensor, axes: number[]) => Tensor,
): Op {
  return {
    type,
    infer: ([x], attrs) => ({
      dtype: x!.dtype,
      shape: reducedShape(x!, attrs.axes as number[], attrs.keepdims === 1),
    }),
    // Opset 17: ReduceSum takes its axes as an input, the others as an attribute.
    onnx: (out): OnnxNode =>
      axesAsInput
        ? {
            type,
            attributes: { keepdims: { int: out.attrs.keepdims as number } },
            int64Inputs: [out.attrs.axes as number[]],
          }
        : {
            type,
            attributes: {
              axes: { ints: out.attrs.axes as number[] },
              keepdims: { int: out.attrs.keepdims as number },
            },
          },
    vjp: vjp && ((g, out) => [vjp(g, out, out.inputs[0]!, out.attrs.axes as number[])]),
  };
}

const ReduceSum = reduction('ReduceSum', true, (g, _o, x, axes) => spread(g, x, axes));
const ReduceMean = reduction('ReduceMean', false, (g, _o, x, axes) =>
  div(spread(g, x, axes), sizeOf(axes.map((a) => x.shape[a]!))),
);
const ReduceSumSquare = reduction('ReduceSumSquare', false, (g, _o, x, axes) =>
  mul(spread(g, x, axes), mul(x, 2)),
);
const ReduceMax = reduction('ReduceMax', false);

function reduce(op: Op, x: Tensor, axes: readonly number[] | undefined, keepdims: boolean) {
  const all = axes ?? x.shape.map((_, i) => i);
  const normalized = [...new Set(all.map((a) => normalizeAxis(a, x.rank, op.type)))].sort();
  return apply(op, [x], { axes: normalized, keepdims: keepdims ? 1 : 0 });
}

/** Sum over `axes` (all axes when omitted). */
export const reduceSum = (x: Tensor, axes?: readonly number[], keepdims = false) =>
  reduce(ReduceSum, x, axes, keepdims);
export const reduceMean = (x: Tensor, axes?: readonly number[], keepdims = false) =>
  reduce(ReduceMean, x, axes, keepdims);
export const reduceSumSquare = (x: Tensor, axes?: readonly number[], keepdims = false) =>
  reduce(ReduceSumSquare, x, axes, keepdims);
/** Maximum over `axes`; not differentiable, so wrap uses in `stopGradient` where the shift cancels. */
export const reduceMax = (x: Tensor, axes?: readonly number[], keepdims = false) =>
  reduce(ReduceMax, x, axes, keepdims);

// ---------------------------------------------------------------- indexing

function checkIndices(what: string, indices: Tensor): void {
  if (indices.dtype !== 'int32' && indices.dtype !== 'int64') {
    throw new GraphError('dtype', `${what}: indices ${indices.name} must be int32 or int64`);
  }
}

const ScatterElementsAdd: Op = {
  type: 'ScatterElements',
  infer: ([data, indices, updates]) => {
    checkIndices('ScatterElements', indices!);
    sameDtype('ScatterElements', [data!, updates!]);
    return { dtype: data!.dtype, shape: data!.shape };
  },
  onnx: (out) => ({
    type: 'ScatterElements',
    attributes: { axis: { int: out.attrs.axis as number }, reduction: { string: 'add' } },
  }),
};

/** data with updates added at indices along axis (duplicate indices accumulate). */
export const scatterElementsAdd = (data: Tensor, indices: Tensor, updates: Tensor, axis: number) =>
  apply(ScatterElementsAdd, [data, indices, updates], {
    axis: normalizeAxis(axis, data.rank, 'ScatterElements'),
  });

const Gather: Op = {
  type: 'Gather',
  infer: ([data, indices]) => {
    checkIndices('Gather', indices!);
    return { dtype: data!.dtype, shape: [...indices!.shape, ...data!.shape.slice(1)] };
  },
  onnx: () => ({ type: 'Gather', attributes: { axis: { int: 0 } } }),
  // Rows picked by index get the upstream gradient added back in place; ScatterElements with
  // reduction=add has kernels on CPU, CUDA and WebGPU (ScatterND's CUDA reduction does not).
  vjp: (g, out) => {
    const [data, indices] = out.inputs as [Tensor, Tensor];
    const rest = data.shape.slice(1);
    const n = indices.size;
    const rowIndex = reshape(indices, [n, ...rest.map(() => 1)]);
    const updates = reshape(g, [n, ...rest]);
    return [
      scatterElementsAdd(zerosLike(data.shape, g), expand(rowIndex, [n, ...rest]), updates, 0),
      undefined,
    ];
  },
};

/** data[indices] along axis 0: an embedding lookup. */
export const gather = (data: Tensor, indices: Tensor): Tensor => apply(Gather, [data, indices]);

const GatherElements: Op = {
  type: 'GatherElements',
  infer: ([data, indices], attrs) => {
    checkIndices('GatherElements', indices!);
    normalizeAxis(attrs.axis as number, data!.rank, 'GatherElements');
    if (indices!.rank !== data!.rank) {
      throw new GraphError('shape', `GatherElements: ${indices} must have the rank of ${data}`);
    }
    return { dtype: data!.dtype, shape: indices!.shape };
  },
  onnx: (out) => ({
    type: 'GatherElements',
    attributes: { axis: { int: out.attrs.axis as number } },
  }),
  vjp: (g, out) => {
    const [data, indices] = out.inputs as [Tensor, Tensor];
    return [
      scatterElementsAdd(zerosLike(data.shape, g), indices, g, out.attrs.axis as number),
      undefined,
    ];
  },
};

export const gatherElements = (data: Tensor, indices: Tensor, axis: number): Tensor =>
  apply(GatherElements, [data, indices], {
    axis: normalizeAxis(axis, data.rank, 'GatherElements'),
  });
