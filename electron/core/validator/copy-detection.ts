/**
 * Copy detection by index overlap (reference/templar.md §6.4): two miners who trained on different
 * pages select largely different top-k coordinates; a copied (or lightly perturbed) update selects
 * the same ones. For each pair, the share of kept indices in common, over all parameters; pairs at
 * or above the threshold flag the later uploader.
 */
import {
  type CodecParams,
  chunkGeometry,
  type ParameterLayout,
  unpackIndices,
} from '../../protocol/codec';
import type { GatheredPeer } from '../miner/gather';

/** Templar flags pairs from 0.4; honest miners on disjoint pages share about k / chunk² (1.6 %). */
export const COPY_THRESHOLD = 0.5;

/** Each peer's kept indices as sorted global keys (chunk × chunk size + local index). */
function keysOf(
  peer: GatheredPeer,
  layout: ParameterLayout,
  codec: CodecParams,
): Map<string, Uint32Array> {
  const keys = new Map<string, Uint32Array>();
  for (const [name, shape] of layout) {
    const g = chunkGeometry(shape, codec);
    const t = peer.pseudoGradient.get(name);
    if (!t) continue;
    const local = new Uint16Array(g.keptTotal);
    unpackIndices(t.indices, 0, g.keptTotal, local);
    const out = new Uint32Array(g.keptTotal);
    for (let i = 0; i < g.keptTotal; i++) {
      out[i] = Math.floor(i / g.kept) * g.chunkSize + local[i]!;
    }
    out.sort();
    keys.set(name, out);
  }
  return keys;
}

function shared(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      n++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return n;
}

/** The share of kept indices two peers have in common, weighted by each tensor's size. */
export function indexOverlap(a: Map<string, Uint32Array>, b: Map<string, Uint32Array>): number {
  let common = 0;
  let total = 0;
  for (const [name, ka] of a) {
    const kb = b.get(name);
    if (!kb) continue;
    common += shared(ka, kb);
    total += Math.max(ka.length, kb.length);
  }
  return total === 0 ? 0 : common / total;
}

export interface CopyFinding {
  /** The later uploader, penalised. */
  offender: string;
  original: string;
  overlap: number;
}

export function findCopies(
  peers: readonly GatheredPeer[],
  layout: ParameterLayout,
  codec: CodecParams,
  threshold = COPY_THRESHOLD,
): CopyFinding[] {
  const keys = peers.map((p) => keysOf(p, layout, codec));
  const findings: CopyFinding[] = [];
  for (let i = 0; i < peers.length; i++) {
    for (let j = i + 1; j < peers.length; j++) {
      const overlap = indexOverlap(keys[i]!, keys[j]!);
      if (overlap < threshold) continue;
      const [first, second] =
        peers[i]!.lastModified.getTime() <= peers[j]!.lastModified.getTime()
          ? [peers[i]!, peers[j]!]
          : [peers[j]!, peers[i]!];
      findings.push({ offender: second.hotkey, original: first.hotkey, overlap });
    }
  }
  return findings;
}
