/**
 * The core as one service: wallet, settings, the node, courtesy policy, telemetry, earnings,
 * network health and diagnostics, composed once per process and served through the contract.
 * Electron's main process and the headless CLI both make one with `createCore` and hand it to
 * their transport (IPC or the bridge); neither adds behaviour of its own.
 */
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import type { ContractEvent } from '../../contract';
import type { EarningsSummary } from '../../contract/earnings';
import type { NetworkHealth } from '../../contract/network';
import type { DevnetParams } from '../../devnet/params';
import { spawnTrainer as forkTrainer, type Trainer } from '../../engine/worker/spawn-trainer';
import { devSigner, type Signer } from '../../protocol/signature';
import type { RunParams } from '../../protocol/windows';
import { runDoctor } from '../doctor/doctor';
import { Log, type LogOptions } from '../logs/log';
import { readManifest } from '../miner/published';
import type { MinerEvent } from '../miner/status';
import { SubtensorChain } from '../network/subtensor/subtensor-chain';
import { publicationState } from '../node/bucket-publication';
import { earningsCsv } from '../node/earnings';
import { EarningsFeed } from '../node/earnings-feed';
import { NodeError } from '../node/node-error';
import { NodeService } from '../node/node-service';
import { Registrar } from '../node/registrar';
import { s3Bucket } from '../node/s3-bucket';
import { describeNetwork } from '../node/status-view';
import { CourtesyPolicy } from '../policy/courtesy-policy';
import { listRunningPrograms } from '../policy/running-programs';
import type { HostSignals } from '../policy/signals';
import { SettingsStore } from '../settings/settings-file';
import { StorageCredentialStore, type StorageCredentials } from '../settings/storage-credentials';
import { GpuTelemetry } from '../telemetry/gpu-telemetry';
import type { Kdf } from '../wallet/argon2';
import { Keystore } from '../wallet/keystore';
import type { PasswordVault } from '../wallet/password-vault';
import type { CoreHandle, TrayState } from './core-handle';
import { dispatcher } from './dispatch';
import { walletHandlers } from './wallet-handlers';

export interface CoreOptions {
  dataDir: string;
  host: 'electron' | 'headless';
  version: string;
  /** The OS keychain (Electron's safeStorage); headless has none. */
  vault?: PasswordVault;
  /** Makes a trainer process: utilityProcess under Electron, a forked Node process headless. */
  spawnTrainer?: () => Trainer;
  /** Mine with this development key instead of a wallet (devnets only; not a wallet). */
  devKey?: string;
  /** The development key to mine with while the settings name no wallet identity. */
  fallbackDevKey?: string;
  extraMiners?: number;
  devnetParams?: Partial<DevnetParams>;
  /** Overrides of the run the embedded devnet's validator publishes (tests use a small step). */
  devnetRun?: Partial<RunParams>;
  threads?: number;
  /**
   * S3 keys the host holds itself (headless rigs: from the environment), used instead of the
   * sealed ones that `storage.setCredentials` stores.
   */
  storageCredentials?: StorageCredentials;
  /** Key derivation for wallets; tests pass a cheaper one. */
  kdf?: Kdf;
  /** Every event of the user's miner, whole: for a headless host's machine-readable log. */
  onMinerEvent?: (event: MinerEvent) => void;
  /** How often the courtesy policy looks at the machine. */
  policyIntervalMs?: number;
  /** GPU telemetry polling; 0 turns it off. */
  telemetryIntervalMs?: number;
  /** How often the network's health goes out to subscribers (`network.health`); 0 turns it off. */
  healthIntervalMs?: number;
  /** Log file rotation; tests pass a small size to see it happen. */
  logFiles?: Pick<LogOptions, 'maxFileBytes' | 'keepFiles'>;
  now?: () => number;
}

const RESTART_ON = ['identity', 'network', 'storage', 'provider'] as const;

/** A running program list costs a process listing; the policy's other signals are cheap. */
const PROGRAMS_INTERVAL_MS = 10_000;

