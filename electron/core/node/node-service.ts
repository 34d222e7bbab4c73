/**
 * The node a user starts and pauses: on the embedded devnet it also runs the local network
 * (coordinator and reference validator); elsewhere it connects. It owns the miner, turns its
 * events into the contract's status, loss points, rewards and log lines, and holds training
 * whenever the courtesy policy or the user says so.
 */
import { join } from 'node:path';
import type { ContractEvent } from '../../contract';
import type { EarningsSummary } from '../../contract/earnings';
import type { LossPoint, NodeStatus, PauseReason } from '../../contract/node';
import type { Settings } from '../../contract/settings';
import type { DevnetParams } from '../../devnet/params';
import type { ExecutionProviderName } from '../../engine/runtime/execution-providers';
import type { Trainer } from '../../engine/worker/spawn-trainer';
import { devSigner, type Signer } from '../../protocol/signature';
import type { RunParams } from '../../protocol/windows';
import type { Log } from '../logs/log';
import { isLoopback, localBucket } from '../miner/local-bucket';
import { Miner } from '../miner/miner';
import { participants } from '../miner/peers';
import type { MinerEvent } from '../miner/status';
import type { Chain } from '../network/chain';
import type { BucketCommitment } from '../network/commitment';
import type { ObjectStore } from '../network/object-store';
import { openChain } from '../network/open-chain';
import type { StorageCredentials } from '../settings/storage-credentials';
import { requireReadyToMine } from './bucket-publication';
import { describeMinerEvent, describeValidatorEvent } from './describe-events';
import { type EmbeddedNetwork, startEmbeddedNetwork } from './embedded-network';
import { NodeMetrics } from './node-metrics';
import { s3Bucket } from './s3-bucket';
import {
  applyHold,
  describeNetwork,
  foldMinerEvent,
  initialNodeStatus,
  windowClock,
} from './status-view';

export interface NodeServiceOptions {
  /** Network state (`devnet/`, `buckets/`) lives under `<dataDir>/network`. */
  dataDir: string;
  settings: () => Settings;
  /** The miner's hotkey, from the wallet the settings name; rejects with a NodeError. */
  identity: () => Promise<Signer>;
  /** The S3 bucket's sealed keys, when the settings name an S3 bucket. */
  storageCredentials: () => Promise<StorageCredentials | undefined>;
  spawnTrainer: () => Trainer;
  log: Log;
  emit: (event: ContractEvent) => void;
  threads?: number;
  /** More miners with development keys on the embedded devnet, for a network with peers. */
  extraMiners?: number;
  devnetParams?: Partial<DevnetParams>;
  /** Overrides of the run the embedded devnet's validator publishes. */
  devnetRun?: Partial<RunParams>;
  /** Every event of the user's miner, for hosts that log them whole (`tessera start --json`). */
  onMinerEvent?: (event: MinerEvent) => void;
  /** Held-out pages the node evaluates per window for the run's loss curve. */
  heldOutPages?: number;
  now?: () => number;
}

interface NetworkAccess {
  chain(signer: Signer): Promise<Chain>;
  bucket(signer: Signer): Promise<{ store: ObjectStore; commitment: BucketCommitment }>;
  allowFolders: boolean;
  /** Bittensor: the user registers and publishes the bucket first, each after seeing its cost. */
  paidWrites: boolean;
}

/** At most this often a status snapshot goes out; steps arrive many times a second. */
const STATUS_INTERVAL_MS = 250;
const LOSS_POINTS_KEPT = 5_000;

export class NodeService {
  private current: NodeStatus;
  private readonly losses: LossPoint[] = [];
  private readonly now: () => number;
  private network: EmbeddedNetwork | undefined;
  private chains: Chain[] = [];
  private miner: Miner | undefined;
  private extras: Miner[] = [];
  private statusTimer: NodeJS.Timeout | undefined;
  private stopBlocks: (() => void) | undefined;
  private starting: Promise<void> | undefined;
  private holdReasons: PauseReason[] = [];
  private networkMetrics = new NodeMetrics();
  private metricsOf: string | undefined;

  constructor(private readonly options: NodeServiceOptions) {
    this.now = options.now ?? Date.now;
    this.current = initialNodeStatus(describeNetwork(options.settings()));
  }

  /** Storage latency, gather rate and loss trend of the network the node last ran on. */
  get metrics(): NodeMetrics {
    return this.networkMetrics;
  }

  status(): NodeStatus {
    // Stopped, the node is about the network the settings name now: what it earned or what
    // went wrong on the one it last ran on says nothing about this one.
    if (!this.running) {
      const network = describeNetwork(this.options.settings());
      if (network.name !== this.current.network.name)
        this.current = { ...initialNodeStatus(network), pauseReasons: this.holdReasons };
    }
    return structuredClone(this.current);
  }

