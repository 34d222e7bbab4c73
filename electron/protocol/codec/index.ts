/** SparseLoCo-style compression of pseudo-gradients. See docs/PROTOCOL.md. */
export {
  type ChunkGeometry,
  chunkGeometry,
  keptPerChunk,
  largestDivisorAtMost,
} from './chunking';
export { compressTensor } from './compress';
export type { CompressedPseudoGradient, CompressedTensor } from './compressed-tensor';
export {
  addDecoded,
  type CompressedTensorProblem,
  type CompressedTensorProblemKind,
  checkCompressedTensor,
  decompressTensor,
  inverseTransformChunks,
  keptNorm,
  scatterKept,
  writeKeptPositions,
} from './decompress';
export { compressWithFeedback, DEFAULT_FEEDBACK_DECAY, ErrorFeedback } from './error-feedback';
export { CodecError, type CodecErrorKind } from './errors';
export { elementCount, type ParameterLayout } from './layout';
export { packCodes, packedValueBytes, unpackCodes } from './pack2';
export { packedIndexBytes, packIndices, unpackIndices } from './pack12';
export {
  type CodecParams,
  codecParamsText,
  defaultCodecParams,
  INDEX_BITS,
  MAX_CHUNK,
  QUANT_BINS,
  QUANT_OFFSET,
  VALUE_BITS,
  validateCodecParams,
} from './params';
export { dequantize, type QuantParams, quantize, SCALE_MAX, SCALE_MIN } from './quantize';
export { Scratch } from './scratch';
