import * as ort from 'onnxruntime-node';
import { exportOnnx, Graph, identity, type Tensor } from '../graph';
import type { ModelConfig } from '../model/config';
import type { Weights } from '../model/init';
import {
  buildTrainStep,
  type Hyperparameters,
  hyperparameterNames,
  momentName,
  nextName,
} from '../model/train-step';
import { type AdamWSettings, adamwInputs, defaultAdamW } from '../optim/schedule';
import type { ExecutionProviderName } from './execution-providers';
import { keepsStateOnDevice, sessionOptions } from './session-options';

export interface OptimizerState {
  m: Weights;
  v: Weights;
  /** AdamW steps taken so far (bias correction depends on it). */
  step: number;
}

export interface TrainSessionOptions {
  config: ModelConfig;
  batch: number;
  seq: number;
  provider: ExecutionProviderName;
  threads?: number;
  weights: Weights;
  optimizer?: OptimizerState;
  adamw?: AdamWSettings;
}

export interface StepResult {
  loss: number;
  gradNorm: number;
  /** The loss or gradient norm was not finite, so the state was kept as it was. */
  skipped: boolean;
  /** Time inside onnxruntime's run, and the whole step including feeding and bookkeeping. */
  runMs: number;
  totalMs: number;
}

export interface TrainingState {
  weights: Weights;
  optimizer: OptimizerState;
}

/**
 * One model's training state on one execution provider, stepped by a single fused graph. On
 * WebGPU the parameters and moments stay in GPU buffers between steps and are only copied back
 * when `state()` is asked for.
 */
