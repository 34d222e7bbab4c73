/**
 * Why a call to the chain or to object storage failed. `kind` is for code and logs (retry or not,
 * which icon), `message` is one sentence for people.
 *
 * - `unavailable`: the service could not be reached or answered with a server error; retry later.
 * - `timeout`: no answer in time; retry later.
 * - `rejected`: the service understood the request and refused it (bad signature, not a validator,
 *   subnet full, access denied). Retrying the same request will not help.
 * - `invalid`: the request or the answer is malformed (a bad object key, an answer that does not
 *   match its schema).
 * - `not-found`: something the call needs does not exist (an unregistered hotkey).
 * - `too-large`: an object or a body is over its size cap.
 */
export type NetworkErrorKind =
  | 'unavailable'
  | 'timeout'
  | 'rejected'
  | 'invalid'
  | 'not-found'
  | 'too-large';

export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkErrorKind,
    message: string,
    /** How many attempts were made before giving up (1 when the call was not retried). */
    readonly attempts = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** Failures worth another try: the same request may succeed once the service is back. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError && (error.kind === 'unavailable' || error.kind === 'timeout')
  );
}

/**
 * A write not to send again: the chain refused it (or its price rose past what was accepted), or
 * it may already be in a block, where sending it again could pay twice.
 */
export function isFinalWriteFailure(error: unknown): boolean {
  return error instanceof NetworkError && (error.kind === 'rejected' || error.kind === 'timeout');
}
