/**
 * The miner: registers its hotkey, publishes where its bucket is, then every window syncs the
 * model, trains H inner steps on its assigned pages in the trainer process, compresses the
 * pseudo-gradient with error feedback, signs it and uploads it before the deadline. It never
 * stops for someone else's fault: unreachable services are waited out, bad peers are skipped,
 * and falling behind (pause, sleep, restart) is repaired by catching up from the validator's
 * checkpoint rather than training on a model nobody else has.
 */
import { assignPages } from '../../engine/data';
import { type ModelConfig, namedConfig, parameterShapes } from '../../engine/model/config';
import type { ExecutionProviderName } from '../../engine/runtime/execution-providers';
import type { Trainer } from '../../engine/worker/spawn-trainer';
import { modelConfigHash } from '../../protocol/canonical-json';
import { ErrorFeedback, type ParameterLayout } from '../../protocol/codec';
import { encodePayload } from '../../protocol/payload';
import type { Signer } from '../../protocol/signature';
import {
  gatherStartBlock,
  objectKeys,
  onTime,
  type RunParams,
  uploadDeadlineBlock,
} from '../../protocol/windows';
import type { Chain } from '../network/chain';
import type { BucketCommitment } from '../network/commitment';
import type { ObjectStore } from '../network/object-store';
import { ChainClock } from './chain-clock';
import { initTrainer } from './init-trainer';
import type { ModelState } from './model-state';
import { participants } from './peers';
import { persist, Stopped, sleep } from './persist';
import { readManifest, readRun } from './published';
import { applyEvent, initialStatus, type MinerEvent, type MinerStatus } from './status';
import { applyGathered, catchUp, gatherLive, type SyncContext, SyncError } from './sync';
import { runWindows } from './window-loop';

export interface MinerOptions {
  chain: Chain;
  signer: Signer;
  /** Our own bucket (write access) and what we publish about it (read access). */
  bucket: { store: ObjectStore; commitment: BucketCommitment };
  /** Makes a trainer process; called again if one crashes. */
  spawnTrainer: () => Trainer;
  providers?: ExecutionProviderName[];
  threads?: number;
  /** Folder buckets are readable only on the embedded devnet's machine. */
  allowFolders: boolean;
  /**
   * Whether the miner publishes its bucket itself (default). Where publishing is a signed write
   * the user must agree to (Bittensor), it is published beforehand and the miner only reads.
   */
  publishBucket?: boolean;
  /** Held-out pages evaluated once per window for the loss curve; 0 disables. */
  heldOutPages?: number;
  onEvent?: (event: MinerEvent) => void;
}

/** Room left for upload after training: training that would end later than this skips the window. */
const UPLOAD_MARGIN_BLOCKS = 1;
/** Windows of our own payloads kept in the bucket (Templar keeps 100). */
const GRADIENTS_KEPT = 20;