  lossHistory(sinceMs = 0): LossPoint[] {
    return this.losses.filter((p) => p.at >= sinceMs);
  }

  /** The chain the node is connected to, while it runs. */
  chain(): Chain | undefined {
    return this.chains[0];
  }

  /** Where the validator publishes manifests and checkpoints, while the node runs. */
  async validatorStore(): Promise<ObjectStore | undefined> {
    const chain = this.chain();
    if (!chain) return undefined;
    const url = this.options.settings().network;
    return (await participants(chain, { allowFolders: url.kind !== 'bittensor' })).validator?.store;
  }

  get running(): boolean {
    return this.current.state !== 'stopped' && this.current.state !== 'error';
  }

  /** Starts in the background; the status goes through starting to training (or error). */
  start(): NodeStatus {
    if (this.running) return this.status();
    const network = describeNetwork(this.options.settings());
    // Another network's loss curve and storage figures say nothing about this one.
    if (this.metricsOf !== undefined && this.metricsOf !== network.name) {
      this.networkMetrics = new NodeMetrics();
      this.losses.length = 0;
    }
    this.metricsOf = network.name;
    this.current = {
      ...initialNodeStatus(network),
      state: 'starting',
      pauseReasons: this.holdReasons,
    };
    this.publish();
    this.starting = this.launch().catch(async (error) => {
      const e = error as { kind?: string; message: string };
      this.current.state = 'error';
      this.current.error = { kind: e.kind ?? 'start-failed', message: e.message };
      this.options.log.error('node', e.message);
      this.options.emit({
        event: 'node.problem',
        payload: { kind: this.current.error.kind, message: e.message, needsUser: true },
      });
      this.publish();
      await this.teardown();
    });
    return this.status();
  }

  async stop(): Promise<NodeStatus> {
    await this.starting;
    await this.teardown();
    this.current.state = 'stopped';
    this.current.phase = 'idle';
    this.publish();
    return this.status();
  }

  /** Holds training for these reasons (none: train). The miner pauses between steps. */
  hold(reasons: PauseReason[]): void {
    const changed = JSON.stringify(reasons) !== JSON.stringify(this.holdReasons);
    this.holdReasons = reasons;
    for (const miner of [this.miner, ...this.extras]) {
      if (reasons.length) miner?.pause();
      else miner?.resume();
    }
    if (!changed) return;
    applyHold(this.current, reasons);
    if (reasons.length)
      this.options.log.info('node', `paused: ${reasons.map((r) => r.message).join('; ')}`);
    this.publish();
  }

  setAutomatic(startedAutomatically: boolean, startingAt: number | null): void {
    if (
      this.current.startedAutomatically === startedAutomatically &&
      this.current.startingAt === startingAt
    )
      return;
    this.current.startedAutomatically = startedAutomatically;
    this.current.startingAt = startingAt;
    this.publish();
  }

  setEarnings(summary: Pick<EarningsSummary, 'today' | 'total' | 'unit'>): void {
    this.current.earnedToday = summary.today;
    this.current.earnedTotal = summary.total;
    this.current.earningsUnit = summary.unit;
    this.publish();
  }

  async close(): Promise<void> {
    await this.stop();
    clearTimeout(this.statusTimer);
  }

  private async launch(): Promise<void> {
    const settings = this.options.settings();
    const { log } = this.options;
    const providers: ExecutionProviderName[] | undefined =
      settings.provider === 'auto' ? undefined : [settings.provider];
    const signer = await this.options.identity();
    this.current.hotkeyAddress = signer.ss58Address;
    const networkDir = join(this.options.dataDir, 'network');
    const where = await this.connectNetwork(settings, networkDir, providers);
    const miner = await this.makeMiner(signer, where, providers, true);
    this.miner = miner;
    void miner.start();
    for (let i = 0; i < (this.options.extraMiners ?? 0); i++) {
      const extra = await this.makeMiner(
        await devSigner(`//tessera-miner-${i + 1}`),
        where,
        providers,
        false,
      );
      this.extras.push(extra);
      void extra.start();
    }
    const chain = this.chains[0]!;
    this.stopBlocks = chain.subscribeBlocks(
      (block) => {
        const run = miner.runParams;
        if (run) this.current.windowClock = windowClock(run, block, chain.params.blockMs);
        this.publish();
      },
      (error) => log.warn('node', `chain: ${error.message}`),
    );
    if (this.holdReasons.length) this.hold(this.holdReasons);
  }

