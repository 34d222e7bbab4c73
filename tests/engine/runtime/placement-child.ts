/** Creates the tiny train-step session on WebGPU with verbose logging; the log goes to stderr. */
import * as ort from 'onnxruntime-node';
import { buildTrainStep } from '../../../electron/engine/model/train-step';
import { tinyConfig } from '../tiny-config';

const { onnx } = buildTrainStep(tinyConfig, { batch: 1, seq: 8 });
await ort.InferenceSession.create(onnx.model, {
  executionProviders: ['webgpu'],
  logSeverityLevel: 0,
});
