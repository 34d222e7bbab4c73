import { byteTokenizer } from './byte-tokenizer';
import { DataError } from './errors';
import { gpt2Tokenizer } from './gpt2-tokenizer';

/** The tokenizers a model config may name (ModelConfig.tokenizer). */
export type TokenizerName = 'byte' | 'gpt2';

export const tokenizerNames: readonly TokenizerName[] = ['byte', 'gpt2'];

/** Text <-> token ids for one vocabulary. Ids are int32 because batches are Int32Array. */
export interface Tokenizer {
  readonly name: TokenizerName;
  /**
   * Names the exact token mapping, versioned: it keys the on-disk token cache, so it must change
   * whenever the same text could encode differently.
   */
  readonly id: string;
  readonly vocabSize: number;
  /**
   * True when encoding the corpus takes long enough (BPE: seconds) to be worth caching the tokens
   * on disk; the byte tokenizer is faster than reading such a cache back.
   */
  readonly cacheOnDisk: boolean;
  encode(text: string): Int32Array;
  decode(tokens: ArrayLike<number>): string;
}

export function createTokenizer(name: string): Tokenizer {
  switch (name) {
    case 'byte':
      return byteTokenizer;
    case 'gpt2':
      return gpt2Tokenizer;
    default:
      throw new DataError(
        'unknown-tokenizer',
        `There is no tokenizer called "${name}"; choose one of: ${tokenizerNames.join(', ')}.`,
      );
  }
}
