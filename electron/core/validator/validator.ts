/**
 * The reference validator. Each window it gathers the previous window's payloads from every
 * registered miner, judges them (signature, timing and format through the payload decoder; copies
 * by index overlap; each update's effect alone on the miner's own pages versus random pages), turns
 * the scores into weights on the chain, applies the same aggregate and outer step as the miners,
 * and publishes the result: the next peer list, the model's manifest and, every few windows, a
 * checkpoint. It has its own trainer process for evaluations.
 */
import { randomBytes } from 'node:crypto';
import { type ModelConfig, namedConfig, parameterShapes } from '../../engine/model/config';
import { initWeights } from '../../engine/model/init';
import type { ExecutionProviderName } from '../../engine/runtime/execution-providers';
import type { Trainer } from '../../engine/worker/spawn-trainer';
import { modelConfigHash } from '../../protocol/canonical-json';
import type { ParameterLayout } from '../../protocol/codec';
import type { Signer } from '../../protocol/signature';
import { gatherStartBlock, type RunParams, uploadDeadlineBlock } from '../../protocol/windows';
import { ChainClock } from '../miner/chain-clock';
import { type GatherOutcome, gather } from '../miner/gather';
import { initTrainer } from '../miner/init-trainer';
import { type ModelState, modelHash } from '../miner/model-state';
import { outerStep } from '../miner/outer-step';
import { participants } from '../miner/peers';
import { persist, Stopped } from '../miner/persist';
import { checkpointWindows, readPeerList } from '../miner/published';
import { catchUp, type SyncContext } from '../miner/sync';
import { runWindows } from '../miner/window-loop';
import type { Chain } from '../network/chain';
import type { BucketCommitment } from '../network/commitment';
import { isFinalWriteFailure } from '../network/errors';
import type { ObjectStore } from '../network/object-store';
import { findCopies } from './copy-detection';
import { windowEvaluator } from './evaluate';
import { pruneCheckpoints, publishModel, publishPeerList, publishRun } from './publish';
import {
  finalScore,
  type MinerRecord,
  newRecord,
  nextPeers,
  recordCopy,
  recordEvaluation,
  recordInvalid,
  recordMissing,
  weightsFrom,
} from './scoring';

export interface ValidatorOptions {
  chain: Chain;
  signer: Signer;
  bucket: { store: ObjectStore; commitment: BucketCommitment };
  /** The run this validator leads (published to its bucket unless one is there already). */
  run: RunParams;
  spawnTrainer: () => Trainer;
  providers?: ExecutionProviderName[];
  threads?: number;
  allowFolders: boolean;
  /** Set weights every this many windows (Templar: 3). */
  weightsEvery?: number;
  /** Publish a full checkpoint every this many windows (manifests go out every window). */
  checkpointEvery?: number;
  /** Evaluate at most this many miners per window (sampled; the rest keep their standing). */
  maxEvaluations?: number;
  onEvent?: (event: ValidatorEvent) => void;
}

export type ValidatorEvent =
  | { type: 'ready'; hotkey: string; uid: number; runId: string; provider: string }
  | { type: 'published'; window: number; hash: string; checkpointBytes: number }
  | {
      type: 'judged';
      window: number;
      hotkey: string;
      uid: number;
      outcome: GatherOutcome['status'] | 'copy';
      reason?: string;
      gradientScore?: number;
      ownImprovement?: number;
      finalScore: number;
    }
  | { type: 'weights'; window: number; weights: { uid: number; weight: number }[] }
  | { type: 'applied'; window: number; peers: string[]; hash: string }
  | { type: 'problem'; window?: number; kind: string; message: string };

export class Validator {
  readonly records = new Map<string, MinerRecord>();
  private readonly abort = new AbortController();
  private trainer: Trainer | undefined;
  private clock: ChainClock | undefined;
  private state: ModelState | undefined;
  private pageCount = 0;
  private loop: Promise<void> | undefined;
  private published = 0;

  constructor(private readonly options: ValidatorOptions) {}

  get hotkey(): string {
    return this.options.signer.ss58Address;
  }

  get model(): ModelState | undefined {
    return this.state;
  }

