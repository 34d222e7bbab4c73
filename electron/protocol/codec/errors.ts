/** Why a tensor could not be compressed; `kind` is for logs, `message` for people. */
export type CodecErrorKind =
  | 'invalid-params'
  | 'invalid-shape'
  | 'size-mismatch'
  | 'not-finite'
  | 'scale-out-of-range';

/**
 * Raised only on the sending side, for local mistakes (a wrong shape, a diverged model). What
 * comes from peers is never thrown at: the payload decoder turns it into a `PayloadRejection`.
 */
export class CodecError extends Error {
  constructor(
    readonly kind: CodecErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CodecError';
  }
}
