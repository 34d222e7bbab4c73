/** Why the bridge could not start. `message` is the sentence `tessera start` shows as it is. */
export type BridgeErrorKind = 'invalid-token' | 'static-dir-missing' | 'listen-failed';

export class BridgeError extends Error {
  constructor(
    readonly kind: BridgeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}
