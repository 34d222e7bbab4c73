export { grad, topologicalOrder } from './autodiff';
export type { AnyTypedArray, DType, FloatDType } from './dtype';
export { allocate, isFloat } from './dtype';
export { GraphError, type GraphErrorKind } from './errors';
export { Graph } from './graph';
export { crossEntropy, linear, logSoftmax, rmsNorm, silu, softmax } from './nn';
export { type ExportOptions, exportOnnx, type OnnxModel, OPSET } from './onnx-export';
export * from './primitives';
export type { Shape, Tensor } from './tensor';
