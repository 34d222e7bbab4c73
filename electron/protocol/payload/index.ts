/** The signed payload a miner publishes each window. See docs/PROTOCOL.md. */
export {
  type DecodeOptions,
  decodePayload,
  type Payload,
  type PayloadExpectation,
  type PayloadResult,
} from './decode';
export { signingMessage } from './digest';
export { encodePayload, type PayloadContent, PayloadError } from './encode';
export {
  MAX_HEADER_BYTES,
  META,
  METADATA_KEYS,
  PAYLOAD_FORMAT,
  type PayloadLayout,
  PROTOCOL_VERSION,
  payloadLayout,
  SIGNING_DOMAIN,
  TENSOR,
} from './format';
export type { PayloadRejection, PayloadRejectionKind } from './rejection';
