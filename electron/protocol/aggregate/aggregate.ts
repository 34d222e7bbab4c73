import {
  type ChunkGeometry,
  type CodecParams,
  type CompressedPseudoGradient,
  type CompressedTensor,
  chunkGeometry,
  inverseTransformChunks,
  keptNorm,
  type ParameterLayout,
  Scratch,
  scatterKept,
  writeKeptPositions,
} from '../codec';

/**
 * How the clipped peers' updates are combined at each coordinate:
 * - 'mean-over-peers': the sum divided by the number of peers, as dense DiLoCo averages. A
 *   coordinate only one peer sent counts 1/P of its value.
 * - 'mean-over-selecting': the sum divided by the number of peers that sent that coordinate
 *   (Templar's scatter_reduce "mean"); unsent coordinates are 0.
 */
export type Reduction = 'mean-over-peers' | 'mean-over-selecting';

/** Chosen by bench:comm (docs/PROTOCOL.md, "Aggregation"). */
export const DEFAULT_REDUCTION: Reduction = 'mean-over-selecting';

export interface AggregateOptions {
  reduction?: Reduction;
}

/** One gathered peer: its hotkey and its validated, compressed pseudo-gradient. */
export interface GatheredPseudoGradient {
  readonly hotkey: string;
  readonly pseudoGradient: CompressedPseudoGradient;
}

export interface Aggregate {
  /** The combined pseudo-gradient, dense, per parameter: what the outer step applies. */
  readonly update: Map<string, Float32Array>;
  /** The peers in the order they were summed (ascending hotkey). */
  readonly peers: readonly string[];
  /** Per parameter, each peer's clip factor min(1, median / norm), in `peers` order. */
  readonly clipFactors: Map<string, Float64Array>;
}

export type AggregationErrorKind = 'no-peers' | 'duplicate-peer' | 'missing-parameter';

export class AggregationError extends Error {
  constructor(
    readonly kind: AggregationErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AggregationError';
  }
}

/**
 * Combines the gathered peers' pseudo-gradients: per parameter, each peer's decoded values are
 * scaled by min(1, median norm / its norm) (median over the gathered peers, the lower middle for
 * an even count, as torch.median), then summed in ascending hotkey order in float64 and reduced.
 * The same set of peers gives the same bits whatever order it arrived in.
 */
export function aggregate(
  gathered: readonly GatheredPseudoGradient[],
  layout: ParameterLayout,
  codec: CodecParams,
  options: AggregateOptions = {},
): Aggregate {
  const reduction = options.reduction ?? DEFAULT_REDUCTION;
  if (gathered.length === 0)
    throw new AggregationError('no-peers', 'there is nothing to aggregate');
  const peers = [...gathered].sort((a, b) =>
    a.hotkey < b.hotkey ? -1 : a.hotkey > b.hotkey ? 1 : 0,
  );
  for (let i = 1; i < peers.length; i++) {
    if (peers[i]!.hotkey === peers[i - 1]!.hotkey) {
      throw new AggregationError(
        'duplicate-peer',
        `${peers[i]!.hotkey} was gathered twice; keep one payload per hotkey`,
      );
    }
  }
  const update = new Map<string, Float32Array>();
  const clipFactors = new Map<string, Float64Array>();
  for (const [name, shape] of layout) {
    const g = chunkGeometry(shape, codec);
    const tensors = peers.map((p) => {
      const t = p.pseudoGradient.get(name);
      if (!t) throw new AggregationError('missing-parameter', `${p.hotkey} sent no ${name}`);
      return t;
    });
    const norms = Float64Array.from(tensors, (t) => keptNorm(t, g));
    const median = lowerMedian(norms);
    // Templar writes min(1, median / (norm + 1e-8)); comparing first gives the same factor
    // without the epsilon, so a peer at or below the median is exactly unscaled.
    const factors = norms.map((n) => (n > median ? median / n : 1));
    const size = g.rows * g.cols;
    const selecting = reduction === 'mean-over-selecting';
    if (codec.dct) {
      const sums = new Float64Array(size);
      const counts = new Uint16Array(size);
      for (const [i, t] of tensors.entries()) scatterKept(t, g, sums, factors[i]!, counts);
      for (let p = 0; p < size; p++) {
        if (counts[p]! > 0) sums[p] = sums[p]! / (selecting ? counts[p]! : peers.length);
      }
      inverseTransformChunks(g, sums);
      update.set(name, new Float32Array(sums));
    } else {
      update.set(name, reduceSparse(g, tensors, factors, selecting ? 0 : peers.length));
    }
    clipFactors.set(name, factors);
  }
  return { update, peers: peers.map((p) => p.hotkey), clipFactors };
}

// Sums and counts stay all-zero between calls: each call clears exactly what it touched.
const sumScratch = new Scratch((n) => new Float64Array(n));
const countScratch = new Scratch((n) => new Uint16Array(n));
const positionScratch = new Scratch((n) => new Uint32Array(n));

/**
 * Without the DCT only kept positions are non-zero, so the reduction visits the peers' entries
 * rather than the whole tensor (at 1.5 % density, ~60x less memory traffic). `peerCount` 0 means
 * divide by the number of peers that sent each coordinate.
 */
function reduceSparse(
  g: ChunkGeometry,
  tensors: readonly CompressedTensor[],
  factors: Float64Array,
  peerCount: number,
): Float32Array {
  const size = g.rows * g.cols;
  const sums = sumScratch.take(size);
  const counts = countScratch.take(size);
  for (const [i, t] of tensors.entries()) scatterKept(t, g, sums, factors[i]!, counts);
  const out = new Float32Array(size);
  const positions = positionScratch.take(g.keptTotal);
  for (const t of tensors) {
    writeKeptPositions(t, g, positions);
    for (let j = 0; j < g.keptTotal; j++) {
      const p = positions[j]!;
      const count = counts[p]!;
      if (count === 0) continue; // finished for an earlier peer
      out[p] = sums[p]! / (peerCount || count);
      sums[p] = 0;
      counts[p] = 0;
    }
  }
  return out;
}

function lowerMedian(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[(sorted.length - 1) >> 1]!;
}