export class TrainSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly options: TrainSessionOptions,
    private readonly parameters: [string, number[]][],
    /** Matrix-product FLOPs of one step (forward, backward and optimizer). */
    readonly flopsPerStep: number,
    private tensors: Map<string, ort.Tensor>,
    private optimizerStep: number,
  ) {}

  static async create(options: TrainSessionOptions): Promise<TrainSession> {
    const { config, batch, seq, provider } = options;
    const { onnx, parameters, flops } = buildTrainStep(config, { batch, seq });
    const sessionOpts = sessionOptions(provider, options.threads);
    if (keepsStateOnDevice(provider)) {
      sessionOpts.preferredOutputLocation = Object.fromEntries(
        onnx.outputNames.map((n) => [n, n === 'loss' || n === 'grad_norm' ? 'cpu' : 'gpu-buffer']),
      );
    }
    const session = await ort.InferenceSession.create(onnx.model, sessionOpts);
    const state = hostTensors(parameters, options.weights, options.optimizer);
    return new TrainSession(
      session,
      options,
      parameters,
      flops,
      state,
      options.optimizer?.step ?? 0,
    );
  }

  get provider(): ExecutionProviderName {
    return this.options.provider;
  }

  get steps(): number {
    return this.optimizerStep;
  }

  /** One AdamW step on tokens/targets [batch*seq] at learning rate `lr`. */
  async step(tokens: Int32Array, targets: Int32Array, lr: number): Promise<StepResult> {
    const started = performance.now();
    const { batch, seq } = this.options;
    if (tokens.length !== batch * seq || targets.length !== batch * seq) {
      throw new RangeError(`a batch needs ${batch * seq} tokens and targets`);
    }
    const t = this.optimizerStep + 1;
    const hyper: Hyperparameters = adamwInputs(this.options.adamw ?? defaultAdamW, lr, t);
    const feeds: Record<string, ort.Tensor> = Object.fromEntries(this.tensors);
    feeds.tokens = new ort.Tensor('int32', tokens, [batch, seq]);
    feeds.targets = new ort.Tensor('int32', targets, [batch, seq]);
    for (const n of hyperparameterNames)
      feeds[n] = new ort.Tensor('float32', Float32Array.of(hyper[n]), []);

    const runStarted = performance.now();
    const out = await this.session.run(feeds);
    const runMs = performance.now() - runStarted;

    const loss = (out.loss!.data as Float32Array)[0]!;
    const gradNorm = (out.grad_norm!.data as Float32Array)[0]!;
    const skipped = !Number.isFinite(loss) || !Number.isFinite(gradNorm);
    // A step whose loss or gradient norm is not finite is thrown away and the last good state
    // kept. Every output is taken and the unused side disposed: on WebGPU an output left
    // unreleased would leak its GPU buffer.
    for (const name of this.tensors.keys()) {
      const next = out[nextName(name)]!;
      const previous = this.tensors.get(name)!;
      if (!skipped) this.tensors.set(name, next);
      const unused = skipped ? next : previous;
      if (unused.location === 'gpu-buffer') unused.dispose();
    }
    if (!skipped) this.optimizerStep = t;
    return { loss, gradNorm, skipped, runMs, totalMs: performance.now() - started };
  }

  /**
   * Replaces the parameters, e.g. after an outer step, and the AdamW state when one is given;
   * otherwise the moments carry on (the inner optimizer's state persists across windows).
   */
  load(weights: Weights, optimizer?: OptimizerState): void {
    const replacement = hostTensors(this.parameters, weights, optimizer);
    for (const [name, tensor] of replacement) {
      if (!optimizer && isMoment(name)) continue;
      const previous = this.tensors.get(name);
      if (previous?.location === 'gpu-buffer') previous.dispose();
      this.tensors.set(name, tensor);
    }
    if (optimizer) this.optimizerStep = optimizer.step;
  }

  /** The current parameters and optimizer state, copied to host memory. */
  async state(): Promise<TrainingState> {
    const host = keepsStateOnDevice(this.provider) ? await this.download() : this.tensors;
    const pick = (prefix: (n: string) => string): Weights =>
      new Map(
        this.parameters.map(([n]) => [
          n,
          Float32Array.from(host.get(prefix(n))!.data as Float32Array),
        ]),
      );
    return {
      weights: pick((n) => n),
      optimizer: {
        m: pick((n) => momentName('m', n)),
        v: pick((n) => momentName('v', n)),
        step: this.optimizerStep,
      },
    };
  }

  /** Reads GPU-resident state through an identity graph whose outputs land in host memory. */
  private async download(): Promise<Map<string, ort.Tensor>> {
    const g = new Graph();
    const outputs: Record<string, Tensor> = {};
    const inputs = [...this.tensors.entries()].map(([name, t]) => {
      const input = g.input(name, 'float32', t.dims);
      outputs[nextName(name)] = identity(input);
      return input;
    });
    const session = await ort.InferenceSession.create(
      exportOnnx(inputs, outputs).model,
      sessionOptions(this.provider, this.options.threads),
    );
    try {
      const out = await session.run(Object.fromEntries(this.tensors));
      return new Map([...this.tensors.keys()].map((n) => [n, out[nextName(n)]!]));
    } finally {
      await session.release();
    }
  }

  async release(): Promise<void> {
    for (const t of this.tensors.values()) if (t.location === 'gpu-buffer') t.dispose();
    await this.session.release();
  }
}

const isMoment = (name: string) => /^adam_[mv]\./.test(name);

/** Parameters and moments (zeros when no optimizer state is given) as CPU tensors, checked. */
function hostTensors(
  parameters: [string, number[]][],
  weights: Weights,
  optimizer: OptimizerState | undefined,
): Map<string, ort.Tensor> {
  const state = new Map<string, ort.Tensor>();
  for (const [name, shape] of parameters) {
    const size = shape.reduce((a, b) => a * b, 1);
    const w = weights.get(name);
    if (!w || w.length !== size) {
      throw new RangeError(`weights for ${name} are missing or not ${size} values`);
    }
    const m = optimizer?.m.get(name) ?? new Float32Array(size);
    const v = optimizer?.v.get(name) ?? new Float32Array(size);
    if (m.length !== size || v.length !== size) {
      throw new RangeError(`optimizer state for ${name} is not ${size} values`);
    }
    state.set(name, new ort.Tensor('float32', w, shape));
    state.set(momentName('m', name), new ort.Tensor('float32', m, shape));
    state.set(momentName('v', name), new ort.Tensor('float32', v, shape));
  }
  return state;
}