export async function createCore(options: CoreOptions): Promise<CoreHandle> {
  const now = options.now ?? Date.now;
  const listeners = new Set<(event: ContractEvent) => void>();
  const emit = (event: ContractEvent) => {
    for (const listener of listeners) listener(event);
  };
  const log = new Log({ directory: join(options.dataDir, 'logs'), now, ...options.logFiles });
  log.subscribe((line) => emit({ event: 'log.line', payload: line }));
  const settings = await SettingsStore.open(join(options.dataDir, 'settings.json'));
  if (settings.recovered)
    log.warn(
      'settings',
      `${settings.recovered.problem} The file was kept as ${settings.recovered.movedTo}; starting with default settings.`,
    );
  const keystore = await Keystore.open({
    root: join(options.dataDir, 'wallets'),
    rememberDirectory: join(options.dataDir, 'remembered'),
    ...(options.vault ? { passwordVault: options.vault } : {}),
    ...(options.kdf ? { kdf: options.kdf } : {}),
  });
  keystore.onStatus((payload) => emit({ event: 'wallet.status', payload }));
  const credentials = new StorageCredentialStore(
    join(options.dataDir, 'storage-credentials.bin'),
    options.vault,
  );
  const loadCredentials = async () => options.storageCredentials ?? (await credentials.load());
  const telemetry = new GpuTelemetry();
  telemetry.subscribe((payload) => emit({ event: 'telemetry.sample', payload }));
  if (options.telemetryIntervalMs !== 0) telemetry.start(options.telemetryIntervalMs ?? 2_000);
  const policy = new CourtesyPolicy(settings.get());

  const identity = async (): Promise<Signer> => {
    if (options.devKey) return devSigner(options.devKey);
    const chosen = settings.get().identity;
    if (!chosen && options.fallbackDevKey) return devSigner(options.fallbackDevKey);
    if (!chosen)
      throw new NodeError(
        'no-wallet',
        'Create or import a wallet first, then choose it as the identity to mine with.',
      );
    return keystore.hotkeySigner(chosen.wallet, chosen.hotkeyName);
  };
  const node = new NodeService({
    dataDir: options.dataDir,
    settings: () => settings.get(),
    identity,
    storageCredentials: loadCredentials,
    spawnTrainer: options.spawnTrainer ?? (() => forkTrainer()),
    log,
    emit: (event) => {
      emit(event);
      if (event.event === 'node.reward') void earnings.refresh();
    },
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.extraMiners ? { extraMiners: options.extraMiners } : {}),
    ...(options.onMinerEvent ? { onMinerEvent: options.onMinerEvent } : {}),
    ...(options.devnetParams ? { devnetParams: options.devnetParams } : {}),
    ...(options.devnetRun ? { devnetRun: options.devnetRun } : {}),
    now,
  });
  const earnings = new EarningsFeed(node, now);
  /** The address that pays for registration; a locked coldkey's is enough to price it. */
  const coldkeyAddress = async (): Promise<string> => {
    const wallet = settings.get().identity?.wallet;
    const address = wallet ? (await keystore.summary(wallet)).coldkeyAddress : null;
    if (!wallet || !address)
      throw new NodeError(
        'no-wallet',
        wallet
          ? `Wallet '${wallet}' has no coldkey to pay for registration: import one with its coldkey.`
          : 'Choose a wallet to mine with first: its coldkey pays for registration.',
      );
    return address;
  };
  /** The chain and this miner's S3 bucket, for publishing it on Bittensor. */
  const bucketOnBittensor = async () => {
    const current = settings.get();
    if (current.network.kind !== 'bittensor')
      throw new NodeError(
        'not-bittensor',
        'Only Bittensor asks for this: on a devnet the bucket is published as the node starts.',
      );
    const chain = await registrar.chain();
    if (!(chain instanceof SubtensorChain) || !chain.hotkey)
      throw new NodeError(
        'no-wallet',
        'Choose a wallet to mine with first: its hotkey publishes the bucket.',
      );
    const { commitment } = s3Bucket(current.storage, await loadCredentials());
    return { chain, hotkey: chain.hotkey, commitment };
  };
  const registrar = new Registrar(
    node,
    () => settings.get(),
    identity,
    async (wallet) => (await keystore.summary(wallet)).coldkeyAddress,
    (wallet) => keystore.coldkeySigner(wallet),
  );

  // The policy runs on the host's signals plus what the core measures itself.
  let hostSignals: Partial<HostSignals> = {};
  let programs: string[] | undefined;
  let lastKeepAwake = false;
  const decide = () => {
    const gpus = telemetry.latest().gpus;
    const temps = gpus.map((g) => g.temperatureC).filter((t): t is number => t !== null);
    const chosen = settings.get().gpuIndex;
    const gpu = gpus.find((g) => g.index === (chosen ?? 0));
    const decision = policy.evaluate({
      ...(temps.length ? { gpuTemperatureC: Math.max(...temps) } : {}),
      ...(gpu?.powerW != null ? { gpuPowerW: gpu.powerW } : {}),
      ...(programs ? { runningPrograms: programs } : {}),
      ...hostSignals,
      now: now(),
    });
    node.hold(decision.reasons);
    node.setAutomatic(decision.startedAutomatically, decision.startingAt);
    lastKeepAwake = decision.keepAwake && node.running;
  };
  const policyTimer = setInterval(decide, options.policyIntervalMs ?? 2_000);
  policyTimer.unref();
  const programsTimer = setInterval(async () => {
    programs = settings.get().pausePrograms.length ? await listRunningPrograms() : undefined;
  }, PROGRAMS_INTERVAL_MS);
  programsTimer.unref();
  // The network screen follows the chain without asking: its health goes out every few seconds,
  // with the members and the checkpoint (costly to read) read once a window.
  const membersPerWindow = windowMemo<MembersAndCheckpoint>();
  let pushingHealth = false;
  const healthTimer =
    options.healthIntervalMs === 0
      ? undefined
      : setInterval(async () => {
          if (pushingHealth || listeners.size === 0) return;
          pushingHealth = true;
          try {
            const kind = settings.get().network.kind;
            emit({
              event: 'network.health',
              payload: await networkHealth(node, kind, membersPerWindow),
            });
          } catch (error) {
            log.warn('network', `health not read: ${(error as Error).message}`);
          } finally {
            pushingHealth = false;
          }
        }, options.healthIntervalMs ?? 5_000);
  healthTimer?.unref();
  let applied = settings.get();
  settings.onChange((next) => {
    policy.setSettings(next);
    emit({ event: 'settings.changed', payload: { settings: next } });
    decide();
    // Who mines, where and on what is fixed while the node runs: a change restarts it.
    const restart = RESTART_ON.some(
      (key) => JSON.stringify(applied[key]) !== JSON.stringify(next[key]),
    );
    applied = next;
    if (restart && node.running) {
      log.info('node', 'settings changed: restarting the node');
      void node.stop().then(() => node.start());
    }
  });

  const settingsResult = () => ({ settings: settings.get(), dataDirectory: options.dataDir });
  const call = dispatcher({
    ...walletHandlers(keystore),
    'node.status': async () => node.status(),
    'node.lossHistory': async (args) => ({ points: node.lossHistory(args.sinceMs) }),
    'node.start': async () => {
      policy.userStart();
      decide();
      node.start();
      return node.status();
    },
    'node.pause': async (args) => {
      policy.pauseByUser(args.minutes === undefined ? undefined : now() + args.minutes * 60_000);
      decide();
      return node.status();
    },
    'node.resume': async () => {
      policy.resumeByUser();
      decide();
      return node.status();
    },
    'node.stop': () => node.stop(),
    'settings.get': async () => settingsResult(),
    'settings.update': async (args) => {
      await settings.update(args.patch);
      return settingsResult();
    },
    'storage.setCredentials': async (args) => {
      await credentials.save(args);
      return { stored: true as const };
    },
    'telemetry.latest': async () => telemetry.latest(),
    'earnings.summary': () => earnings.summary(),
    'earnings.exportCsv': async () => ({
      filename: `tessera-earnings-${new Date(now()).toISOString().slice(0, 10)}.csv`,
      csv: earningsCsv(await earnings.summary()),
    }),
    'network.health': () => networkHealth(node, settings.get().network.kind, membersPerWindow),
    'network.metagraph': async () => {
      const metagraph = await (await registrar.chain()).metagraph();
      return {
        netuid: metagraph.netuid,
        block: metagraph.block,
        neurons: metagraph.neurons.map((n) => ({
          uid: n.uid,
          hotkeyAddress: n.hotkey,
          stake: n.stake.toString(),
          validatorPermit: n.validatorPermit,
          incentive: n.incentive,
          dividends: n.dividends,
          emission: n.emission.toString(),
          lastUpdate: n.lastUpdate,
        })),
      };
    },
    'network.registrationCost': async () => {
      const chain = await registrar.chain();
      const cost =
        chain instanceof SubtensorChain
          ? await chain.previewRegister(await coldkeyAddress())
          : { burn: 0n, fee: 0n, total: 0n };
      return {
        network: describeNetwork(settings.get()).name,
        netuid: chain.params.netuid,
        cost: cost.total.toString(),
        burn: cost.burn.toString(),
        fee: cost.fee.toString(),
        free: cost.total === 0n,
      };
    },
    'network.register': async (args) => {
      const wallet = settings.get().identity?.wallet;
      // The coldkey pays: a locked one is refused with how to unlock it, before any chain call.
      if (settings.get().network.kind === 'bittensor' && wallet) keystore.coldkeySigner(wallet);
      const chain = await registrar.chain();
      // Paying networks check the price against what the user accepted before signing.
      const registration =
        chain instanceof SubtensorChain
          ? await chain.registerWithColdkey(BigInt(args.maxCost))
          : { ...(await chain.register()), paid: 0n };
      log.info('network', `registered ${registration.hotkey} as uid ${registration.uid}`);
      return {
        uid: registration.uid,
        hotkeyAddress: registration.hotkey,
        block: registration.block,
        cost: registration.paid.toString(),
      };
    },
    'network.bucketPublication': async () => {
      const { chain, hotkey, commitment } = await bucketOnBittensor();
      const [state, cost] = await Promise.all([
        publicationState(chain, hotkey, commitment),
        chain.previewCommit(commitment),
      ]);
      return {
        network: describeNetwork(settings.get()).name,
        netuid: chain.params.netuid,
        bucket: commitment.bucket,
        endpoint: commitment.endpoint ?? null,
        ...state,
        fee: cost.total.toString(),
      };
    },
    'network.publishBucket': async (args) => {
      const { chain, hotkey, commitment } = await bucketOnBittensor();
      const state = await publicationState(chain, hotkey, commitment);
      if (!state.registered)
        throw new NodeError(
          'not-registered',
          `Register ${hotkey} on subnet ${chain.params.netuid} first: only registered hotkeys may publish.`,
        );
      // Already on the chain: publishing again would only pay again.
      if (state.published) return { fee: '0' };
      const fee = await chain.commitWithin(commitment, BigInt(args.maxCost));
      log.info('network', `published bucket ${commitment.bucket} for ${hotkey}`);
      return { fee: fee.toString() };
    },
    'app.info': async () => ({
      version: options.version,
      host: options.host,
      platform: platform(),
      arch: arch(),
      dataDirectory: options.dataDir,
      // Onboarding ends when a wallet's hotkey is chosen to mine with, not when a wallet exists:
      // someone who quit between making the wallet and pressing Start has not finished.
      onboarded: options.devKey !== undefined || settings.get().identity !== null,
    }),
    'doctor.report': () => runDoctor({ probeTimeoutMs: 60_000, dataDir: options.dataDir }),
    'logs.recent': async (args) => ({ lines: log.recent(args.limit) }),
    'diagnostics.text': async () => ({
      text: diagnosticsText(options, node.status(), settings.get(), log.recent(200)),
    }),
  });

  log.info('app', `Tessera ${options.version} (${options.host}) with data in ${options.dataDir}`);
  return {
    call,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    updateSignals(signals) {
      hostSignals = { ...hostSignals, ...signals };
      decide();
    },
    trayState: () => trayState(node.status()),
    settings: () => settings.get(),
    wantsKeepAwake: () => lastKeepAwake,
    async close() {
      clearInterval(policyTimer);
      clearInterval(programsTimer);
      clearInterval(healthTimer);
      telemetry.stop();
      keystore.lock();
      await registrar.close();
      await node.close();
      listeners.clear();
    },
  };
}

