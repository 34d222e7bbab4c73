import { type ChunkGeometry, chunkGeometry, chunkOrigin, readChunk } from './chunking';
import type { CompressedTensor } from './compressed-tensor';
import { dct2 } from './dct';
import { CodecError } from './errors';
import { packCodes, packedValueBytes } from './pack2';
import { packedIndexBytes, packIndices } from './pack12';
import type { CodecParams } from './params';
import { quantize } from './quantize';
import { float32Scratch, float64Scratch, uint8Scratch, uint16Scratch } from './scratch';
import { selectTopk } from './topk';

const block = float64Scratch();
const transformed = float64Scratch();
const transformScratch = float64Scratch();
const magnitudes = float64Scratch();
const candidates = uint16Scratch();
const coefficientBlock = float32Scratch();
const keptIndices = uint16Scratch();
const keptValues = float64Scratch();
const keptCodes = uint8Scratch();

/**
 * Chunks `dense` (row-major, `shape`), optionally DCTs each chunk, keeps the top-k of each chunk
 * by magnitude, quantises the kept values to 2 bits and packs everything. Throws CodecError on a
 * shape mismatch or a value that is not finite: a sender must not ship a diverged model.
 */
export function compressTensor(
  dense: Float32Array,
  shape: readonly number[],
  params: CodecParams,
): CompressedTensor {
  const g = chunkGeometry(shape, params);
  checkSize(g, dense, shape);
  for (let i = 0; i < dense.length; i++) if (!Number.isFinite(dense[i]!)) notFinite(dense, i);
  return compressFinite(dense, g, params);
}

export function checkSize(g: ChunkGeometry, dense: Float32Array, shape: readonly number[]): void {
  if (dense.length !== g.rows * g.cols) {
    throw new CodecError(
      'size-mismatch',
      `a [${shape.join(', ')}] tensor has ${g.rows * g.cols} values, not ${dense.length}`,
    );
  }
}

export function notFinite(dense: Float32Array, i: number): never {
  throw new CodecError('not-finite', `value ${i} is ${dense[i]}, so it cannot be sent`);
}

/**
 * Error feedback folded in chunk by chunk (dense <- beta * dense + delta) just before the chunk
 * is selected, while its rows are in cache: one pass over memory instead of two.
 */
export interface Fold {
  delta: Float32Array;
  beta: number;
}

/**
 * compressTensor for values of the geometry's size that are finite (or, with `fold`, become
 * finite once folded; a chunk that does not throws CodecError before it is selected).
 */
export function compressFinite(
  dense: Float32Array,
  g: ChunkGeometry,
  params: CodecParams,
  fold?: Fold,
): CompressedTensor {
  const n = g.keptTotal;
  const idx = keptIndices.take(n);
  const val = keptValues.take(n);
  selectAll(g, dense, params.dct, idx, val, fold);
  const codes = keptCodes.take(n);
  const quant = quantize(val, n, params.quantRange, codes);
  const indices = new Uint8Array(packedIndexBytes(n));
  packIndices(idx, n, indices);
  const values = new Uint8Array(packedValueBytes(n));
  packCodes(codes, n, values);
  return { indices, values, quant };
}

/** dense <- beta * dense + delta over one chunk; throws if any result is not finite. */
function foldChunk(g: ChunkGeometry, dense: Float32Array, origin: number, fold: Fold): void {
  const { delta, beta } = fold;
  // r - r is 0 for a finite r and NaN otherwise; the sum stays NaN once it is, without a branch.
  let check = 0;
  for (let r = 0; r < g.h; r++) {
    const row = origin + r * g.cols;
    for (let c = 0; c < g.w; c++) {
      const v = beta * dense[row + c]! + delta[row + c]!;
      dense[row + c] = v;
      check += v - v;
    }
  }
  if (check !== 0)
    notFinite(
      dense,
      dense.findIndex((v) => !Number.isFinite(v)),
    );
}

function selectAll(
  g: ChunkGeometry,
  dense: Float32Array,
  dct: boolean,
  idx: Uint16Array,
  val: Float64Array,
  fold: Fold | undefined,
): void {
  const mags = magnitudes.take(g.chunkSize);
  const picked = candidates.take(g.chunkSize);
  if (!dct) {
    const view = { origin: 0, stride: g.cols, h: g.h, w: g.w };
    for (let chunk = 0; chunk < g.chunkCount; chunk++) {
      view.origin = chunkOrigin(g, chunk);
      if (fold) foldChunk(g, dense, view.origin, fold);
      selectTopk(dense, view, g.kept, idx, val, chunk * g.kept, mags, picked);
    }
    return;
  }
  // Coefficients are selected in float32, the precision they travel in.
  const x = block.take(g.chunkSize);
  const y = transformed.take(g.chunkSize);
  const t = transformScratch.take(g.chunkSize);
  const coefficients = coefficientBlock.take(g.chunkSize);
  const view = { origin: 0, stride: g.w, h: g.h, w: g.w };
  for (let chunk = 0; chunk < g.chunkCount; chunk++) {
    if (fold) foldChunk(g, dense, chunkOrigin(g, chunk), fold);
    readChunk(g, dense, chunk, x);
    dct2(x, g.h, g.w, y, t);
    for (let i = 0; i < g.chunkSize; i++) coefficients[i] = y[i]!;
    selectTopk(coefficients, view, g.kept, idx, val, chunk * g.kept, mags, picked);
  }
}
