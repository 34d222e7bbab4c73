import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoopback, localBucket } from '../../core/miner/local-bucket';
import { Miner } from '../../core/miner/miner';
import type { MinerEvent } from '../../core/miner/status';
import { formatTao } from '../../core/network/chain';
import { DevnetChain } from '../../core/network/devnet-chain';
import { dataDirectory } from '../../core/paths';
import { Validator, type ValidatorEvent } from '../../core/validator/validator';
import { type Coordinator, STATE_FILE, startCoordinator } from '../../devnet/coordinator';
import type { DevnetParams } from '../../devnet/params';
import {
  EXECUTION_PROVIDERS,
  type ExecutionProviderName,
} from '../../engine/runtime/execution-providers';
import { spawnTrainer } from '../../engine/worker/spawn-trainer';
import { devSigner } from '../../protocol/signature';
import { devnetRun } from '../../protocol/windows';
import type { Command } from '../command';
import { choiceFlag, integerFlag } from '../flags';
import { parseFlags } from '../usage-error';

/**
 * The embedded network `tessera start` runs when none is given: 1 s blocks, 15-block windows and
 * one window per tempo, so rewards follow every window. Measured on a 2-core CPU (nano, 15 inner
 * steps of 4 × 64 tokens): training takes 2-5 s of a window's 15 s, and the first reward arrives
 * at the start of the third window after joining (docs/PROTOCOL.md §8.8).
 */
export const START_DEVNET: Partial<DevnetParams> = {
  blockMs: 1_000,
  blocksPerWindow: 15,
  tempo: 15,
  immunityBlocks: 0,
};

/** Held-out pages evaluated each window for the loss the summary reports. */
const HELD_OUT_PAGES = 16;

export const start: Command = {
  name: 'start',
  summary: 'Train on the network: the embedded devnet with a validator, or join one with --network',
  usage: [
    'Usage: tessera start [--network URL] [--miners N] [--windows N] [--provider P] [--threads N]',
    '                     [--data-dir DIR] [--fresh] [--dev-key URI] [--json]',
    '',
    'With no network, starts the embedded devnet (coordinator, a validator and one miner, each',
    'trainer in its own process) and trains until Ctrl-C. With --network, mines on that devnet.',
    '',
    '  --network   a devnet coordinator URL (miner only), e.g. http://127.0.0.1:7345',
    '  --miners    local miners to run (default 1)',
    '  --windows   stop after this many trained windows (default: run until Ctrl-C)',
    '  --provider  use only this execution provider (default: the fastest that checks out)',
    '  --threads   CPU threads per trainer (default: the cores shared among trainers)',
    '  --data-dir  where the embedded devnet and buckets live (default: <tessera data>/network)',
    '  --fresh     a new network in a temporary folder, removed at exit',
    '  --dev-key   development key of the first miner (default //tessera-miner-0; not a wallet)',
    '  --json      one JSON object per line, then a summary object',
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, {
      network: { type: 'string' },
      miners: { type: 'string' },
      windows: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'data-dir': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      'dev-key': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    const minerCount = integerFlag('miners', flags.miners, 1, 1, 64);
    const windows =
      flags.windows === undefined ? undefined : integerFlag('windows', flags.windows, 1, 1);
    const provider = choiceFlag('provider', flags.provider, EXECUTION_PROVIDERS);
    const trainers = minerCount + (flags.network ? 0 : 1);
    const threads = integerFlag(
      'threads',
      flags.threads,
      Math.max(1, Math.floor(availableParallelism() / trainers)),
      1,
      256,
    );
    const fresh = flags.fresh ? mkdtempSync(join(tmpdir(), 'tessera-start-')) : undefined;
    const dataDir = fresh ?? flags['data-dir'] ?? join(dataDirectory(), 'network');
    const json = flags.json;
    const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    const say = (line: string) => process.stdout.write(`${line}\n`);
    const providers: ExecutionProviderName[] | undefined = provider ? [provider] : undefined;

    let coordinator: Coordinator | undefined;
    let validator: Validator | undefined;
    const miners: Miner[] = [];
    const chains: DevnetChain[] = [];
    const stopped = new AbortController();
    const onSignal = () => stopped.abort();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const summary = {
      windows: 0,
      lossStart: undefined as number | undefined,
      lossEnd: undefined as number | undefined,
      earned: '0',
      peersSeen: 0,
      provider: undefined as string | undefined,
    };
    let lossAfterLast: number | undefined;
    try {
      let url = flags.network;
      if (!url) {
        const isNew = !existsSync(join(dataDir, 'devnet', STATE_FILE));
        coordinator = await startCoordinator({
          dataDir: join(dataDir, 'devnet'),
          port: 0,
          // Consensus parameters are fixed when the data directory is made; reuse what it has.
          params: isNew ? START_DEVNET : { blockMs: START_DEVNET.blockMs! },
        });
        url = coordinator.url;
        if (json) print({ devnet: { url, chainId: coordinator.chainId, dataDir } });
        else say(`Devnet at ${url} (state in ${dataDir})`);
      }
      const connect = async (uri: string) => {
        const chain = await DevnetChain.connect(url!, { signer: await devSigner(uri) });
        chains.push(chain);
        return chain;
      };
      const allowFolders = isLoopback(url);
      const buckets = join(dataDir, 'buckets');

      if (coordinator) {
        const chain = await connect('//tessera-validator');
        const signer = await devSigner('//tessera-validator');
        validator = new Validator({
          chain,
          signer,
          bucket: localBucket(buckets, signer.ss58Address),
          run: devnetRun({ chainId: chain.chainId, blocksPerWindow: chain.params.blocksPerWindow }),
          spawnTrainer: () => spawnTrainer(),
          ...(providers ? { providers } : {}),
          threads,
          allowFolders,
          onEvent: (e) => (json ? print({ source: 'validator', ...e }) : sayValidator(say, e)),
        });
      }
      // The validator's trainer probes providers while the miners start theirs; the miners wait
      // for its run parameters and first checkpoint in their bucket anyway.
      const validatorReady = validator?.start();

      let finished: () => void = () => undefined;
      const done = new Promise<void>((resolve) => {
        finished = resolve;
      });
      for (let i = 0; i < minerCount; i++) {
        const uri = i === 0 && flags['dev-key'] ? flags['dev-key'] : `//tessera-miner-${i}`;
        const signer = await devSigner(uri);
        const chain = await connect(uri);
        const name = `miner-${i}`;
        let trained = 0;
        const miner: Miner = new Miner({
          chain,
          signer,
          bucket: localBucket(buckets, signer.ss58Address),
          spawnTrainer: () => spawnTrainer(),
          ...(providers ? { providers } : {}),
          threads,
          allowFolders,
          heldOutPages: i === 0 ? HELD_OUT_PAGES : 0,
          onEvent: (e: MinerEvent) => {
            if (json) print({ source: name, ...e });
            else sayMiner(say, name, e);
            if (i !== 0) return;
            if (e.type === 'ready') summary.provider = e.provider;
            if (e.type === 'gathered') summary.peersSeen = Math.max(summary.peersSeen, e.peers);
            if (e.type === 'reward') summary.earned = e.earned;
            if (e.type === 'heldOut') {
              summary.lossStart ??= e.loss;
              lossAfterLast = e.loss;
              if (windows !== undefined && trained >= windows) {
                summary.lossEnd = e.loss;
                finished();
              }
            }
            if (e.type === 'uploaded') {
              trained++;
              summary.windows = trained;
            }
          },
        });
        miners.push(miner);
        void miner.start();
      }
      await Promise.race([
        Promise.all([validatorReady, done]),
        new Promise<void>((resolve) => stopped.signal.addEventListener('abort', () => resolve())),
      ]);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await Promise.all(miners.map((m) => m.stop()));
      await validator?.stop();
      for (const chain of chains) await chain.close().catch(() => undefined);
      await coordinator?.stop();
      if (fresh) rmSync(fresh, { recursive: true, force: true });
    }
    summary.lossEnd ??= lossAfterLast;
    if (json) print({ summary });
    else {
      say(
        `Stopped after ${summary.windows} windows: held-out loss ${fmt(summary.lossStart)} -> ${fmt(summary.lossEnd)}, ` +
          `earned ${formatTao(BigInt(summary.earned))} TAO, up to ${summary.peersSeen} peers, on ${summary.provider ?? '-'}.`,
      );
    }
    return 0;
  },
};

const fmt = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(3));

