import { describe, expect, it } from 'vitest';
import { createTokenizer, makeBatch, PageSet, pagesOf } from '../../../electron/engine/data';

const tokens = Int32Array.from({ length: 40 }, (_, i) => 100 + i);
const pages = new PageSet(tokens, 9); // 4 pages of 9 tokens: a context of 8

describe('makeBatch', () => {
  it('lays out one row per page, in the order given, with targets shifted by one', () => {
    const batch = makeBatch(pages, [2, 0]);
    expect(batch.batch).toBe(2);
    expect(batch.seq).toBe(8);
    expect(batch.tokens).toBeInstanceOf(Int32Array);
    expect(batch.targets).toBeInstanceOf(Int32Array);
    expect(Array.from(batch.tokens)).toEqual([
      118, 119, 120, 121, 122, 123, 124, 125, 100, 101, 102, 103, 104, 105, 106, 107,
    ]);
    expect(Array.from(batch.targets)).toEqual([
      119, 120, 121, 122, 123, 124, 125, 126, 101, 102, 103, 104, 105, 106, 107, 108,
    ]);
  });

  it('makes every target the token after its input, on real text', () => {
    const byte = createTokenizer('byte');
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(10);
    const textPages = pagesOf(text, byte, { pageTokens: 17 });
    const batch = makeBatch(textPages, [3, 1, 4]);
    for (let row = 0; row < batch.batch; row++) {
      const input = batch.tokens.subarray(row * batch.seq, (row + 1) * batch.seq);
      const target = batch.targets.subarray(row * batch.seq, (row + 1) * batch.seq);
      expect(Array.from(target.subarray(0, -1))).toEqual(Array.from(input.subarray(1)));
    }
    expect(byte.decode(batch.tokens.subarray(0, 16))).toBe(text.slice(51, 67));
  });

  it('copies, so writing to a batch never changes the pages', () => {
    const batch = makeBatch(pages, [1]);
    batch.tokens[0] = -7;
    expect(pages.page(1)[0]).toBe(109);
  });

  it('takes the start of each page for a shorter sequence', () => {
    const batch = makeBatch(pages, [1, 1], 3);
    expect(Array.from(batch.tokens)).toEqual([109, 110, 111, 109, 110, 111]);
    expect(Array.from(batch.targets)).toEqual([110, 111, 112, 110, 111, 112]);
  });

  it('rejects empty batches, bad sequence lengths and missing pages', () => {
    expect(() => makeBatch(pages, [])).toThrow(expect.objectContaining({ kind: 'empty-batch' }));
    for (const seq of [0, 9, 2.5]) {
      expect(() => makeBatch(pages, [0], seq)).toThrow(
        expect.objectContaining({ kind: 'invalid-sequence-length' }),
      );
    }
    expect(() => makeBatch(pages, [0, 4])).toThrow(
      expect.objectContaining({ kind: 'page-out-of-range' }),
    );
  });
});