  /** How miners on the configured network reach its chain and where their buckets are. */
  private async connectNetwork(
    settings: Settings,
    networkDir: string,
    providers: ExecutionProviderName[] | undefined,
  ): Promise<NetworkAccess> {
    const { log } = this.options;
    const network = settings.network;
    if (network.kind === 'devnet') {
      this.network = await startEmbeddedNetwork({
        dataDir: networkDir,
        spawnTrainer: this.options.spawnTrainer,
        ...(providers ? { providers } : {}),
        ...(this.options.threads ? { threads: this.options.threads } : {}),
        ...(this.options.devnetParams ? { params: this.options.devnetParams } : {}),
        ...(this.options.devnetRun ? { run: this.options.devnetRun } : {}),
        onValidatorEvent: (e) => {
          const text = describeValidatorEvent(e);
          if (text) log.info('validator', text);
        },
      });
      log.info('devnet', `embedded devnet at ${this.network.url} (state in ${networkDir})`);
      const { url, buckets } = this.network;
      return {
        chain: (signer) => openChain(network, { hotkey: signer, devnetUrl: url }),
        bucket: async (signer) => localBucket(buckets, signer.ss58Address),
        allowFolders: true,
        paidWrites: false,
      };
    }
    const allowFolders = network.kind === 'remote-devnet' && isLoopback(network.url);
    return {
      chain: (signer) => openChain(network, { hotkey: signer }),
      bucket: async (signer) =>
        // Peers on this machine can read a folder bucket; anyone else needs S3.
        allowFolders && settings.storage.kind === 'local'
          ? localBucket(join(networkDir, 'buckets'), signer.ss58Address)
          : s3Bucket(settings.storage, await this.options.storageCredentials()),
      allowFolders,
      paidWrites: network.kind === 'bittensor',
    };
  }

  private async makeMiner(
    signer: Signer,
    where: NetworkAccess,
    providers: ExecutionProviderName[] | undefined,
    primary: boolean,
  ): Promise<Miner> {
    const bucket = await where.bucket(signer);
    const chain = await where.chain(signer);
    this.chains.push(chain);
    if (where.paidWrites)
      await requireReadyToMine(
        chain,
        signer.ss58Address,
        bucket.commitment,
        this.current.network.name,
      );
    return new Miner({
      chain,
      signer,
      bucket: { store: this.metrics.timed(bucket.store), commitment: bucket.commitment },
      spawnTrainer: this.options.spawnTrainer,
      ...(providers ? { providers } : {}),
      ...(this.options.threads ? { threads: this.options.threads } : {}),
      allowFolders: where.allowFolders,
      publishBucket: !where.paidWrites,
      heldOutPages: primary ? (this.options.heldOutPages ?? 16) : 0,
      onEvent: primary
        ? (e) => this.onMinerEvent(e)
        : (e) => {
            if (e.type === 'problem')
              this.options.log.warn(`miner ${signer.ss58Address.slice(0, 8)}`, e.message);
          },
    });
  }

  private onMinerEvent(e: MinerEvent): void {
    this.options.onMinerEvent?.(e);
    const now = this.now();
    const point = foldMinerEvent(this.current, e, now);
    if (point) {
      this.losses.push(point);
      if (this.losses.length > LOSS_POINTS_KEPT)
        this.losses.splice(0, this.losses.length - LOSS_POINTS_KEPT);
      this.options.emit({ event: 'node.loss', payload: point });
    }
    this.metrics.record(e);
    const text = describeMinerEvent(e, this.current.earningsUnit);
    if (text) this.options.log.write(e.type === 'problem' ? 'warn' : 'info', 'miner', text);
    if (e.type === 'problem' && e.kind === 'trainer-crashed')
      this.options.emit({
        event: 'node.problem',
        payload: { kind: e.kind, message: e.message, needsUser: false },
      });
    if (e.type === 'reward')
      this.options.emit({
        event: 'node.reward',
        payload: { window: e.window, amount: e.earned, unit: this.current.earningsUnit, at: now },
      });
    this.publish();
  }

  /** Coalesces status changes into at most one snapshot per interval. */
  private publish(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      this.options.emit({ event: 'node.status', payload: this.status() });
    }, STATUS_INTERVAL_MS);
  }

  private async teardown(): Promise<void> {
    this.stopBlocks?.();
    this.stopBlocks = undefined;
    await Promise.all([this.miner, ...this.extras].map((m) => m?.stop()));
    this.miner = undefined;
    this.extras = [];
    for (const chain of this.chains) await chain.close().catch(() => undefined);
    this.chains = [];
    await this.network?.stop();
    this.network = undefined;
  }
}
