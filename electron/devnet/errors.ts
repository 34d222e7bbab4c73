/**
 * Why the coordinator refused a request or could not run. `kind` travels in API answers as
 * `error.kind`; `message` is the sentence shown to people.
 */
export type DevnetErrorKind =
  // the request itself
  | 'invalid-json'
  | 'invalid-request'
  | 'too-large'
  | 'not-found'
  | 'method-not-allowed'
  // who sent it
  | 'bad-signature'
  | 'stale-nonce'
  | 'replayed'
  // what it asked for
  | 'not-registered'
  | 'not-validator'
  | 'already-registered'
  | 'subnet-full'
  | 'invalid-weights'
  // the coordinator
  | 'data-dir-in-use'
  | 'params-mismatch'
  | 'storage-failed';

export class DevnetError extends Error {
  constructor(
    readonly kind: DevnetErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'DevnetError';
  }
}

/** The HTTP status each refusal is answered with. */
export const HTTP_STATUS: Readonly<Record<DevnetErrorKind, number>> = {
  'invalid-json': 400,
  'invalid-request': 400,
  'too-large': 413,
  'not-found': 404,
  'method-not-allowed': 405,
  'bad-signature': 401,
  'stale-nonce': 401,
  replayed: 409,
  'not-registered': 404,
  'not-validator': 403,
  'already-registered': 409,
  'subnet-full': 409,
  'invalid-weights': 400,
  'data-dir-in-use': 503,
  'params-mismatch': 500,
  'storage-failed': 500,
};