  /** Registers, publishes the run and the starting checkpoint, then judges windows in the background. */
  async start(): Promise<void> {
    const { chain, bucket, run } = this.options;
    const registration = await this.retrying('registering', () =>
      chain.register({ asValidator: true }),
    );
    // A refused commitment stops the validator with the chain's reason; it is not sent again.
    await this.retrying(
      'publishing the bucket',
      () => chain.commit(bucket.commitment),
      isFinalWriteFailure,
    );
    this.clock = new ChainClock(chain);
    const head = await this.retrying('reading the chain', () => this.clock!.refresh());
    const config = namedConfig(run.model);
    const layout = parameterShapes(config);
    await this.retrying('publishing the run', () => publishRun(bucket.store, run));
    const existing = await this.retrying('listing checkpoints', () =>
      checkpointWindows(bucket.store),
    );
    if (existing.length === 0) {
      // The start of the run: everyone trains from these weights in the current window.
      const weights = initWeights(config, run.runId);
      const state = { window: head.window, weights, hash: modelHash(weights, layout) };
      await this.retrying('publishing the first checkpoint', () =>
        publishModel(bucket.store, { run, config, state, aggregated: [], withCheckpoint: true }),
      );
      this.state = state;
    }
    const ready = await this.startTrainer(config);
    this.emit({
      type: 'ready',
      hotkey: this.hotkey,
      uid: registration.uid,
      runId: run.runId,
      provider: ready.provider,
    });
    this.loop = this.main(config, layout).catch((error) => {
      if (!(error instanceof Stopped))
        this.emit({ type: 'problem', kind: 'fatal', message: String(error) });
    });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.clock?.close();
    await this.trainer?.stop().catch(() => undefined);
  }

  async alive(): Promise<boolean> {
    return this.trainer?.running ?? false;
  }

  private emit(event: ValidatorEvent): void {
    this.options.onEvent?.(event);
  }

  private retrying<T>(
    what: string,
    call: () => Promise<T>,
    giveUpOn?: (error: unknown) => boolean,
  ): Promise<T> {
    return persist(what, call, {
      signal: this.abort.signal,
      onWait: (message) => this.emit({ type: 'problem', kind: 'waiting', message }),
      ...(giveUpOn ? { giveUpOn } : {}),
    });
  }

  private async startTrainer(config: ModelConfig) {
    this.trainer = this.options.spawnTrainer();
    const ready = await initTrainer(this.trainer, this.options.run, config, this.options);
    this.pageCount = ready.pageCount;
    return ready;
  }

  private async main(config: ModelConfig, layout: ParameterLayout): Promise<void> {
    await runWindows({
      signal: this.abort.signal,
      window: () => this.window(config, layout),
      restartTrainer: () => this.startTrainer(config).then(() => {}),
      problem: (kind, message) => this.emit({ type: 'problem', kind, message }),
      retryMs: this.options.chain.params.blockMs,
    });
  }

