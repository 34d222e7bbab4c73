/**
 * Top-k of one chunk by magnitude, exact and deterministic. The k-th largest magnitude is found
 * Floyd-Rivest style: a strided sample gives a bound a little below it, one pass collects the
 * entries at or above the bound (about 2k of them), and a quickselect over those few finds the
 * threshold; a full quickselect runs only when the bound overshoots. Entries above the threshold,
 * then as many equal to it as still fit (lowest index first), are emitted in index order, so
 * indices come out strictly ascending: the encoding is canonical and a receiver can reject
 * repeated indices by checking order alone.
 */

/** Sample every STRIDE-th entry; aim the bound at OVERSAMPLE * k entries. */
const STRIDE = 8;
const OVERSAMPLE = 2;
/** Below this size a plain quickselect is as fast. */
const SAMPLED_FROM = 512;

/** Where a chunk's entries sit in `source`: entry r * w + c is source[origin + r * stride + c]. */
export interface ChunkView {
  origin: number;
  stride: number;
  h: number;
  w: number;
}

/**
 * Writes the chunk-local indices of the `k` largest magnitudes of one chunk, ascending, into
 * idx[at .. at+k) and their signed values into val[at .. at+k). The chunk is read in place from
 * `source` (no copy); `mags` and `candidates` are scratch of length >= h * w. Values must be
 * finite (the encoder checks). Float32 only, so the hot loops stay monomorphic.
 */
export function selectTopk(
  source: Float32Array,
  view: ChunkView,
  k: number,
  idx: Uint16Array,
  val: Float64Array,
  at: number,
  mags: Float64Array,
  candidates: Uint16Array,
): void {
  const { origin, stride, h, w } = view;
  const n = h * w;
  const valueAt = (local: number) => {
    const r = (local / w) | 0;
    return source[origin + r * stride + (local - r * w)]!;
  };
  if (k >= n) {
    for (let i = 0; i < n; i++) {
      idx[at + i] = i;
      val[at + i] = valueAt(i);
    }
    return;
  }
  let count = 0;
  if (n >= SAMPLED_FROM) {
    const samples = Math.floor(n / STRIDE);
    for (let j = 0; j < samples; j++) mags[j] = Math.abs(valueAt(j * STRIDE));
    const rank = Math.min(samples, Math.ceil((OVERSAMPLE * k * samples) / n) + 1);
    const bound = kthLargest(mags, samples, rank);
    for (let r = 0, local = 0; r < h; r++) {
      const row = origin + r * stride;
      for (let c = 0; c < w; c++, local++) {
        const m = Math.abs(source[row + c]!);
        if (m >= bound) {
          candidates[count] = local;
          mags[count] = m;
          count++;
        }
      }
    }
  }
  if (count < k) {
    // Unsampled, or the bound overshot: every entry is a candidate.
    for (let r = 0, local = 0; r < h; r++) {
      const row = origin + r * stride;
      for (let c = 0; c < w; c++, local++) {
        candidates[local] = local;
        mags[local] = Math.abs(source[row + c]!);
      }
    }
    count = n;
  }
  const threshold = kthLargest(mags, count, k);
  // Entries above the threshold all are candidates; ties at it are taken lowest index first.
  let above = 0;
  for (let j = 0; j < count; j++) if (Math.abs(valueAt(candidates[j]!)) > threshold) above++;
  let ties = k - above;
  let out = at;
  for (let j = 0; j < count; j++) {
    const local = candidates[j]!;
    const v = valueAt(local);
    const m = Math.abs(v);
    if (m > threshold || (m === threshold && ties-- > 0)) {
      idx[out] = local;
      val[out] = v;
      out++;
    }
  }
}

/**
 * The k-th largest of a[0 .. n) (k >= 1), reordering `a` in place: Hoare partitioning around a
 * median-of-three value, descending, narrowing to the side that holds position k - 1 (Wirth's
 * selection). Runs of equal values stop both scans, so a chunk of zeros stays linear.
 */
export function kthLargest(a: Float64Array, n: number, k: number): number {
  const target = k - 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const x = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    do {
      while (a[i]! > x) i++;
      while (x > a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    // Values strictly between j and i equal x: when the target is there, lo > hi ends the loop.
    if (j < target) lo = i;
    if (target < i) hi = j;
  }
  return a[target]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
