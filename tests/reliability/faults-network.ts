/**
 * A miner's services failing under it, one after another, on a devnet with its buckets on a real
 * S3-protocol server: object storage stopped, the coordinator stopped and restarted, and the
 * miner's machine asleep while the network goes on. After each the miner must recover by itself
 * (upload again, on a model bit-identical to the validator's), its registration and balance must
 * survive, and neither it nor its trainer may exit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MinerEvent } from '../../electron/core/miner/status';
import { DevnetChain } from '../../electron/core/network/devnet-chain';
import { Validator, type ValidatorEvent } from '../../electron/core/validator/validator';
import { type Coordinator, startCoordinator } from '../../electron/devnet/coordinator';
import type { DevnetParams } from '../../electron/devnet/params';
import { spawnTrainer } from '../../electron/engine/worker/spawn-trainer';
import { devSigner } from '../../electron/protocol/signature';
import { devnetRun } from '../../electron/protocol/windows';
import { LocalS3 } from '../core/network/s3rver-harness';
import { ChildLines } from './faults-child';
import { FAST_DEVNET, SMALL_RUN, windowMs } from './faults-core';
import type { MinerLine, MinerProcessOptions } from './faults-miner-process';
import { isAlive, processTree } from './faults-proc';
import { s3Bucket } from './faults-s3';
import { delay, until } from './faults-wait';

export type NetworkFault = 'storage' | 'coordinator' | 'sleep';

export interface NetworkFaultOptions {
  /** How long each fault lasts, in windows of the devnet. */
  outageWindows: number;
  faults?: readonly NetworkFault[];
  devnetParams?: Partial<DevnetParams>;
  log?: (line: string) => void;
}

export interface OutageFigures {
  fault: NetworkFault;
  /** Windows between the last upload before the fault and the first after it, not uploaded. */
  windowsMissed: number;
  /** From the service coming back (or the machine waking) to the miner's next upload. */
  secondsToRecover: number;
  /**
   * The model of that upload's window, or of one of the next two, is bit for bit the
   * validator's for the window (a miner that diverged during the outage catches up by itself).
   */
  agreesWithValidator: boolean;
  /** It was too far behind to gather its way back and loaded the validator's checkpoint. */
  caughtUpFromCheckpoint: boolean;
}

export interface NetworkFaultFigures {
  outages: OutageFigures[];
  /** Every uid and hotkey of the subnet as before the faults. */
  registrationsKept: boolean;
  /** No balance smaller than before the faults (emissions only add). */
  balancesKept: boolean;
  /** The miner process or its trainer ended during the faults (goal 0). */
  processExits: number;
  seconds: number;
}

const STARTUP_MS = 240_000;
const RECOVERY_MS = 180_000;
/** Uploads after the first one back within which the miner's model must agree again. */
const AGREEMENT_UPLOADS = 2;
const MINER_KEY = '//tessera-reliability-s3-miner';

type MinerEventLine = Extract<MinerLine, { type: 'miner' }>;
const minerEvent =
  <T extends MinerEvent['type']>(
    type: T,
    accept: (e: Extract<MinerEvent, { type: T }>) => boolean = () => true,
  ) =>
  (l: MinerLine): l is MinerEventLine & { event: Extract<MinerEvent, { type: T }> } =>
    l.type === 'miner' &&
    l.event.type === type &&
    accept(l.event as Extract<MinerEvent, { type: T }>);

