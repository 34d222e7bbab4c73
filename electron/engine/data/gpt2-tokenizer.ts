// r50k_base is GPT-2's encoding; gpt-tokenizer ships its merge table in the package, so this works
// offline. The import costs ~90 ms and ~10 MB of heap once per process.
import { decode, encode, vocabularySize } from 'gpt-tokenizer/encoding/r50k_base';
import { DataError } from './errors';
import type { Tokenizer } from './tokenizer';

// Corpus text is data, never control: a literal "<|endoftext|>" in a book is encoded as the
// ordinary characters it is made of (tiktoken's encode_ordinary), instead of throwing.
const ordinaryText = { disallowedSpecial: new Set<string>() };

/** GPT-2's byte-level BPE (vocab 50257; id 50256 is <|endoftext|>). */
export const gpt2Tokenizer: Tokenizer = {
  name: 'gpt2',
  id: 'gpt2-r50k_base-v1',
  vocabSize: vocabularySize,
  cacheOnDisk: true,
  encode(text) {
    return Int32Array.from(encode(text, ordinaryText));
  },
  decode(tokens) {
    const ids = Array.from(tokens);
    const bad = ids.findIndex((t) => !Number.isInteger(t) || t < 0 || t >= vocabularySize);
    if (bad >= 0) {
      throw new DataError(
        'invalid-token',
        `Token ${ids[bad]} at position ${bad} is outside GPT-2's vocabulary (0 to ${vocabularySize - 1}).`,
      );
    }
    return decode(ids);
  },
};
