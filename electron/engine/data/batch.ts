import { DataError } from './errors';
import type { PageSet } from './page-set';

/**
 * One training batch, row-major [batch, seq]. int32 rather than int64 on purpose: WebGPU handles
 * int32 on the device, while int64 inputs make onnxruntime fall back to the CPU.
 */
export interface Batch {
  /** Input token ids: row b is page[0 .. seq-1] of the b-th page. */
  readonly tokens: Int32Array;
  /** Next-token targets: row b is page[1 .. seq] of the same page. */
  readonly targets: Int32Array;
  readonly batch: number;
  readonly seq: number;
}

/**
 * A batch with one row per page index, in the order given. `seq` defaults to a whole page
 * (pageTokens - 1); a shorter `seq` uses the start of each page.
 */
export function makeBatch(
  pages: PageSet,
  pageIndices: readonly number[],
  seq: number = pages.pageTokens - 1,
): Batch {
  if (pageIndices.length === 0) {
    throw new DataError('empty-batch', 'A batch needs at least one page.');
  }
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > pages.pageTokens - 1) {
    throw new DataError(
      'invalid-sequence-length',
      `A sequence must be 1 to ${pages.pageTokens - 1} tokens for pages of ${pages.pageTokens}, not ${seq}.`,
    );
  }
  const batch = pageIndices.length;
  const tokens = new Int32Array(batch * seq);
  const targets = new Int32Array(batch * seq);
  pageIndices.forEach((index, row) => {
    const page = pages.page(index);
    tokens.set(page.subarray(0, seq), row * seq);
    targets.set(page.subarray(1, seq + 1), row * seq);
  });
  return { tokens, targets, batch, seq };
}