export async function measureNetworkFaults(
  options: NetworkFaultOptions,
): Promise<NetworkFaultFigures> {
  const params = { ...(options.devnetParams ?? FAST_DEVNET), maxUids: 16 };
  const faults = options.faults ?? (['storage', 'coordinator', 'sleep'] as const);
  const log = options.log ?? (() => undefined);
  const outageMs = options.outageWindows * windowMs(params);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-faults-network-'));
  const started = performance.now();
  const cleanup: (() => Promise<unknown> | undefined)[] = [];
  try {
    const devnetDir = join(dir, 'devnet');
    let coordinator: Coordinator = await startCoordinator({ dataDir: devnetDir, params, port: 0 });
    cleanup.push(() => coordinator.stop());
    const storage = [new LocalS3('validator'), new LocalS3('miner')] as const;
    for (const s of storage) {
      await s.start();
      cleanup.push(() => s.dispose());
    }
    const [validatorS3, minerS3] = storage;

    const vSigner = await devSigner('//tessera-reliability-validator');
    const vChain = await DevnetChain.connect(coordinator.url, { signer: vSigner });
    cleanup.push(() => vChain.close());
    const published = new Map<number, string>();
    const validator = new Validator({
      chain: vChain,
      signer: vSigner,
      bucket: s3Bucket({ endpoint: validatorS3.endpoint, bucket: validatorS3.bucket }),
      run: devnetRun(
        { chainId: vChain.chainId, blocksPerWindow: params.blocksPerWindow! },
        SMALL_RUN,
      ),
      spawnTrainer: () => spawnTrainer(),
      providers: ['cpu'],
      threads: 1,
      allowFolders: false,
      onEvent: (e: ValidatorEvent) => {
        if (e.type === 'published') published.set(e.window, e.hash);
      },
    });
    await validator.start();
    cleanup.push(() => validator.stop());

    const minerOptions: MinerProcessOptions = {
      url: coordinator.url,
      key: MINER_KEY,
      bucket: { endpoint: minerS3.endpoint, bucket: minerS3.bucket },
    };
    const miner = new ChildLines<MinerLine>(
      new URL('./faults-miner-process.ts', import.meta.url),
      minerOptions,
    );
    cleanup.push(() => miner.stop(() => processTree(miner.pid).slice(1)));
    const uploaded = minerEvent('uploaded', (e) => e.onTime);
    let { index: from } = await miner.line('the first upload', 0, uploaded, STARTUP_MS);
    ({ index: from } = await miner.line('a second upload', from + 1, uploaded, RECOVERY_MS));
    log('the miner uploads; the faults begin');

    const reader = await DevnetChain.connect(coordinator.url);
    cleanup.push(() => reader.close());
    const snapshot = async () => {
      const metagraph = await reader.metagraph();
      return {
        registrations: metagraph.neurons.map((n) => `${n.uid}:${n.hotkey}`).join(','),
        balances: await Promise.all(metagraph.neurons.map((n) => reader.balance(n.hotkey))),
      };
    };
    const before = await snapshot();
    const trainer = miner.lines.find((l) => l.type === 'trainer')!.pid;

    const outages: OutageFigures[] = [];
    for (const fault of faults) {
      const lastBefore = (miner.lines.findLast(uploaded) as MinerEventLine).event as {
        window: number;
      };
      const tree = processTree(miner.pid);
      if (fault === 'storage') for (const s of storage) await s.stop();
      else if (fault === 'coordinator') await coordinator.stop();
      // A machine asleep: the miner and its trainer stop running; the network goes on.
      else for (const pid of tree) process.kill(pid, 'SIGSTOP');
      await delay(outageMs);
      if (fault === 'storage') for (const s of storage) await s.start();
      else if (fault === 'coordinator')
        coordinator = await startCoordinator({
          dataDir: devnetDir,
          params,
          port: coordinator.port,
        });
      else for (const pid of tree) process.kill(pid, 'SIGCONT');
      const back = performance.now();
      const restoredAt = miner.lines.length;
      const next = await miner.line(
        `an upload after the ${fault} fault`,
        restoredAt,
        uploaded,
        RECOVERY_MS,
      );
      const window = next.line.event.window;
      const secondsToRecover = (performance.now() - back) / 1000;
      // The validator publishes the window's model at about the time the miner starts training it.
      const agrees = async (w: number) => {
        const hash = await until(
          `the validator's model of window ${w}`,
          () => published.get(w),
          RECOVERY_MS,
        );
        return (
          miner.lines.findLast(minerEvent('synced', (e) => e.window === w))?.event.hash === hash
        );
      };
      // A miner that gathered a different set of updates than the validator during the outage
      // notices at its next sync and catches up; on a loaded machine that can take a window.
      let agreed = await agrees(window);
      let at = next.index;
      for (let extra = 0; !agreed && extra < AGREEMENT_UPLOADS; extra++) {
        const later = await miner.line(
          `upload ${extra + 2} after the ${fault} fault`,
          at + 1,
          uploaded,
          RECOVERY_MS,
        );
        at = later.index;
        agreed = await agrees(later.line.event.window);
      }
      outages.push({
        fault,
        windowsMissed: Math.max(0, window - lastBefore.window - 1),
        secondsToRecover,
        agreesWithValidator: agreed,
        caughtUpFromCheckpoint: miner.lines
          .slice(restoredAt)
          .some(minerEvent('synced', (e) => e.via === 'checkpoint')),
      });
      log(`${fault}: recovered in ${secondsToRecover.toFixed(1)} s, uploading window ${window}`);
      from = at;
    }

    const after = await snapshot();
    const trainers = miner.lines.filter((l) => l.type === 'trainer').length;
    return {
      outages,
      registrationsKept: after.registrations === before.registrations,
      balancesKept: before.balances.every(
        (b, i) => (after.balances[i]?.balance ?? -1n) >= b.balance,
      ),
      processExits: (miner.exitedByItself ? 1 : 0) + (isAlive(trainer) ? 0 : 1) + (trainers - 1),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const step of cleanup.reverse()) await step()?.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
