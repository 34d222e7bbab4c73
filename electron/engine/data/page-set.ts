import { type CorpusSplit, corpusSplitOf } from './corpus';
import { DataError } from './errors';
import { type TokenSource, tokenizeSplit } from './tokenized-text';
import type { Tokenizer } from './tokenizer';

/**
 * The page size that turns one page into one training sequence: inputs are tokens 0..n-1 and
 * targets tokens 1..n of the same page, so a context of n needs n + 1 tokens.
 */
export function pageTokensFor(contextLength: number): number {
  return contextLength + 1;
}

/**
 * A token stream cut into fixed-size pages: page i is tokens [i * pageTokens, (i + 1) *
 * pageTokens). Pages do not overlap, and the tail shorter than a page is dropped, so every page
 * is whole. Page indices are what the protocol assigns to miners.
 */
export class PageSet {
  readonly pageCount: number;

  constructor(
    /** The whole token stream (shared, read-only), including the dropped tail. */
    readonly tokens: Int32Array,
    readonly pageTokens: number,
    /** Where `tokens` came from on this load. */
    readonly source: TokenSource = 'encoded',
  ) {
    checkPageTokens(pageTokens);
    this.pageCount = Math.floor(tokens.length / pageTokens);
    if (this.pageCount === 0) {
      throw new DataError(
        'corpus-too-short',
        `The text has ${tokens.length} tokens, fewer than one page of ${pageTokens}.`,
      );
    }
  }

  /** Page `index` as a view into `tokens` (no copy; do not write to it). */
  page(index: number): Int32Array {
    if (!Number.isInteger(index) || index < 0 || index >= this.pageCount) {
      throw new DataError(
        'page-out-of-range',
        `Page ${index} does not exist; this corpus has pages 0 to ${this.pageCount - 1}.`,
      );
    }
    const start = index * this.pageTokens;
    return this.tokens.subarray(start, start + this.pageTokens);
  }
}

export interface PagesOptions {
  /** Tokens per page; pageTokensFor(contextLength) makes one page one training sequence. */
  pageTokens: number;
  /** Directory for the on-disk token cache (BPE only); without it, tokens live in memory only. */
  cacheDir?: string;
}

/** Tokenize `source` (cached, see tokenizeSplit) and cut it into pages. */
export function pagesOf(
  source: CorpusSplit | string,
  tokenizer: Tokenizer,
  options: PagesOptions,
): PageSet {
  const split = typeof source === 'string' ? corpusSplitOf(source) : source;
  if (split.text.length === 0) {
    throw new DataError('empty-corpus', 'There is no text to cut into pages.');
  }
  // Check the page size before paying for tokenization.
  checkPageTokens(options.pageTokens);
  const { tokens, source: from } = tokenizeSplit(split, tokenizer, options.cacheDir);
  return new PageSet(tokens, options.pageTokens, from);
}

function checkPageTokens(pageTokens: number): void {
  if (!Number.isSafeInteger(pageTokens) || pageTokens < 2) {
    throw new DataError(
      'invalid-page-size',
      `A page must hold at least 2 tokens (one input and its target), not ${pageTokens}.`,
    );
  }
}
