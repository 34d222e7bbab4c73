import * as ort from 'onnxruntime-node';
import type { ModelConfig } from '../model/config';
import type { Weights } from '../model/init';
import { buildEvalStep } from '../model/train-step';
import type { ExecutionProviderName } from './execution-providers';
import { sessionOptions } from './session-options';

/**
 * The model's mean next-token loss for given weights and batch: what a validator measures before
 * and after applying a miner's update, and what held-out evaluation reports.
 */
export class EvalSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly parameters: [string, number[]][],
    readonly batch: number,
    readonly seq: number,
  ) {}

  static async create(options: {
    config: ModelConfig;
    batch: number;
    seq: number;
    provider: ExecutionProviderName;
    threads?: number;
  }): Promise<EvalSession> {
    const { onnx, parameters } = buildEvalStep(options.config, options);
    const session = await ort.InferenceSession.create(
      onnx.model,
      sessionOptions(options.provider, options.threads),
    );
    return new EvalSession(session, parameters, options.batch, options.seq);
  }

  async loss(weights: Weights, tokens: Int32Array, targets: Int32Array): Promise<number> {
    const feeds: Record<string, ort.Tensor> = {
      tokens: new ort.Tensor('int32', tokens, [this.batch, this.seq]),
      targets: new ort.Tensor('int32', targets, [this.batch, this.seq]),
    };
    for (const [name, shape] of this.parameters) {
      const w = weights.get(name);
      if (!w) throw new RangeError(`no weights for ${name}`);
      feeds[name] = new ort.Tensor('float32', w, shape);
    }
    const out = await this.session.run(feeds);
    return (out.loss!.data as Float32Array)[0]!;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
