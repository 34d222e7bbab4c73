/**
 * Messages between a host and its trainer process. The trainer owns the model on the device;
 * the host says what to train and hears progress. Typed arrays cross as structured clones
 * (the transport uses advanced serialization).
 */
import type { ModelConfig } from '../model/config';
import type { Schedule } from '../optim/schedule';
import type { ExecutionProviderName } from '../runtime/execution-providers';
import type { ProviderFallback } from '../runtime/select-provider';

export interface InitRequest {
  type: 'init';
  config: ModelConfig;
  batch: number;
  seq: number;
  /** Providers to try in order; the first whose warm-up agrees with the CPU is used. */
  providers?: ExecutionProviderName[];
  threads?: number;
  /** Seed of the initial weights when no checkpoint is given. */
  seed: string;
  checkpoint?: string;
  /** Where tokenized corpora are cached between runs. */
  cacheDir?: string;
  corpusDir?: string;
}

export interface TrainRequest {
  type: 'train';
  /** Indices into the training split's pages, used `batch` at a time, cycling. */
  pages: number[];
  innerSteps: number;
  schedule: Schedule;
}

export interface SaveRequest {
  type: 'save';
  path: string;
  info?: Record<string, string>;
}

export interface LoadRequest {
  type: 'load';
  path: string;
}

/** New parameters after an outer step; the inner optimizer's moments carry on. */
export interface SetWeightsRequest {
  type: 'setWeights';
  weights: Map<string, Float32Array>;
}

/**
 * Mean loss over pages of a corpus split, `batch` pages per run, at the current parameters or
 * at current - scale * delta (a validator trying one miner's update on its own).
 */
export interface EvaluateRequest {
  type: 'evaluate';
  pages: number[];
  split: 'train' | 'heldOut';
  delta?: { tensors: Map<string, Float32Array>; scale: number };
}

export interface Evaluation {
  loss: number;
  /** Loss of each run of `batch` pages, in order. */
  losses: number[];
}

export type TrainerRequest = (
  | InitRequest
  | TrainRequest
  | SaveRequest
  | LoadRequest
  | SetWeightsRequest
  | EvaluateRequest
  | { type: 'weights' }
  | { type: 'stop' }
) & {
  id: number;
};

/** Pause and resume act between steps and need no answer beyond the status event. */
export type TrainerSignal = { type: 'pause' } | { type: 'resume' };

export interface Ready {
  provider: ExecutionProviderName;
  fallbacks: ProviderFallback[];
  parameters: number;
  optimizerStep: number;
  /** Pages in the training split at this sequence length. */
  pageCount: number;
}

export interface Progress {
  step: number;
  innerSteps: number;
  loss: number;
  gradNorm: number;
  skipped: boolean;
  tokensPerSec: number;
  msPerStep: number;
  lr: number;
}

export interface TrainResult {
  steps: number;
  startLoss: number;
  finalLoss: number;
  skippedSteps: number;
  tokensPerSec: number;
  /** start parameters minus end parameters, by Hugging Face name. */
  pseudoGradient: Map<string, Float32Array>;
}

export type TrainerEvent =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: { kind: string; message: string } }
  | { type: 'progress'; progress: Progress }
  | { type: 'status'; status: 'paused' | 'resumed' };
