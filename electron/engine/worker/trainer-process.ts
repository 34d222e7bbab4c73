/**
 * The trainer process's entry: owns the training session and answers the host's requests one
 * at a time. Pause and resume are honoured between steps, so they act within one step.
 */
import { availableParallelism } from 'node:os';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint';
import {
  createTokenizer,
  loadCorpus,
  makeBatch,
  type PageSet,
  pagesOf,
  pageTokensFor,
} from '../data';
import { parameterCount, validateConfig } from '../model/config';
import { initWeights } from '../model/init';
import { learningRate, validateSchedule } from '../optim/schedule';
import { EvalSession } from '../runtime/eval-session';
import { chooseProvider } from '../runtime/select-provider';
import { TrainSession } from '../runtime/train-session';
import type {
  EvaluateRequest,
  Evaluation,
  InitRequest,
  Progress,
  Ready,
  TrainerEvent,
  TrainerRequest,
  TrainerSignal,
  TrainRequest,
  TrainResult,
} from './messages';

export class TrainerError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'TrainerError';
  }
}

interface Loaded {
  init: InitRequest;
  session: TrainSession;
  pages: PageSet;
  /** Made on first use: only validators and held-out reports evaluate. */
  evaluator?: { session: EvalSession; heldOut: PageSet };
}

export class TrainerHost {
  private loaded: Loaded | undefined;
  private paused = false;
  private wake: (() => void) | undefined;

  constructor(private readonly emit: (event: TrainerEvent) => void) {}

  signal(signal: TrainerSignal): void {
    this.paused = signal.type === 'pause';
    this.emit({ type: 'status', status: this.paused ? 'paused' : 'resumed' });
    if (!this.paused) this.wake?.();
  }

  async handle(request: TrainerRequest): Promise<unknown> {
    switch (request.type) {
      case 'init':
        return this.init(request);
      case 'train':
        return this.train(request);
      case 'save': {
        const { session, init } = this.require();
        const state = await session.state();
        await saveCheckpoint(request.path, { config: init.config, ...state, info: request.info });
        return { path: request.path };
      }
      case 'load': {
        const { init } = this.require();
        await this.open(init, request.path);
        return { optimizerStep: this.require().session.steps };
      }
      case 'setWeights':
        this.require().session.load(request.weights);
        return { parameters: request.weights.size };
      case 'weights':
        return (await this.require().session.state()).weights;
      case 'evaluate':
        return this.evaluate(request);
      case 'stop':
        await this.loaded?.session.release();
        await this.loaded?.evaluator?.session.release();
        this.loaded = undefined;
        return { stopped: true };
    }
  }

  private require(): Loaded {
    if (!this.loaded)
      throw new TrainerError('not-initialised', 'the trainer has not been initialised');
    return this.loaded;
  }

  private async init(init: InitRequest): Promise<Ready> {
    validateConfig(init.config);
    if (!Number.isInteger(init.batch) || init.batch < 1) {
      throw new TrainerError(
        'invalid-request',
        `batch must be a positive integer, got ${init.batch}`,
      );
    }
    const choice = await chooseProvider(init.config, init.providers, init.threads);
    await this.open({ ...init, providers: [choice.provider] }, init.checkpoint);
    return {
      provider: choice.provider,
      fallbacks: choice.fallbacks,
      parameters: parameterCount(init.config),
      optimizerStep: this.require().session.steps,
      pageCount: this.require().pages.pageCount,
    };
  }

  private async open(init: InitRequest, checkpoint: string | undefined): Promise<void> {
    const start = checkpoint ? await loadCheckpoint(checkpoint, init.config) : undefined;
    const weights = start?.weights ?? initWeights(init.config, init.seed);
    const corpus = loadCorpus(init.corpusDir ? { dir: init.corpusDir } : {});
    const pages = pagesOf(corpus.train, createTokenizer(init.config.tokenizer), {
      pageTokens: pageTokensFor(init.seq),
      ...(init.cacheDir ? { cacheDir: init.cacheDir } : {}),
    });
    const session = await TrainSession.create({
      config: init.config,
      batch: init.batch,
      seq: init.seq,
      provider: init.providers?.[0] ?? 'cpu',
      threads: init.threads ?? availableParallelism(),
      weights,
      ...(start?.optimizer ? { optimizer: start.optimizer } : {}),
    });
    await this.loaded?.session.release();
    await this.loaded?.evaluator?.session.release();
    this.loaded = { init, session, pages };
  }