  private syncContext(config: ModelConfig, layout: ParameterLayout): SyncContext {
    const { run } = this.options;
    return {
      run,
      config,
      configHash: modelConfigHash(config),
      layout,
      clock: this.clock!,
      published: this.options.bucket.store,
      miners: async () => (await participants(this.options.chain, this.options)).miners,
      checkpointCap:
        4 * layout.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0) + (1 << 20),
    };
  }

  private async window(config: ModelConfig, layout: ParameterLayout): Promise<void> {
    const { run } = this.options;
    const clock = this.clock!;
    const head = await this.retrying('reading the chain', () => clock.refresh());
    let target = Math.floor(head.block / run.blocksPerWindow);
    if (head.block < gatherStartBlock(target - 1, run)) target--;
    const ctx = this.syncContext(config, layout);
    if (!this.state || this.state.window < target - 1) {
      // Restarted or fell behind: replay from our own checkpoints without judging.
      this.state = (
        await this.retrying('catching up', () => catchUp(ctx, this.state, target))
      ).state;
    }
    if (this.state.window === target - 1) await this.judgeAndApply(ctx, config, target - 1);
    await clock.until(gatherStartBlock(target, run), this.abort.signal);
  }

  /** Judges window `window`'s payloads against the model trained in it, then moves to window + 1. */
  private async judgeAndApply(
    ctx: SyncContext,
    config: ModelConfig,
    window: number,
  ): Promise<void> {
    const { run, chain, bucket } = this.options;
    const state = this.state!;
    const everyone = await this.retrying('reading the metagraph', () =>
      participants(chain, this.options),
    );
    const result = await gather({
      window,
      peers: everyone.miners,
      expectation: {
        runId: run.runId,
        configHash: ctx.configHash,
        codec: run.codec,
        layout: ctx.layout,
      },
      deadlineTime: ctx.clock.times.timeOf(uploadDeadlineBlock(window, run)),
    });
    for (const m of everyone.miners) {
      if (!this.records.has(m.hotkey)) this.records.set(m.hotkey, newRecord(m.hotkey, m.uid));
      this.records.get(m.hotkey)!.uid = m.uid;
    }
    const copies = new Set(
      findCopies(result.gathered, ctx.layout, run.codec).map((c) => c.offender),
    );
    const judged = (
      o: GatherOutcome,
      extra: Partial<Extract<ValidatorEvent, { type: 'judged' }>> = {},
    ) => {
      const r = this.records.get(o.hotkey)!;
      this.emit({
        type: 'judged',
        window,
        hotkey: o.hotkey,
        uid: o.uid,
        outcome: o.status,
        finalScore: finalScore(r),
        ...extra,
      });
    };
    // Penalties first: they need no trainer.
    for (const o of result.outcomes) {
      const r = this.records.get(o.hotkey)!;
      if (o.status === 'missing' || o.status === 'late' || o.status === 'unreachable') {
        recordMissing(r);
        judged(o);
      } else if (o.status === 'invalid') {
        recordInvalid(r);
        judged(o, { reason: `${o.rejection.kind}: ${o.rejection.message}` });
      } else if (copies.has(o.hotkey)) {
        recordCopy(r);
        judged(o, { outcome: 'copy' });
      }
    }
    // Evaluations on the model every miner trained from in this window.
    const candidates = result.gathered.filter((p) => !copies.has(p.hotkey));
    const sampled = sample(candidates, this.options.maxEvaluations ?? 16);
    if (sampled.length > 0) {
      await this.trainer!.setWeights(state.weights);
      const evaluator = await windowEvaluator({
        trainer: this.trainer!,
        run,
        window,
        layout: ctx.layout,
        pageCount: this.pageCount,
        salt: randomBytes(8).toString('hex'),
      });
      for (const peer of sampled) {
        const e = await evaluator.evaluate(peer);
        const r = this.records.get(peer.hotkey)!;
        recordEvaluation(r, e);
        this.emit({
          type: 'judged',
          window,
          hotkey: peer.hotkey,
          uid: peer.uid,
          outcome: 'ok',
          gradientScore: e.gradientScore,
          ownImprovement: e.ownImprovement,
          finalScore: finalScore(r),
        });
      }
    }
    // Weights: every few windows, from the final scores.
    const every = this.options.weightsEvery ?? 1;
    if (window % every === 0) {
      const weights = weightsFrom(this.records.values());
      if (weights.length > 0) {
        try {
          await this.retrying(
            'setting weights',
            () => chain.setWeights(weights, 1),
            isFinalWriteFailure,
          );
          this.emit({ type: 'weights', window, weights });
        } catch (error) {
          if (!isFinalWriteFailure(error)) throw error;
          // Weights refused or of unknown outcome: the next weights window sends fresh ones.
          this.emit({
            type: 'problem',
            kind: 'weights-not-set',
            message: (error as Error).message,
          });
        }
      }
    }
    // The same aggregate and outer step as the miners: the listed peers that passed the checks.
    const list = await readPeerList(bucket.store, window).catch(() => undefined);
    const named = list ? new Set(list.peers) : undefined;
    const aggregated = result.gathered.filter((p) => !named || named.has(p.hotkey));
    const next = outerStep({
      state,
      gathered: aggregated,
      layout: ctx.layout,
      codec: run.codec,
      outerLr: run.outerLr,
    });
    this.state = next;
    const hotkeys = aggregated.map((p) => p.hotkey);
    this.emit({ type: 'applied', window, peers: hotkeys, hash: next.hash });
    const checkpointEvery = this.options.checkpointEvery ?? 1;
    const withCheckpoint = this.published++ % checkpointEvery === 0;
    const checkpointBytes = await this.retrying('publishing the model', () =>
      publishModel(bucket.store, { run, config, state: next, aggregated: hotkeys, withCheckpoint }),
    );
    const peers = nextPeers(
      this.records.values(),
      everyone.miners.map((m) => m.hotkey),
    );
    await this.retrying('publishing the peer list', () =>
      publishPeerList(bucket.store, { window: next.window, runId: run.runId, peers }),
    );
    this.emit({ type: 'published', window: next.window, hash: next.hash, checkpointBytes });
    if (withCheckpoint) await pruneCheckpoints(bucket.store).catch(() => undefined);
  }
}

/** Up to `count` peers, uniformly at random (Templar bins by rating; one bin is enough here). */
function sample<T>(items: readonly T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, count);
}
