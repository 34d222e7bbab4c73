import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusFiles, loadCorpus } from '../../../electron/engine/data';

const MB = 1024 * 1024;

describe('the shipped corpus', () => {
  const corpus = loadCorpus();

  it('holds at least 5 MB of text', () => {
    const bytes =
      Buffer.byteLength(corpus.train.text, 'utf8') + Buffer.byteLength(corpus.heldOut.text, 'utf8');
    expect(bytes).toBeGreaterThanOrEqual(5 * MB);
  });

  it('is English prose: mostly letters and spaces, with common English words', () => {
    const sample = corpus.train.text;
    let lettersAndSpaces = 0;
    for (let i = 0; i < sample.length; i++) {
      const c = sample.charCodeAt(i);
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32) lettersAndSpaces++;
    }
    expect(lettersAndSpaces / sample.length).toBeGreaterThan(0.85);
    const words = sample.toLowerCase().split(/[^a-z]+/);
    const the = words.filter((w) => w === 'the').length;
    expect(the / words.length).toBeGreaterThan(0.03);
  });

  it('has no Project Gutenberg licence boilerplate and Unix line endings only', () => {
    expect(corpus.train.text).not.toMatch(/project gutenberg/i);
    expect(corpus.heldOut.text).not.toMatch(/project gutenberg/i);
    expect(corpus.train.text).not.toContain('\r');
  });

  it('holds out about 5% of the text, none of it repeated in the training split', () => {
    const share =
      corpus.heldOut.text.length / (corpus.heldOut.text.length + corpus.train.text.length);
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.07);
    const heldOutParagraph = corpus.heldOut.text.split('\n\n').find((p) => p.length > 200);
    expect(heldOutParagraph).toBeDefined();
    expect(corpus.train.text).not.toContain(heldOutParagraph);
  });

  it('hashes each split and loads once per process', () => {
    expect(corpus.train.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(corpus.train.sha256).not.toBe(corpus.heldOut.sha256);
    expect(loadCorpus()).toBe(corpus);
  });
});

describe('loadCorpus on bad input', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const emptyDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-corpus-'));
    dirs.push(dir);
    return dir;
  };

  it('says which file is missing', () => {
    const dir = emptyDir();
    expect(() => loadCorpus({ dir })).toThrow(
      expect.objectContaining({ kind: 'corpus-missing', message: expect.stringContaining(dir) }),
    );
  });

  it('rejects an empty corpus', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, corpusFiles.train), gzipSync(Buffer.from('  \n')));
    writeFileSync(join(dir, corpusFiles.heldOut), gzipSync(Buffer.from('text')));
    expect(() => loadCorpus({ dir })).toThrow(expect.objectContaining({ kind: 'empty-corpus' }));
  });

  it('rejects a file that is not gzip', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, corpusFiles.train), 'plain text');
    writeFileSync(join(dir, corpusFiles.heldOut), gzipSync(Buffer.from('text')));
    expect(() => loadCorpus({ dir })).toThrow(expect.objectContaining({ kind: 'corpus-missing' }));
  });
});
