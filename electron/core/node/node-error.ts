export type NodeErrorKind =
  | 'no-wallet'
  | 'locked'
  | 'storage-not-configured'
  | 'network-unsupported'
  | 'not-running'
  | 'not-registered'
  | 'bucket-not-published'
  | 'not-bittensor';

/** Why the node cannot start or do what was asked, in words the UI shows as they are. */
export class NodeError extends Error {
  constructor(
    readonly kind: NodeErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'NodeError';
  }
}
