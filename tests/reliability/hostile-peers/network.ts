/**
 * One short devnet run with the real pieces: the coordinator, the reference Validator, honest
 * Miners (each with its trainer process), and optionally hostile miners. Returns what the report
 * needs: the validator's verdicts, each honest miner's held-out loss per window, and what every
 * miner earned on the chain.
 */
import { join } from 'node:path';
import { localBucket } from '../../../electron/core/miner/local-bucket';
import { Miner } from '../../../electron/core/miner/miner';
import type { Chain } from '../../../electron/core/network/chain';
import { DevnetChain } from '../../../electron/core/network/devnet-chain';
import { Validator } from '../../../electron/core/validator/validator';
import { startCoordinator } from '../../../electron/devnet/coordinator';
import type { DevnetParams } from '../../../electron/devnet/params';
import { namedConfig, parameterShapes } from '../../../electron/engine/model/config';
import { spawnTrainer } from '../../../electron/engine/worker/spawn-trainer';
import { modelConfigHash } from '../../../electron/protocol/canonical-json';
import { devSigner } from '../../../electron/protocol/signature';
import { devnetRun, windowStartBlock } from '../../../electron/protocol/windows';
import { type HostileMiner, startHostileMiner } from './hostile-miner';
import type { HostileStrategy, Verdict } from './strategies/strategy';

/**
 * 500 ms blocks, 20-block windows (10 s), rewards every window. With the integration test's
 * 250 ms blocks, when other suites loaded the two cores (load average 15 to 20) the validator
 * judged a window after the miners had gathered it (so they gathered without its peer list), and
 * at 400 ms an honest miner now and then missed a window's deadline, which moves the held-out
 * loss more than the hostiles do.
 */
const PARAMS: Partial<DevnetParams> = {
  blockMs: 500,
  blocksPerWindow: 20,
  tempo: 20,
  maxUids: 32,
  immunityBlocks: 0,
};

/**
 * Small windows of nano, because three trainers share two cores with other work (measured at a
 * load of 15: 100 to 220 tokens/s per trainer): 3 inner steps of 2 x 32 tokens and 2 evaluation
 * pages end well before the deadline. settle = 2 blocks leaves a late upload time to land between
 * the deadline and the gather, so it is judged `late` rather than `missing`.
 */
const RUN = {
  runId: 'hostile-peers',
  innerSteps: 3,
  batch: 2,
  seq: 32,
  evalPages: 2,
  settleBlocks: 2,
};
const HONEST_MINERS = 2;
const HELD_OUT_PAGES = 4;

export interface HonestMinerResult {
  hotkey: string;
  uploads: number[];
  heldOut: { window: number; loss: number }[];
}

