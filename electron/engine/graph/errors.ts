/** Why a graph could not be built or exported; `kind` is for logs, `message` for people. */
export type GraphErrorKind = 'shape' | 'dtype' | 'gradient' | 'export' | 'unsupported';

export class GraphError extends Error {
  constructor(
    readonly kind: GraphErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GraphError';
  }
}
