/** Training data: corpus, tokenizers, pages, page assignment and batches. See README.md. */
export { type Batch, makeBatch } from './batch';
export {
  type Corpus,
  type CorpusSplit,
  corpusFiles,
  corpusSplitOf,
  defaultCorpusDir,
  loadCorpus,
} from './corpus';
export { DataError, type DataErrorKind } from './errors';
export {
  type AssignPagesInput,
  assignedPagesDomain,
  assignPages,
  type RandomPagesInput,
  randomPages,
  randomPagesDomain,
} from './page-assignment';
export { PageSet, type PagesOptions, pagesOf, pageTokensFor } from './page-set';
export type { TokenSource } from './tokenized-text';
export { createTokenizer, type Tokenizer, type TokenizerName, tokenizerNames } from './tokenizer';
