/**
 * Training machinery for bench:comm: many simulated peers share one onnxruntime session per
 * model, each with its own parameters and AdamW moments. TrainSession holds one state and has no
 * way to load the synced model while keeping a peer's moments, and building a session per peer
 * per window would cost more than the training it measures; this runs the same fused step graph
 * (buildTrainStep) with the same inputs, so a step here is a TrainSession step.
 */
import * as ort from 'onnxruntime-node';
import {
  createTokenizer,
  loadCorpus,
  makeBatch,
  type PageSet,
  pagesOf,
  pageTokensFor,
} from '../../electron/engine/data';
import type { ModelConfig } from '../../electron/engine/model/config';
import type { Weights } from '../../electron/engine/model/init';
import {
  buildEvalStep,
  buildTrainStep,
  type Hyperparameters,
  hyperparameterNames,
  momentName,
  nextName,
} from '../../electron/engine/model/train-step';
import { adamwInputs, defaultAdamW } from '../../electron/engine/optim/schedule';
import { sessionOptions } from '../../electron/engine/runtime/session-options';

/** One worker's training state: parameters, AdamW moments and step count. */
export interface WorkerState {
  weights: Weights;
  m: Weights;
  v: Weights;
  step: number;
}

export function cloneWeights(w: Weights): Weights {
  return new Map([...w].map(([n, a]) => [n, Float32Array.from(a)]));
}

export function freshWorker(weights: Weights): WorkerState {
  const zeros = () => new Map([...weights].map(([n, a]) => [n, new Float32Array(a.length)]));
  return { weights: cloneWeights(weights), m: zeros(), v: zeros(), step: 0 };
}

export class StepRunner {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly parameters: [string, number[]][],
    readonly batch: number,
    readonly seq: number,
  ) {}

  static async create(config: ModelConfig, batch: number, seq: number, threads: number) {
    const { onnx, parameters } = buildTrainStep(config, { batch, seq });
    const session = await ort.InferenceSession.create(onnx.model, sessionOptions('cpu', threads));
    return new StepRunner(session, parameters, batch, seq);
  }

  /** One AdamW step of `state` in place (TrainSession.step's inputs); returns the loss. */
  async step(state: WorkerState, tokens: Int32Array, targets: Int32Array, lr: number) {
    const t = state.step + 1;
    const hyper: Hyperparameters = adamwInputs(defaultAdamW, lr, t);
    const feeds: Record<string, ort.Tensor> = {
      tokens: new ort.Tensor('int32', tokens, [this.batch, this.seq]),
      targets: new ort.Tensor('int32', targets, [this.batch, this.seq]),
    };
    for (const n of hyperparameterNames) {
      feeds[n] = new ort.Tensor('float32', Float32Array.of(hyper[n]), []);
    }
    for (const [name, shape] of this.parameters) {
      feeds[name] = new ort.Tensor('float32', state.weights.get(name)!, shape);
      feeds[momentName('m', name)] = new ort.Tensor('float32', state.m.get(name)!, shape);
      feeds[momentName('v', name)] = new ort.Tensor('float32', state.v.get(name)!, shape);
    }
    const out = await this.session.run(feeds);
    const loss = (out.loss!.data as Float32Array)[0]!;
    for (const [name] of this.parameters) {
      state.weights.set(name, out[nextName(name)]!.data as Float32Array);
      state.m.set(name, out[nextName(momentName('m', name))]!.data as Float32Array);
      state.v.set(name, out[nextName(momentName('v', name))]!.data as Float32Array);
    }
    if (Number.isFinite(loss)) state.step = t;
    return loss;
  }

  async release() {
    await this.session.release();
  }
}

/** Mean loss over a fixed set of held-out pages, never trained on. */
export class HeldOutEvaluator {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly parameters: [string, number[]][],
    private readonly batches: { tokens: Int32Array; targets: Int32Array }[],
    private readonly batch: number,
    private readonly seq: number,
  ) {}

  static async create(
    config: ModelConfig,
    pages: PageSet,
    seq: number,
    count: number,
    threads: number,
  ) {
    const batch = 16;
    const { onnx, parameters } = buildEvalStep(config, { batch, seq });
    const session = await ort.InferenceSession.create(onnx.model, sessionOptions('cpu', threads));
    // Evenly spread over the held-out split, so every book's tail is represented.
    const stride = Math.max(1, Math.floor(pages.pageCount / count));
    const indices = Array.from({ length: count }, (_, i) => (i * stride) % pages.pageCount);
    const batches = [];
    for (let i = 0; i + batch <= indices.length; i += batch) {
      const b = makeBatch(pages, indices.slice(i, i + batch), seq);
      batches.push({ tokens: b.tokens, targets: b.targets });
    }
    return new HeldOutEvaluator(session, parameters, batches, batch, seq);
  }

  async loss(weights: Weights): Promise<number> {
    let sum = 0;
    for (const b of this.batches) {
      const feeds: Record<string, ort.Tensor> = {
        tokens: new ort.Tensor('int32', b.tokens, [this.batch, this.seq]),
        targets: new ort.Tensor('int32', b.targets, [this.batch, this.seq]),
      };
      for (const [name, shape] of this.parameters) {
        feeds[name] = new ort.Tensor('float32', weights.get(name)!, shape);
      }
      const out = await this.session.run(feeds);
      sum += (out.loss!.data as Float32Array)[0]!;
    }
    return sum / this.batches.length;
  }

  async release() {
    await this.session.release();
  }
}

/** The shipped corpus cut into one-sequence pages: train pages for peers, held-out for loss. */
export function benchPages(config: ModelConfig, seq: number) {
  const tokenizer = createTokenizer(config.tokenizer);
  const corpus = loadCorpus();
  const options = { pageTokens: pageTokensFor(seq) };
  return {
    train: pagesOf(corpus.train, tokenizer, options),
    heldOut: pagesOf(corpus.heldOut, tokenizer, options),
  };
}
