import { CodecError } from './errors';
import { type CodecParams, validateCodecParams } from './params';

/**
 * How one parameter tensor is cut into chunks. A 2-D tensor (R, C) becomes a grid of h x w blocks,
 * h the largest divisor of R that is <= chunk and w the same for C; a 1-D tensor of length N is
 * handled as (1, N), so its chunks are runs of w. Chunks are numbered row-major over the grid and
 * entries row-major within a chunk: Templar's einops "(y h) (x w) -> y x (h w)".
 */
export interface ChunkGeometry {
  readonly rows: number;
  readonly cols: number;
  /** Chunk height and width. */
  readonly h: number;
  readonly w: number;
  /** Chunks down and across. */
  readonly gridRows: number;
  readonly gridCols: number;
  readonly chunkCount: number;
  /** Entries per chunk, h * w ("totalk" in Templar). */
  readonly chunkSize: number;
  /** Entries kept per chunk after the clamp/even rule. */
  readonly kept: number;
  /** Entries kept in the whole tensor: chunkCount * kept. */
  readonly keptTotal: number;
}

/** The largest divisor of n that is at most `limit` (Templar's `_get_smaller_split`). */
export function largestDivisorAtMost(n: number, limit: number): number {
  for (let d = Math.min(n, limit); d > 1; d--) if (n % d === 0) return d;
  return 1;
}

/**
 * Templar's `_clamp_topk`: at most the chunk, at least 2, rounded down to even so indices pair up
 * in 12-bit packing. A one-entry chunk, which that rule cannot serve, keeps its single entry.
 */
export function keptPerChunk(topk: number, chunkSize: number): number {
  let k = Math.max(Math.min(topk, chunkSize), 2);
  k -= k % 2;
  return Math.min(k, chunkSize);
}

export function chunkGeometry(shape: readonly number[], params: CodecParams): ChunkGeometry {
  validateCodecParams(params);
  const valid = (d: number) => Number.isSafeInteger(d) && d >= 1;
  if ((shape.length !== 1 && shape.length !== 2) || !shape.every(valid)) {
    throw new CodecError(
      'invalid-shape',
      `the codec handles 1-D and 2-D tensors with positive sizes, not [${shape.join(', ')}]`,
    );
  }
  const rows = shape.length === 2 ? shape[0]! : 1;
  const cols = shape.length === 2 ? shape[1]! : shape[0]!;
  const h = largestDivisorAtMost(rows, params.chunk);
  const w = largestDivisorAtMost(cols, params.chunk);
  const gridRows = rows / h;
  const gridCols = cols / w;
  const chunkCount = gridRows * gridCols;
  const chunkSize = h * w;
  const kept = keptPerChunk(params.topk, chunkSize);
  return {
    rows,
    cols,
    h,
    w,
    gridRows,
    gridCols,
    chunkCount,
    chunkSize,
    kept,
    keptTotal: chunkCount * kept,
  };
}

/** Dense (row-major) position of the first entry of chunk `chunk`. */
export function chunkOrigin(g: ChunkGeometry, chunk: number): number {
  const by = Math.floor(chunk / g.gridCols);
  const bx = chunk - by * g.gridCols;
  return by * g.h * g.cols + bx * g.w;
}

/** Dense position of entry `local` (row-major within the chunk) of the chunk at `origin`. */
export function densePosition(g: ChunkGeometry, origin: number, local: number): number {
  const r = Math.floor(local / g.w);
  return origin + r * g.cols + (local - r * g.w);
}

/** Copies chunk `chunk` of `dense` into `out[0 .. chunkSize)`, row-major within the chunk. */
export function readChunk(
  g: ChunkGeometry,
  dense: Float32Array | Float64Array,
  chunk: number,
  out: Float32Array | Float64Array,
): void {
  const origin = chunkOrigin(g, chunk);
  for (let r = 0; r < g.h; r++) {
    const from = origin + r * g.cols;
    const to = r * g.w;
    for (let c = 0; c < g.w; c++) out[to + c] = dense[from + c]!;
  }
}

/** Writes `block[0 .. chunkSize)` into chunk `chunk` of `dense`, the inverse of readChunk. */
export function writeChunk(
  g: ChunkGeometry,
  block: Float32Array | Float64Array,
  chunk: number,
  dense: Float32Array | Float64Array,
): void {
  const origin = chunkOrigin(g, chunk);
  for (let r = 0; r < g.h; r++) {
    const to = origin + r * g.cols;
    const from = r * g.w;
    for (let c = 0; c < g.w; c++) dense[to + c] = block[from + c]!;
  }
}