function trayState(status: ReturnType<NodeService['status']>): TrayState {
  if (status.state === 'error') return 'error';
  if (status.state === 'stopped') return 'stopped';
  if (status.state === 'paused')
    return status.pauseReasons.some((r) => r.kind === 'idle-wait' || r.kind === 'schedule')
      ? 'idle-waiting'
      : 'paused';
  return 'training';
}

/** What changes once a protocol window at most, and costs the chain and the buckets to read. */
interface MembersAndCheckpoint {
  miners: number;
  validators: number;
  lastWeightsBlock: number | null;
  latestCheckpoint: { window: number } | null;
}

/** One computation per key (a network's window), shared by every caller until the key moves. */
type WindowMemo<T> = (key: string, compute: () => Promise<T>) => Promise<T>;

function windowMemo<T>(): WindowMemo<T> {
  let memo: { key: string; value: Promise<T> } | undefined;
  return (key, compute) => {
    if (memo?.key !== key) {
      const value = compute();
      const entry = { key, value };
      memo = entry;
      // A failed read is not kept: the next caller tries again.
      value.catch(() => {
        if (memo === entry) memo = undefined;
      });
    }
    return memo.value;
  };
}

async function networkHealth(
  node: NodeService,
  kind: NetworkHealth['kind'],
  perWindow: WindowMemo<MembersAndCheckpoint>,
): Promise<NetworkHealth> {
  const status = node.status();
  const chain = node.chain();
  const base: NetworkHealth = {
    kind,
    name: status.network.name,
    connected: false,
    problem: chain
      ? null
      : (status.error?.message ?? 'Not started: press Start to join the network.'),
    block: null,
    blockAt: null,
    blockMs: chain?.params.blockMs ?? null,
    window: null,
    blocksPerWindow: chain?.params.blocksPerWindow ?? null,
    miners: 0,
    validators: 0,
    lastWeightsBlock: null,
    storageLatencyMs: node.metrics.storageLatencyMs(),
    gatherSuccessRate: node.metrics.gatherSuccessRate(),
    latestCheckpoint: null,
    lossTrend: node.metrics.lossTrend(),
  };
  if (!chain) return base;
  try {
    const head = await chain.currentBlock();
    const slow = await perWindow(`${status.network.name} ${head.window}`, async () => {
      const metagraph = await chain.metagraph();
      const validators = metagraph.neurons.filter((n) => n.validatorPermit);
      return {
        miners: metagraph.neurons.length - validators.length,
        validators: validators.length,
        lastWeightsBlock: validators.length
          ? Math.max(...validators.map((v) => v.lastUpdate))
          : null,
        latestCheckpoint: status.window === null ? null : await latestManifest(node, status.window),
      };
    });
    return {
      ...base,
      ...slow,
      connected: true,
      block: head.block,
      blockAt: head.timestamp,
      window: head.window,
    };
  } catch (error) {
    return { ...base, problem: `The network does not answer: ${(error as Error).message}` };
  }
}

async function latestManifest(node: NodeService, window: number) {
  const store = await node.validatorStore();
  if (!store) return null;
  for (let w = window; w >= Math.max(0, window - 3); w--) {
    if (await readManifest(store, w).catch(() => undefined)) return { window: w };
  }
  return null;
}

function diagnosticsText(
  options: CoreOptions,
  status: ReturnType<NodeService['status']>,
  settings: ReturnType<SettingsStore['get']>,
  lines: ReturnType<Log['recent']>,
): string {
  // Identity names and paths are the user's business; the rest helps whoever reads the report.
  const { identity: _identity, ...shareable } = settings;
  return [
    `Tessera ${options.version} (${options.host}) on ${platform()} ${arch()}, Node ${process.versions.node}`,
    `State: ${status.state}${status.error ? ` (${status.error.kind}: ${status.error.message})` : ''}`,
    `Provider: ${status.provider ?? '-'}; model ${status.model ?? '-'}; window ${status.window ?? '-'}; network ${status.network.name}`,
    `Settings: ${JSON.stringify(shareable)}`,
    '',
    ...lines.map((l) => `${new Date(l.at).toISOString()} ${l.level} [${l.source}] ${l.message}`),
  ].join('\n');
}

export type { EarningsSummary };
