/** Why training data could not be loaded, paged or assigned; `kind` is for logs, `message` for people. */
export type DataErrorKind =
  | 'unknown-tokenizer'
  | 'invalid-token'
  | 'corpus-missing'
  | 'empty-corpus'
  | 'invalid-page-size'
  | 'corpus-too-short'
  | 'page-out-of-range'
  | 'invalid-assignment'
  | 'empty-batch'
  | 'invalid-sequence-length'
  | 'cache-write-failed';

export class DataError extends Error {
  constructor(
    readonly kind: DataErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}
