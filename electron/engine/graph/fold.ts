/**
 * Constant folding, where it is cheap: small elementwise arithmetic and reshapes whose operands
 * are all constants are computed here, so the exported graph carries one initializer instead of
 * a chain of nodes (bias corrections, scale factors, exponents minus one).
 */
import { type AnyTypedArray, allocate, dtypeOf } from './dtype';
import type { Shape, Tensor } from './tensor';
import { sizeOf } from './tensor';

/** Larger results stay nodes: a broadcast zero should not become a stored tensor. */
const MAX_FOLDED_ELEMENTS = 4096;

type Scalar = (a: number, b: number) => number;

const binaryOps: Record<string, Scalar> = {
  Add: (a, b) => a + b,
  Sub: (a, b) => a - b,
  Mul: (a, b) => a * b,
  Div: (a, b) => a / b,
  Pow: (a, b) => a ** b,
};

const unaryOps: Record<string, (a: number) => number> = {
  Neg: (a) => -a,
  Exp: Math.exp,
  Log: Math.log,
  Sqrt: Math.sqrt,
  Reciprocal: (a) => 1 / a,
  Identity: (a) => a,
  StopGradient: (a) => a,
};

/** The value of `t` computed from constant operands, or undefined when it is not cheap to fold. */
export function foldConstant(
  t: Tensor,
  operands: readonly AnyTypedArray[],
): AnyTypedArray | undefined {
  if (t.size > MAX_FOLDED_ELEMENTS) return undefined;
  if (t.dtype !== 'float32' && t.dtype !== 'float64') return undefined;
  if (t.op.type === 'Reshape') return operands[0];
  const unary = unaryOps[t.op.type];
  if (unary && operands.length === 1) return map(t, (i) => unary(read(operands[0]!, i)));
  const binary = binaryOps[t.op.type];
  if (binary && operands.length === 2) {
    const [a, b] = t.inputs as [Tensor, Tensor];
    const ia = broadcastIndex(a.shape, t.shape);
    const ib = broadcastIndex(b.shape, t.shape);
    return map(t, (i) => binary(read(operands[0]!, ia(i)), read(operands[1]!, ib(i))));
  }
  return undefined;
}

function read(data: AnyTypedArray, i: number): number {
  return Number(data[i]);
}

function map(t: Tensor, value: (i: number) => number): AnyTypedArray {
  const out = allocate(t.dtype, t.size) as Float32Array | Float64Array;
  for (let i = 0; i < out.length; i++) out[i] = value(i);
  if (dtypeOf(out) !== t.dtype) throw new Error('fold: dtype mismatch');
  return out;
}

/** Maps a flat index of `out` to the flat index of the operand of shape `from` broadcast to it. */
function broadcastIndex(from: Shape, out: Shape): (i: number) => number {
  if (sizeOf(from) === 1) return () => 0;
  if (from.length === out.length && from.every((d, i) => d === out[i])) return (i) => i;
  const lead = out.length - from.length;
  const strides = from.map((_, k) => sizeOf(from.slice(k + 1)));
  return (flat) => {
    let index = 0;
    let rest = flat;
    for (let k = out.length - 1; k >= 0; k--) {
      const coordinate = rest % out[k]!;
      rest = Math.floor(rest / out[k]!);
      const j = k - lead;
      if (j >= 0 && from[j] !== 1) index += coordinate * strides[j]!;
    }
    return index;
  };
}