export interface NetworkResult {
  honest: HonestMinerResult[];
  hostiles: { behaviour: string; hotkey: string; acted: number[] }[];
  verdicts: Verdict[];
  /** Rao earned by each miner's hotkey between registration and the end of the run. */
  earned: Map<string, bigint>;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Runs until `windows` windows have passed since the first honest upload, each honest miner has
 * evaluated the model they made, and the rewards for the last of them are paid (weights set while
 * judging window w are paid at the start of w + 2, §8.7).
 */
export async function runNetwork(options: {
  dir: string;
  hostiles: readonly HostileStrategy[];
  windows: number;
  timeoutMs: number;
  /** Progress and problems, one line each (the miners' and the validator's own words). */
  log?: (line: string) => void;
}): Promise<NetworkResult> {
  const log = options.log ?? (() => undefined);
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  const buckets = join(options.dir, 'buckets');
  const retry = { attempts: 3, baseDelayMs: 100, maxDelayMs: 500 };
  const connect = async (uri: string | undefined, url: string): Promise<Chain> => {
    const chain = await DevnetChain.connect(url, {
      retry,
      ...(uri ? { signer: await devSigner(uri) } : {}),
    });
    cleanup.push(() => chain.close());
    return chain;
  };
  try {
    const coordinator = await startCoordinator({
      dataDir: join(options.dir, 'devnet'),
      params: PARAMS,
      port: 0,
    });
    cleanup.push(() => coordinator.stop());
    const reader = await connect(undefined, coordinator.url);
    const run = devnetRun({ chainId: 'unused', blocksPerWindow: PARAMS.blocksPerWindow! }, RUN);
    const config = namedConfig(run.model);

    const verdicts: Verdict[] = [];
    const validatorSigner = await devSigner('//hostile-peers/validator');
    const validator = new Validator({
      chain: await connect('//hostile-peers/validator', coordinator.url),
      signer: validatorSigner,
      bucket: localBucket(buckets, validatorSigner.ss58Address),
      run,
      spawnTrainer: () => spawnTrainer(),
      providers: ['cpu'],
      threads: 1,
      allowFolders: true,
      // The starting checkpoint is enough for miners that join at the start; writing 5 MB every
      // window only slows the judging.
      checkpointEvery: 1000,
      onEvent: (e) => {
        if (e.type === 'judged') verdicts.push(e);
        log(`validator ${JSON.stringify(e)}`);
      },
    });
    // The miners start their trainers while the validator starts its own: they wait for its run.
    const validatorStarted = validator.start();
    cleanup.push(() => validator.stop());

    const honest: (HonestMinerResult & { ready: boolean })[] = [];
    for (let i = 0; i < HONEST_MINERS; i++) {
      const uri = `//hostile-peers/honest/${i}`;
      const signer = await devSigner(uri);
      const result = {
        hotkey: signer.ss58Address,
        uploads: [] as number[],
        heldOut: [] as { window: number; loss: number }[],
        ready: false,
      };
      honest.push(result);
      const miner = new Miner({
        chain: await connect(uri, coordinator.url),
        signer,
        bucket: localBucket(buckets, signer.ss58Address),
        spawnTrainer: () => spawnTrainer(),
        providers: ['cpu'],
        threads: 1,
        allowFolders: true,
        heldOutPages: HELD_OUT_PAGES,
        onEvent: (e) => {
          if (e.type !== 'step' && e.type !== 'reward') log(`honest ${i} ${JSON.stringify(e)}`);
          if (e.type === 'ready') result.ready = true;
          else if (e.type === 'uploaded' && e.onTime) result.uploads.push(e.window);
          else if (e.type === 'heldOut') result.heldOut.push({ window: e.window, loss: e.loss });
        },
      });
      void miner.start();
      cleanup.push(() => miner.stop());
    }

    await validatorStarted;
    const other = await devSigner('//hostile-peers/someone-else');
    const honestBuckets = honest.map((h) => ({
      hotkey: h.hotkey,
      store: localBucket(buckets, h.hotkey).store,
    }));
    const hostiles: HostileMiner[] = [];
    for (const [i, strategy] of options.hostiles.entries()) {
      const uri = `//hostile-peers/hostile/${i}`;
      const signer = await devSigner(uri);
      const hostile = await startHostileMiner({
        strategy,
        chain: await connect(uri, coordinator.url),
        bucketsDir: buckets,
        context: {
          run,
          config,
          configHash: modelConfigHash(config),
          layout: parameterShapes(config),
          signer,
          other,
          honest: honestBuckets,
        },
      });
      hostiles.push(hostile);
      cleanup.push(() => hostile.stop());
    }

    await until(
      'the honest miners to start',
      () => honest.every((h) => h.ready),
      options.timeoutMs,
    );
    const miners = [...honest.map((h) => h.hotkey), ...hostiles.map((h) => h.hotkey)];
    const before = new Map<string, bigint>();
    for (const hotkey of miners) before.set(hotkey, (await reader.balance(hotkey)).balance);

    // Training starts with the first honest upload; the run covers `windows` windows from there.
    const start = () => Math.min(...honest.map((h) => h.uploads[0] ?? Number.POSITIVE_INFINITY));
    await until(
      `${options.windows} windows of honest training`,
      () => honest.every((h) => h.heldOut.some((l) => l.window >= start() + options.windows)),
      options.timeoutMs,
    );
    const paidAt = windowStartBlock(start() + options.windows + 1, PARAMS.blocksPerWindow!) + 1;
    await until(
      'the rewards of the last window',
      async () => (await reader.currentBlock()).block >= paidAt,
      options.timeoutMs,
    );

    const earned = new Map<string, bigint>();
    for (const hotkey of miners) {
      earned.set(hotkey, (await reader.balance(hotkey)).balance - before.get(hotkey)!);
    }
    return {
      honest: honest.map(({ ready: _, ...h }) => h),
      hostiles: hostiles.map((h) => ({
        behaviour: h.strategy.behaviour,
        hotkey: h.hotkey,
        acted: [...h.acted].sort((a, b) => a - b),
      })),
      verdicts,
      earned,
    };
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  }
}
