import type { AnyTypedArray, DType } from './dtype';
import { GraphError } from './errors';

export type Shape = readonly number[];

/** Attribute values an op may carry; numbers become ONNX ints or floats as the op declares. */
export type AttrValue = number | readonly number[] | string | AnyTypedArray;
export type Attrs = Readonly<Record<string, AttrValue>>;

/** How an op appears in ONNX: its type, attributes, and int64 operands that ONNX wants as inputs. */
export interface OnnxNode {
  type: string;
  attributes?: Record<
    string,
    { ints: readonly number[] } | { int: number } | { float: number } | { string: string }
  >;
  /** int64 tensors appended after the data inputs (ReduceSum axes, Reshape shape, Slice bounds). */
  int64Inputs?: readonly (readonly number[])[];
}

/**
 * A primitive operation: shape rule, ONNX form and vector-Jacobian rule side by side.
 * `vjp` returns one gradient per input (undefined where none flows); an op without `vjp` is not
 * differentiable, and asking for a gradient through it is an error.
 */
export interface Op {
  readonly type: string;
  infer(inputs: readonly Tensor[], attrs: Attrs): { dtype: DType; shape: Shape };
  onnx(out: Tensor): OnnxNode;
  vjp?(grad: Tensor, out: Tensor): (Tensor | undefined)[];
  /** The output carries no gradient at all (stopGradient, constants, inputs). */
  readonly blocksGradient?: boolean;
}

/** A symbolic tensor: the output of one op applied to earlier tensors. */
export class Tensor {
  constructor(
    readonly id: number,
    readonly op: Op,
    readonly inputs: readonly Tensor[],
    readonly attrs: Attrs,
    readonly dtype: DType,
    readonly shape: Shape,
    readonly name: string,
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  toString(): string {
    return `${this.name}: ${this.dtype}[${this.shape.join(', ')}]`;
  }
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Resolve a possibly negative axis against a rank, or fail naming the tensor. */
export function normalizeAxis(axis: number, rank: number, what: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!Number.isInteger(a) || a < 0 || a >= rank) {
    throw new GraphError('shape', `${what}: axis ${axis} is out of range for rank ${rank}`);
  }
  return a;
}

/** Numpy-style broadcast of two shapes, or a shape error naming both. */
export function broadcastShapes(a: Shape, b: Shape, what: string): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new GraphError('shape', `${what}: shapes [${a}] and [${b}] do not broadcast`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}