  private async evaluate(request: EvaluateRequest): Promise<Evaluation> {
    const loaded = this.require();
    const { init, session } = loaded;
    if (request.pages.length === 0) {
      throw new TrainerError('invalid-request', 'evaluation needs at least one page');
    }
    loaded.evaluator ??= {
      session: await EvalSession.create({
        config: init.config,
        batch: init.batch,
        seq: init.seq,
        provider: session.provider,
        threads: init.threads ?? availableParallelism(),
      }),
      heldOut: pagesOf(
        loadCorpus(init.corpusDir ? { dir: init.corpusDir } : {}).heldOut,
        createTokenizer(init.config.tokenizer),
        {
          pageTokens: pageTokensFor(init.seq),
          ...(init.cacheDir ? { cacheDir: init.cacheDir } : {}),
        },
      ),
    };
    const pages = request.split === 'train' ? loaded.pages : loaded.evaluator.heldOut;
    const weights = (await session.state()).weights;
    if (request.delta) {
      const { tensors, scale } = request.delta;
      for (const [name, w] of weights) {
        const d = tensors.get(name);
        if (!d || d.length !== w.length) {
          throw new TrainerError(
            'invalid-request',
            `the update has no values of the right size for ${name}`,
          );
        }
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - scale * d[i]!;
      }
    }
    const losses: number[] = [];
    for (let start = 0; start < request.pages.length; start += init.batch) {
      // The last run is topped up by cycling, since the graph's batch size is fixed.
      const rows = Array.from(
        { length: init.batch },
        (_, j) => request.pages[(start + j) % request.pages.length]!,
      );
      const batch = makeBatch(pages, rows, init.seq);
      losses.push(await loaded.evaluator.session.loss(weights, batch.tokens, batch.targets));
    }
    return { loss: losses.reduce((a, b) => a + b, 0) / losses.length, losses };
  }

  private async train(request: TrainRequest): Promise<TrainResult> {
    const { session, init, pages } = this.require();
    validateSchedule(request.schedule);
    if (
      request.pages.length === 0 ||
      !Number.isInteger(request.innerSteps) ||
      request.innerSteps < 1
    ) {
      throw new TrainerError(
        'invalid-request',
        'training needs at least one page and one inner step',
      );
    }
    const start = await session.state();
    let startLoss = Number.NaN;
    let finalLoss = Number.NaN;
    let skippedSteps = 0;
    let tokens = 0;
    let seconds = 0;
    for (let step = 1; step <= request.innerSteps; step++) {
      await this.whilePaused();
      const rows = Array.from(
        { length: init.batch },
        (_, j) => request.pages[((step - 1) * init.batch + j) % request.pages.length]!,
      );
      const batch = makeBatch(pages, rows, init.seq);
      const lr = learningRate(request.schedule, session.steps + 1);
      const r = await session.step(batch.tokens, batch.targets, lr);
      if (r.skipped) skippedSteps++;
      else {
        if (Number.isNaN(startLoss)) startLoss = r.loss;
        finalLoss = r.loss;
      }
      tokens += batch.tokens.length;
      seconds += r.totalMs / 1000;
      const progress: Progress = {
        step,
        innerSteps: request.innerSteps,
        loss: r.loss,
        gradNorm: r.gradNorm,
        skipped: r.skipped,
        tokensPerSec: batch.tokens.length / (r.totalMs / 1000),
        msPerStep: r.totalMs,
        lr,
      };
      this.emit({ type: 'progress', progress });
    }
    const end = await session.state();
    const pseudoGradient = new Map<string, Float32Array>();
    for (const [name, before] of start.weights) {
      const after = end.weights.get(name)!;
      pseudoGradient.set(
        name,
        before.map((b, i) => b - after[i]!),
      );
    }
    return {
      steps: request.innerSteps,
      startLoss,
      finalLoss,
      skippedSteps,
      tokensPerSec: tokens / seconds,
      pseudoGradient,
    };
  }

  private async whilePaused(): Promise<void> {
    while (this.paused) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
