import { DataError } from './errors';
import type { Tokenizer } from './tokenizer';

const utf8Encoder = new TextEncoder();
// Not fatal: a model can emit byte sequences that are not valid UTF-8; they decode to U+FFFD.
const utf8Decoder = new TextDecoder('utf-8');

/** One token per UTF-8 byte (vocab 256): no vocabulary file, any text round-trips exactly. */
export const byteTokenizer: Tokenizer = {
  name: 'byte',
  id: 'byte-utf8-v1',
  vocabSize: 256,
  cacheOnDisk: false,
  encode(text) {
    return Int32Array.from(utf8Encoder.encode(text));
  },
  decode(tokens) {
    const bytes = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (!Number.isInteger(token) || token < 0 || token > 255) {
        throw new DataError(
          'invalid-token',
          `Token ${token} at position ${i} is not a byte; the byte tokenizer has ids 0 to 255.`,
        );
      }
      bytes[i] = token;
    }
    return utf8Decoder.decode(bytes);
  },
};
