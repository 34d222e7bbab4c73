import type { CompressedTensorProblemKind } from '../codec';

/**
 * Why a payload from a peer was refused. Kinds up to `signature` are checked before the
 * signature, so they say nothing about the claimed sender; the kinds after it (the content
 * checks) are only reported for payloads the hotkey provably signed, so they can be held
 * against it.
 */
export type PayloadRejectionKind =
  /** Over the size cap, before anything is parsed. */
  | 'too-large'
  /** Not a well-formed safetensors file (header, dtypes, offsets, overlaps). */
  | 'malformed'
  /** Metadata keys missing, extra or not strings. */
  | 'metadata'
  /** Another file format. */
  | 'format'
  /** Another protocol version. */
  | 'version'
  | 'run'
  | 'window'
  /** Trained a different model configuration. */
  | 'config'
  /** Compressed with other codec parameters. */
  | 'codec'
  /** The hotkey is not a canonical SS58 address, or not the expected sender. */
  | 'hotkey'
  /** Tensors missing, extra, or of the wrong dtype or shape for this model and codec. */
  | 'layout'
  /** Parses, but is not byte for byte the file this protocol writes for that content. */
  | 'non-canonical'
  | 'signature'
  | CompressedTensorProblemKind;

export interface PayloadRejection {
  readonly kind: PayloadRejectionKind;
  /** A sentence for people; logs keep the kind. */
  readonly message: string;
}

export const rejection = (kind: PayloadRejectionKind, message: string): PayloadRejection => ({
  kind,
  message,
});
