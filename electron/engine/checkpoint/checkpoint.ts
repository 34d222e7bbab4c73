/**
 * Checkpoints: one safetensors file holding the parameters under their Hugging Face names, the
 * AdamW moments under `adam_m.` / `adam_v.` prefixes, and the model config and step in metadata.
 * `exportForTransformers` writes the layout `transformers` loads (model.safetensors + config.json).
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../protocol/atomic-file';
import {
  decodeSafetensors,
  encodeSafetensors,
  type SafeTensor,
  SafetensorsError,
} from '../../protocol/safetensors';
import { type ModelConfig, parameterShapes, validateConfig } from '../model/config';
import type { Weights } from '../model/init';
import { momentName } from '../model/train-step';
import type { OptimizerState } from '../runtime/train-session';

export const CHECKPOINT_FORMAT = 'tessera-checkpoint/v1';

export interface Checkpoint {
  config: ModelConfig;
  weights: Weights;
  optimizer?: OptimizerState;
  /** Free-form facts worth keeping with the weights (window, run id). */
  info?: Record<string, string>;
}

export class CheckpointError extends Error {
  constructor(
    readonly kind: 'unreadable' | 'format' | 'mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const f32 = (data: Float32Array, shape: number[]): SafeTensor => ({ dtype: 'F32', shape, data });

export async function saveCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  const { config, weights, optimizer } = checkpoint;
  const tensors: [string, SafeTensor][] = [];
  for (const [name, shape] of parameterShapes(config)) {
    tensors.push([name, f32(required(weights, name), shape)]);
  }
  if (optimizer) {
    for (const [name, shape] of parameterShapes(config)) {
      tensors.push([momentName('m', name), f32(required(optimizer.m, name), shape)]);
      tensors.push([momentName('v', name), f32(required(optimizer.v, name), shape)]);
    }
  }
  const metadata: Record<string, string> = {
    format: 'pt',
    tessera: CHECKPOINT_FORMAT,
    config: JSON.stringify(config),
    ...(optimizer ? { optimizer_step: String(optimizer.step) } : {}),
    ...(checkpoint.info ? { info: JSON.stringify(checkpoint.info) } : {}),
  };
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

export async function loadCheckpoint(path: string, expected?: ModelConfig): Promise<Checkpoint> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CheckpointError(
      'unreadable',
      `cannot read checkpoint ${path}: ${(error as Error).message}`,
    );
  }
  let file: ReturnType<typeof decodeSafetensors>;
  try {
    file = decodeSafetensors(bytes);
  } catch (error) {
    if (error instanceof SafetensorsError) {
      throw new CheckpointError('format', `checkpoint ${path} is damaged: ${error.message}`);
    }
    throw error;
  }
  const { tensors, metadata } = file;
  if (metadata.tessera !== CHECKPOINT_FORMAT || !metadata.config) {
    throw new CheckpointError('format', `${path} is not a Tessera checkpoint`);
  }
  let config: ModelConfig;
  try {
    config = validateConfig(parseMetadata(path, metadata, 'config') as ModelConfig);
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError('format', `${path}: ${(error as Error).message}`);
  }
  const differing = expected ? differingFields(expected, config) : [];
  if (expected && differing.length > 0) {
    throw new CheckpointError(
      'mismatch',
      `${path} holds a ${config.name} model, not ${expected.name} (${differing.join(', ')} differ)`,
    );
  }
  const read = (name: string, shape: number[]): Float32Array => {
    const t = tensors.get(name);
    if (t?.dtype !== 'F32' || t.shape.join() !== shape.join()) {
      throw new CheckpointError(
        'mismatch',
        `${path}: tensor ${name} is missing or not F32[${shape}]`,
      );
    }
    return t.data as Float32Array;
  };
  const shapes = parameterShapes(config);
  const weights: Weights = new Map(shapes.map(([n, s]) => [n, read(n, s)]));
  const hasOptimizer = metadata.optimizer_step !== undefined;
  const step = Number(metadata.optimizer_step);
  if (hasOptimizer && !(Number.isSafeInteger(step) && step >= 0)) {
    // Bias correction divides by 1 - beta^step: a NaN step would poison every later update.
    throw new CheckpointError(
      'format',
      `${path}: optimizer_step ${JSON.stringify(metadata.optimizer_step)} is not a step count`,
    );
  }
  const optimizer = hasOptimizer
    ? {
        m: new Map(shapes.map(([n, s]) => [n, read(momentName('m', n), s)])),
        v: new Map(shapes.map(([n, s]) => [n, read(momentName('v', n), s)])),
        step,
      }
    : undefined;
  const info = metadata.info
    ? (parseMetadata(path, metadata, 'info') as Record<string, string>)
    : undefined;
  return { config, weights, ...(optimizer ? { optimizer } : {}), ...(info ? { info } : {}) };
}

/** A folder `transformers.AutoModelForCausalLM.from_pretrained` loads. */
export async function exportForTransformers(dir: string, config: ModelConfig, weights: Weights) {
  await mkdir(dir, { recursive: true });
  const tensors = parameterShapes(config).map(
    ([n, s]) => [n, f32(required(weights, n), s)] as [string, SafeTensor],
  );
  await writeFileAtomic(
    join(dir, 'model.safetensors'),
    encodeSafetensors(tensors, { format: 'pt' }),
    0o644,
  );
  const { name: _name, tokenizer: _tokenizer, ...hf } = config;
  const hfConfig = {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    torch_dtype: 'float32',
    hidden_act: 'silu',
    attention_bias: false,
    mlp_bias: false,
    ...hf,
  };
  await writeFileAtomic(
    join(dir, 'config.json'),
    Buffer.from(`${JSON.stringify(hfConfig, null, 2)}\n`),
    0o644,
  );
}

function parseMetadata(path: string, metadata: Record<string, string>, key: string): unknown {
  try {
    return JSON.parse(metadata[key]!);
  } catch {
    throw new CheckpointError('format', `${path}: metadata "${key}" is not valid JSON`);
  }
}

/** Fields whose values differ, whatever order each config lists its keys in. */
function differingFields(a: ModelConfig, b: ModelConfig): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ModelConfig>;
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function required(map: Weights, name: string): Float32Array {
  const value = map.get(name);
  if (!value) throw new CheckpointError('mismatch', `no values for ${name}`);
  return value;
}