function sayMiner(say: (line: string) => void, name: string, e: MinerEvent): void {
  switch (e.type) {
    case 'ready':
      say(
        `${name} ${e.hotkey} is uid ${e.uid}, training ${e.model} on ${e.provider} (run ${e.runId})`,
      );
      break;
    case 'trained':
      say(
        `${name} window ${e.window}: trained, loss ${e.startLoss.toFixed(3)} -> ${e.finalLoss.toFixed(3)}, ${Math.round(e.tokensPerSec)} tokens/s`,
      );
      break;
    case 'uploaded':
      say(
        `${name} window ${e.window}: uploaded ${(e.bytes / 1024).toFixed(0)} KiB${e.onTime ? '' : ' (late)'}`,
      );
      break;
    case 'gathered':
      say(
        `${name} window ${e.window}: gathered ${e.peers} of ${e.asked} peers (${e.missing} missing, ${e.late} late, ${e.invalid} invalid)`,
      );
      break;
    case 'heldOut':
      say(`${name} window ${e.window}: held-out loss ${e.loss.toFixed(3)}`);
      break;
    case 'reward':
      if (e.earned !== '0')
        say(
          `${name} window ${e.window}: earned ${formatTao(BigInt(e.earned))} TAO so far (incentive ${(e.incentive * 100).toFixed(1)}%)`,
        );
      break;
    case 'synced':
      if (e.via === 'checkpoint')
        say(`${name} caught up from the validator's checkpoint of window ${e.window}`);
      break;
    case 'problem':
      say(`${name} ${e.kind}: ${e.message}`);
      break;
    default:
      break;
  }
}

export function sayValidator(say: (line: string) => void, e: ValidatorEvent): void {
  switch (e.type) {
    case 'ready':
      say(`validator ${e.hotkey} is uid ${e.uid}, leading run ${e.runId} on ${e.provider}`);
      break;
    case 'judged':
      say(
        `validator window ${e.window}: uid ${e.uid} ${e.outcome}` +
          (e.gradientScore !== undefined
            ? ` improvement ${(e.gradientScore * 100).toFixed(3)}%`
            : '') +
          (e.reason ? ` (${e.reason})` : '') +
          ` score ${e.finalScore.toExponential(2)}`,
      );
      break;
    case 'weights':
      say(
        `validator window ${e.window}: weights ${e.weights.map((w) => `uid ${w.uid}=${w.weight.toExponential(2)}`).join(', ')}`,
      );
      break;
    case 'problem':
      if (e.kind !== 'waiting') say(`validator ${e.kind}: ${e.message}`);
      break;
    default:
      break;
  }
}
