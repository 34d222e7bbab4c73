import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  corpusSplitOf,
  createTokenizer,
  loadCorpus,
  PageSet,
  pagesOf,
  pageTokensFor,
} from '../../../electron/engine/data';
import { writeTokenCacheFile } from '../../../electron/engine/data/token-cache-file';
import { tokenCacheFileName } from '../../../electron/engine/data/tokenized-text';

const byte = createTokenizer('byte');
const gpt2 = createTokenizer('gpt2');

const cacheDirs: string[] = [];
afterAll(() => {
  for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
});

function freshCacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-tokens-'));
  cacheDirs.push(dir);
  return dir;
}

describe('PageSet', () => {
  const tokens = Int32Array.from({ length: 23 }, (_, i) => i);

  it('cuts tokens into whole, consecutive, non-overlapping pages and drops the short tail', () => {
    const pages = new PageSet(tokens, 5);
    expect(pages.pageCount).toBe(4);
    expect(Array.from(pages.page(0))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(pages.page(3))).toEqual([15, 16, 17, 18, 19]);
  });

  it('uses context length + 1 tokens per page so a page is one input/target pair', () => {
    expect(pageTokensFor(128)).toBe(129);
  });

  it('rejects pages shorter than 2 tokens, and texts shorter than a page', () => {
    for (const size of [1, 0, -3, 2.5, Number.NaN]) {
      expect(() => new PageSet(tokens, size)).toThrow(
        expect.objectContaining({ kind: 'invalid-page-size' }),
      );
    }
    expect(() => new PageSet(tokens, 24)).toThrow(
      expect.objectContaining({ kind: 'corpus-too-short' }),
    );
  });

  it('rejects page indices outside the set', () => {
    const pages = new PageSet(tokens, 5);
    for (const index of [-1, 4, 1.5]) {
      expect(() => pages.page(index)).toThrow(
        expect.objectContaining({ kind: 'page-out-of-range' }),
      );
    }
  });
});

describe('pagesOf the shipped corpus', () => {
  const corpus = loadCorpus();

  it('pages the byte-tokenized corpus: one token per byte', () => {
    const pages = pagesOf(corpus.train, byte, { pageTokens: pageTokensFor(128) });
    const bytes = Buffer.byteLength(corpus.train.text, 'utf8');
    expect(pages.tokens.length).toBe(bytes);
    expect(pages.pageCount).toBe(Math.floor(bytes / 129));
    expect(pages.page(pages.pageCount - 1).length).toBe(129);
    expect(byte.decode(pages.page(0))).toBe(corpus.train.text.slice(0, 129));
  });

  it('pages the GPT-2-tokenized corpus and caches its tokens on disk', () => {
    const cacheDir = freshCacheDir();
    const pages = pagesOf(corpus.train, gpt2, { pageTokens: 1025, cacheDir });
    // English prose averages about 4 characters per GPT-2 token.
    const charsPerToken = corpus.train.text.length / pages.tokens.length;
    expect(charsPerToken).toBeGreaterThan(3);
    expect(charsPerToken).toBeLessThan(6);
    expect(pages.pageCount).toBe(Math.floor(pages.tokens.length / 1025));
    expect(pages.page(7).length).toBe(1025);
    const cacheFile = join(cacheDir, tokenCacheFileName(gpt2, corpus.train.sha256));
    // Each test file runs in its own process, and nothing above tokenized this text with GPT-2.
    expect(pages.source).toBe('encoded');
    expect(existsSync(cacheFile)).toBe(true);
    // A different page size re-pages the same tokens without tokenizing again.
    const again = pagesOf(corpus.train, gpt2, { pageTokens: 257, cacheDir });
    expect(again.source).toBe('memory');
    expect(again.tokens).toBe(pages.tokens);
  });
});

describe('the on-disk token cache', () => {
  it('is written atomically under a name keyed by tokenizer id and text hash', () => {
    const cacheDir = freshCacheDir();
    const split = corpusSplitOf(`A text only this test tokenizes: ${Math.random()}\n`.repeat(40));
    const pages = pagesOf(split, gpt2, { pageTokens: 8, cacheDir });
    expect(pages.source).toBe('encoded');
    expect(readdirSync(cacheDir)).toEqual([`gpt2-r50k_base-v1-${split.sha256}.tokens`]);
  });

  it('is read back instead of tokenizing again', () => {
    const cacheDir = freshCacheDir();
    const split = corpusSplitOf(`Another text that is tokenized nowhere else: ${Math.random()}`);
    // Plant a cache file whose tokens differ from what encoding would give: only a read of the
    // cache can produce them.
    const planted = Int32Array.from([11, 22, 33, 44, 55, 66]);
    writeTokenCacheFile(join(cacheDir, tokenCacheFileName(gpt2, split.sha256)), planted);
    const pages = pagesOf(split, gpt2, { pageTokens: 3, cacheDir });
    expect(pages.source).toBe('disk-cache');
    expect(Array.from(pages.page(1))).toEqual([44, 55, 66]);
  });

  it('replaces a corrupt cache file by tokenizing again', () => {
    const cacheDir = freshCacheDir();
    const text = `Yet another text, ${Math.random()}, long enough for a page or two.`;
    const split = corpusSplitOf(text);
    const file = join(cacheDir, tokenCacheFileName(gpt2, split.sha256));
    writeFileSync(file, 'not a token cache');
    const pages = pagesOf(split, gpt2, { pageTokens: 4, cacheDir });
    expect(pages.source).toBe('encoded');
    expect(Array.from(pages.tokens)).toEqual(Array.from(gpt2.encode(text)));
    expect(readdirSync(cacheDir)).toEqual([tokenCacheFileName(gpt2, split.sha256)]);
  });

  it('is not used for the byte tokenizer, which is faster than reading a file', () => {
    const cacheDir = freshCacheDir();
    pagesOf(`bytes ${Math.random()}`, byte, { pageTokens: 4, cacheDir });
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('reports a cache directory it cannot write to as a typed error', () => {
    const blocker = join(freshCacheDir(), 'a-file');
    writeFileSync(blocker, '');
    expect(() =>
      pagesOf(`unwritable ${Math.random()}`, gpt2, { pageTokens: 2, cacheDir: blocker }),
    ).toThrow(expect.objectContaining({ kind: 'cache-write-failed' }));
  });
});

describe('pagesOf on bad input', () => {
  it('rejects empty text, bad page sizes and texts shorter than a page', () => {
    expect(() => pagesOf('', byte, { pageTokens: 4 })).toThrow(
      expect.objectContaining({ kind: 'empty-corpus' }),
    );
    expect(() => pagesOf('some text', byte, { pageTokens: 1 })).toThrow(
      expect.objectContaining({ kind: 'invalid-page-size' }),
    );
    expect(() => pagesOf('short', byte, { pageTokens: 6 })).toThrow(
      expect.objectContaining({ kind: 'corpus-too-short' }),
    );
  });
});