export class Miner {
  readonly status: MinerStatus = initialStatus();
  private readonly abort = new AbortController();
  private trainer: Trainer | undefined;
  private clock: ChainClock | undefined;
  private run: RunParams | undefined;
  private state: ModelState | undefined;
  private feedback: ErrorFeedback | undefined;
  private pageCount = 0;
  private lastTrainMs: number | undefined;
  /**
   * The devnet pays into the free balance, so its growth is what the miner earned. Bittensor
   * pays as stake the hotkey shares with its delegators: there the earnings come from the
   * chain's emission record (`node/earnings.ts`), and this stays near zero.
   */
  private startBalance: bigint | undefined;
  private paused = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly options: MinerOptions) {}

  get hotkey(): string {
    return this.options.signer.ss58Address;
  }

  /** The run being trained, once the validator's parameters are read. */
  get runParams(): RunParams | undefined {
    return this.run;
  }

  /** Starts the loop in the background; `stop()` ends it. */
  start(): Promise<void> {
    this.loop ??= this.main().catch((error) => {
      if (!(error instanceof Stopped))
        this.emit({ type: 'problem', kind: 'fatal', message: String(error) });
    });
    return this.loop;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.trainer?.resume();
    await this.loop;
    this.clock?.close();
    await this.trainer?.stop().catch(() => undefined);
  }

  /** Pauses training between steps (the game started, the laptop is on battery). */
  pause(): void {
    this.paused = true;
    this.trainer?.pause();
  }

  resume(): void {
    this.paused = false;
    this.trainer?.resume();
  }

  private emit(event: MinerEvent): void {
    applyEvent(this.status, event);
    this.options.onEvent?.(event);
  }

  private idle(reason: string): void {
    this.emit({ type: 'phase', window: this.status.window ?? 0, phase: 'idle', reason });
  }

  private retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
    return persist(what, call, {
      signal: this.abort.signal,
      onWait: (reason) => this.idle(reason),
    });
  }

  private async main(): Promise<void> {
    const { chain, bucket } = this.options;
    const signal = this.abort.signal;
    const registration = await this.retrying('registering', () => chain.register());
    if (this.options.publishBucket !== false)
      await this.retrying('publishing the bucket', () => chain.commit(bucket.commitment));
    this.clock = new ChainClock(chain);
    await this.retrying('reading the chain', () => this.clock!.refresh());
    const run = await this.retrying('waiting for the validator to publish the run', async () => {
      const validator = (await participants(chain, this.options)).validator;
      const published = validator && (await readRun(validator.store));
      if (!published) throw new Error('no run parameters published yet');
      return published;
    });
    if (run.blocksPerWindow !== chain.params.blocksPerWindow) {
      throw new Error(`the run's windows (${run.blocksPerWindow} blocks) differ from the chain's`);
    }
    this.run = run;
    const config = namedConfig(run.model);
    const layout: ParameterLayout = parameterShapes(config);
    const ready = await this.startTrainer(config);
    this.emit({
      type: 'ready',
      hotkey: this.hotkey,
      uid: registration.uid,
      provider: ready.provider,
      runId: run.runId,
      model: run.model,
    });
    this.feedback = new ErrorFeedback(layout, run.codec, run.feedbackDecay);
    this.startBalance = (await this.retrying('reading the balance', () => chain.balance())).balance;

    await runWindows({
      signal,
      window: () => this.window(config, layout),
      restartTrainer: () => this.startTrainer(config).then(() => {}),
      problem: (kind, message) => this.emit({ type: 'problem', kind, message }),
      retryMs: chain.params.blockMs,
    });
  }

  private async startTrainer(config: ModelConfig) {
    this.trainer = this.options.spawnTrainer();
    const ready = await initTrainer(this.trainer, this.run!, config, this.options);
    if (this.paused) this.trainer.pause();
    this.pageCount = ready.pageCount;
    return ready;
  }

  private syncContext(
    config: ModelConfig,
    layout: ParameterLayout,
    published: ObjectStore,
  ): SyncContext {
    const run = this.run!;
    return {
      run,
      config,
      configHash: modelConfigHash(config),
      layout,
      clock: this.clock!,
      published,
      miners: async () => (await participants(this.options.chain, this.options)).miners,
      checkpointCap:
        4 * layout.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0) + (1 << 20),
    };
  }

  /** One window: sync, train, upload, then wait for the next window's gather. */
  private async window(config: ModelConfig, layout: ParameterLayout): Promise<void> {
    const run = this.run!;
    const clock = this.clock!;
    const signal = this.abort.signal;
    const head = await this.retrying('reading the chain', () => clock.refresh());
    // The newest window whose model can be known: the one before it has been gathered.
    const now = head.block;
    let target = Math.floor(now / run.blocksPerWindow);
    if (now < gatherStartBlock(target - 1, run)) target--;

    const validator = await this.retrying('finding the validator', async () => {
      const v = (await participants(this.options.chain, this.options)).validator;
      if (!v) throw new Error('no validator has published a bucket');
      return v;
    });
    const ctx = this.syncContext(config, layout, validator.store);

    // Sync: one window behind applies the aggregate; further behind (or diverged) catches up.
    this.emit({ type: 'phase', window: target, phase: 'sync' });
    if (this.state && this.state.window < target) await this.checkAgreement(ctx);
    if (!this.state || this.state.window < target - 1) {
      const caught = await this.retrying('catching up', async () => {
        try {
          return await catchUp(ctx, this.state, target);
        } catch (error) {
          if (error instanceof SyncError && error.kind === 'checkpoint-mismatch')
            this.state = undefined;
          throw error;
        }
      });
      if (caught.via === 'checkpoint') this.feedback!.reset();
      this.state = caught.state;
      this.emit({
        type: 'synced',
        window: this.state.window,
        via: caught.via,
        hash: this.state.hash,
      });
    }
    if (this.state.window === target - 1) {
      this.emit({ type: 'phase', window: target, phase: 'gather' });
      const result = await this.retrying('gathering', () => gatherLive(ctx, target - 1));
      const counts = { missing: 0, late: 0, invalid: 0 };
      for (const o of result.outcomes) {
        if (o.status === 'missing' || o.status === 'unreachable') counts.missing++;
        else if (o.status === 'late') counts.late++;
        else if (o.status === 'invalid') counts.invalid++;
      }
      this.emit({
        type: 'gathered',
        window: target - 1,
        peers: result.gathered.length,
        asked: result.outcomes.length,
        ...counts,
        bytes: result.bytesDown,
      });
      this.emit({ type: 'phase', window: target, phase: 'apply' });
      this.state = applyGathered(ctx, this.state, result);
      this.emit({ type: 'synced', window: target, via: 'aggregate', hash: this.state.hash });
    }
    const state = this.state;
    await this.trainer!.setWeights(state.weights);
    if (this.options.heldOutPages) {
      const pages = Array.from({ length: this.options.heldOutPages }, (_, i) => i);
      const { loss } = await this.trainer!.evaluate({ pages, split: 'heldOut' });
      this.emit({ type: 'heldOut', window: target, loss });
    }
    await this.reportReward(target);

    // Paused (a game started, on battery): no training until resumed; the next window catches up.
    while (
      this.paused &&
      !signal.aborted &&
      (clock.head?.block ?? 0) < uploadDeadlineBlock(target, run)
    ) {
      this.idle('paused');
      await sleep(this.options.chain.params.blockMs, signal);
    }
    // Train only if the upload can still make the deadline.
    const deadline = uploadDeadlineBlock(target, run);
    const needBlocks =
      Math.ceil((this.lastTrainMs ?? 0) / this.options.chain.params.blockMs) + UPLOAD_MARGIN_BLOCKS;
    const uploadKey = objectKeys.gradient(target, this.hotkey);
    const already = await this.options.bucket.store.head(uploadKey).catch(() => undefined);
    if (already) {
      this.idle(`window ${target} is already uploaded`);
    } else if ((clock.head?.block ?? 0) + needBlocks > deadline) {
      this.idle(`joined window ${target} too late to train and upload before block ${deadline}`);
      // The estimate is measured only when training: one slow window (a busy machine) would
      // otherwise skip every later window for good. Measure afresh next window.
      this.lastTrainMs = undefined;
    } else {
      await this.trainAndUpload(target, layout, config, deadline);
    }

    this.idle(`waiting for window ${target + 1}`);
    await clock.until(gatherStartBlock(target, run), signal);
  }

  private async trainAndUpload(
    window: number,
    layout: ParameterLayout,
    config: ModelConfig,
    deadline: number,
  ) {
    const run = this.run!;
    const trainer = this.trainer!;
    this.emit({ type: 'phase', window, phase: 'train' });
    const pages = assignPages({
      hotkey: this.hotkey,
      window,
      runSeed: run.runId,
      pagesPerWindow: run.pagesPerWindow,
      totalPages: this.pageCount,
    });
    const started = performance.now();
    const result = await trainer.train(
      { pages, innerSteps: run.innerSteps, schedule: run.innerLr },
      (p) =>
        this.emit({
          type: 'step',
          window,
          step: p.step,
          innerSteps: p.innerSteps,
          loss: p.loss,
          tokensPerSec: p.tokensPerSec,
        }),
    );
    this.lastTrainMs = performance.now() - started;
    this.emit({
      type: 'trained',
      window,
      startLoss: result.startLoss,
      finalLoss: result.finalLoss,
      tokensPerSec: result.tokensPerSec,
    });
    this.emit({ type: 'phase', window, phase: 'upload' });
    const pseudoGradient = this.feedback!.compress(result.pseudoGradient);
    const bytes = await encodePayload(
      {
        runId: run.runId,
        window,
        configHash: modelConfigHash(config),
        codec: run.codec,
        layout,
        pseudoGradient,
      },
      this.options.signer,
    );
    if ((this.clock!.head?.block ?? 0) >= deadline) {
      this.idle(`training for window ${window} ended after its deadline; not uploading`);
      return;
    }
    const key = objectKeys.gradient(window, this.hotkey);
    await this.retrying('uploading', () => this.options.bucket.store.put(key, bytes));
    const info = await this.options.bucket.store.head(key).catch(() => undefined);
    const deadlineTime = this.clock!.times.timeOf(deadline);
    const timely =
      !info ||
      deadlineTime === undefined ||
      onTime(info.lastModified, deadlineTime) ||
      (this.clock!.head?.block ?? 0) <= deadline;
    this.emit({ type: 'uploaded', window, bytes: bytes.length, onTime: timely });
    // Peers replay at most a few windows back (from the newest checkpoint); keep well beyond that.
    if (window >= GRADIENTS_KEPT) {
      await this.options.bucket.store
        .delete(objectKeys.gradient(window - GRADIENTS_KEPT, this.hotkey))
        .catch(() => undefined);
    }
  }

  /** A model that no longer matches the validator's manifest is dropped, and caught up afresh. */
  private async checkAgreement(ctx: SyncContext): Promise<void> {
    const state = this.state!;
    const manifest = await readManifest(ctx.published, state.window).catch(() => undefined);
    if (manifest && manifest.modelHash !== state.hash) {
      this.emit({
        type: 'problem',
        window: state.window,
        kind: 'diverged',
        message: `our model for window ${state.window} differs from the validator's; catching up from its checkpoint`,
      });
      this.state = undefined;
    }
  }

  private async reportReward(window: number): Promise<void> {
    try {
      const { chain } = this.options;
      const [{ balance }, metagraph] = await Promise.all([chain.balance(), chain.metagraph()]);
      const me = metagraph.neurons.find((n) => n.hotkey === this.hotkey);
      const earned = balance - (this.startBalance ?? balance);
      this.emit({
        type: 'reward',
        window,
        balance: balance.toString(),
        earned: earned.toString(),
        incentive: me?.incentive ?? 0,
      });
    } catch {
      // Rewards are for display; an unreachable coordinator is reported by the next step.
    }
  }
}
