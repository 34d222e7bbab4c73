import { describe, expect, it } from 'vitest';
import { createTokenizer, DataError } from '../../../electron/engine/data';

describe('byte tokenizer', () => {
  const byte = createTokenizer('byte');

  it('has one token per UTF-8 byte and a vocabulary of 256', () => {
    expect(byte.vocabSize).toBe(256);
    expect(Array.from(byte.encode('Hi!'))).toEqual([72, 105, 33]);
    // "é" is two bytes in UTF-8, the snowman three.
    expect(Array.from(byte.encode('é☃'))).toEqual([0xc3, 0xa9, 0xe2, 0x98, 0x83]);
  });

  it('round-trips ASCII, accented letters, CJK and emoji exactly', () => {
    const text = 'Cæsar ate crème brûlée — 東京 🚀\n\ttab';
    const tokens = byte.encode(text);
    expect(tokens).toBeInstanceOf(Int32Array);
    expect(tokens.length).toBe(Buffer.byteLength(text, 'utf8'));
    expect(byte.decode(tokens)).toBe(text);
  });

  it('rejects ids that are not bytes with a typed error', () => {
    expect(() => byte.decode([65, 256])).toThrow(DataError);
    try {
      byte.decode([-1]);
    } catch (error) {
      expect((error as DataError).kind).toBe('invalid-token');
    }
    expect.assertions(2);
  });
});

describe('GPT-2 tokenizer', () => {
  const gpt2 = createTokenizer('gpt2');

  it("has GPT-2's vocabulary of 50257", () => {
    expect(gpt2.vocabSize).toBe(50257);
  });

  it("gives GPT-2's token ids for known strings", () => {
    expect(Array.from(gpt2.encode('Hello world'))).toEqual([15496, 995]);
    expect(Array.from(gpt2.encode(' the'))).toEqual([262]);
  });

  it('round-trips prose, non-ASCII text and emoji', () => {
    const text = 'It is a truth universally acknowledged… Cæsar, café, 東京 🚀\n';
    const tokens = gpt2.encode(text);
    expect(tokens).toBeInstanceOf(Int32Array);
    expect(tokens.length).toBeLessThan(Buffer.byteLength(text, 'utf8'));
    expect(gpt2.decode(tokens)).toBe(text);
  });

  it('encodes a literal <|endoftext|> in text as ordinary characters', () => {
    const tokens = Array.from(gpt2.encode('a <|endoftext|> b'));
    expect(tokens).not.toContain(50256);
    expect(gpt2.decode(tokens)).toBe('a <|endoftext|> b');
  });

  it('rejects ids outside the vocabulary with a typed error', () => {
    expect(() => gpt2.decode([50257])).toThrow(
      expect.objectContaining({ kind: 'invalid-token', name: 'DataError' }),
    );
  });
});

describe('createTokenizer', () => {
  it('names the choices when the tokenizer is unknown', () => {
    expect(() => createTokenizer('sentencepiece')).toThrow(
      expect.objectContaining({ kind: 'unknown-tokenizer' }),
    );
    expect(() => createTokenizer('sentencepiece')).toThrow(/byte, gpt2/);
  });

  it('gives each tokenizer a distinct versioned id for its token cache', () => {
    expect(createTokenizer('byte').id).not.toBe(createTokenizer('gpt2').id);
  });
});
