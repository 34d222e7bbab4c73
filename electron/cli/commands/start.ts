import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBridge } from '../../bridge';
import type { ContractEvent } from '../../contract';
import type { EarningsSummary } from '../../contract/earnings';
import type { BucketPublication } from '../../contract/network';
import type { EarningsUnit, NodeStatus } from '../../contract/node';
import type { SettingsPatch } from '../../contract/settings';
import { type CoreHandle, createCore } from '../../core/app';
import type { MinerEvent } from '../../core/miner/status';
import { formatAmount, formatTao } from '../../core/network/chain';
import { dataDirectory } from '../../core/paths';
import { EXECUTION_PROVIDERS } from '../../engine/runtime/execution-providers';
import {
  BITTENSOR_FLAGS,
  BITTENSOR_USAGE,
  type BittensorTarget,
  bittensorTarget,
  isBittensorNetwork,
  s3KeysFromEnvironment,
  strayBittensorFlag,
} from '../bittensor-flags';
import type { Command } from '../command';
import { choiceFlag, integerFlag } from '../flags';
import { CliUsageError, parseFlags } from '../usage-error';
import { appVersion } from '../version';

/** The renderer's production build (`npm run build:ui`), served to a browser with the bridge. */
const UI_BUILD = fileURLToPath(new URL('../../../.vite/renderer/main_window', import.meta.url));

export const start: Command = {
  name: 'start',
  summary: 'Train on the network (the embedded devnet by default) and serve the UI to a browser',
  usage: [
    'Usage: tessera start [--wallet W --hotkey H | --dev-key URI] [--network URL] [--miners N]',
    '                     [--windows N] [--provider P] [--threads N] [--data-dir DIR] [--fresh]',
    '                     [--port N] [--no-ui] [--json]',
    '       tessera start --wallet W [--hotkey H] --network finney|test|local|custom --netuid N',
    '                     --bucket NAME --bucket-endpoint URL [--region R] [--max-fee TAO] [...]',
    '',
    'Starts the core as the desktop app runs it: the embedded devnet (coordinator and validator)',
    "unless --network names another, one miner signing with your wallet's hotkey, and the UI",
    'over an authenticated loopback bridge (open the printed address in a browser). Ctrl-C stops.',
    '',
    '  --wallet     the wallet to mine with (its hotkey signs; the coldkey is never needed)',
    '  --hotkey     the hotkey of that wallet (default: default)',
    '  --dev-key    mine with a development key such as //Alice instead (devnet only; not a wallet)',
    "               With neither, the settings' identity is used, else //tessera-miner-0.",
    '  --network    a devnet coordinator URL elsewhere, e.g. http://127.0.0.1:7345, or a',
    '               Bittensor network (then --wallet and the flags below; the hotkey must be',
    '               registered, with btcli or in the app)',
    '  --miners     miners on the embedded devnet, yours included (default 1)',
    '  --windows    stop after this many trained windows (default: run until Ctrl-C)',
    '  --provider   use only this execution provider (default: the fastest that checks out)',
    '  --threads    CPU threads per trainer (default: the cores shared among trainers)',
    '  --data-dir   where settings, wallets and the network live (default: <tessera data>)',
    '  --fresh      everything in a new temporary folder, removed at exit',
    '  --port       the UI and bridge port on 127.0.0.1 (default: any free port)',
    '  --no-ui      no UI and no bridge',
    "  --json       one JSON object per line (the miner's events, log lines, rewards, problems),",
    '               then a summary',
    '',
    "On Bittensor (docs/OPERATORS.md): the bucket is published in the hotkey's commitment when its",
    'fee, which is printed first, is within --max-fee.',
    ...BITTENSOR_USAGE,
  ].join('\n'),

  async run(argv) {
    const flags = parseFlags(argv, {
      wallet: { type: 'string' },
      hotkey: { type: 'string' },
      'dev-key': { type: 'string' },
      network: { type: 'string' },
      miners: { type: 'string' },
      windows: { type: 'string' },
      provider: { type: 'string' },
      threads: { type: 'string' },
      'data-dir': { type: 'string' },
      fresh: { type: 'boolean', default: false },
      port: { type: 'string' },
      'no-ui': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...BITTENSOR_FLAGS,
    });
    const bittensor = bittensorStart(flags);
    const minerCount = integerFlag('miners', flags.miners, 1, 1, 64);
    const windows =
      flags.windows === undefined ? undefined : integerFlag('windows', flags.windows, 1, 1);
    const provider = choiceFlag('provider', flags.provider, EXECUTION_PROVIDERS);
    const port = integerFlag('port', flags.port, 0, 0, 65_535);
    if (flags.wallet && flags['dev-key'])
      throw new CliUsageError('conflicting-flags', 'Give either --wallet or --dev-key, not both.');
    if (flags.hotkey && !flags.wallet)
      throw new CliUsageError('conflicting-flags', '--hotkey needs --wallet.');
    if (flags.network && minerCount > 1)
      throw new CliUsageError(
        'conflicting-flags',
        '--miners runs extra miners on the embedded devnet only; drop --network.',
      );
    const s3Keys = bittensor ? s3KeysFromEnvironment(process.env) : undefined;
    // The validator's trainer shares the cores on the embedded devnet.
    const trainers = minerCount + (flags.network ? 0 : 1);
    const threads = integerFlag(
      'threads',
      flags.threads,
      Math.max(1, Math.floor(availableParallelism() / trainers)),
      1,
      256,
    );
    const fresh = flags.fresh ? mkdtempSync(join(tmpdir(), 'tessera-start-')) : undefined;
    const dataDir = fresh ?? flags['data-dir'] ?? dataDirectory();
    const json = flags.json;
    const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    const say = (line: string) => process.stdout.write(`${line}\n`);

    const stopped = new AbortController();
    const onSignal = () => stopped.abort();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let core: CoreHandle | undefined;
    let bridge: Awaited<ReturnType<typeof startBridge>> | undefined;
    const progress = new WindowsProgress(windows);
    // Cleared before the summary, which is the last line: what the node says while it shuts
    // down is not printed.
    let printing = true;
    try {
      core = await createCore({
        dataDir,
        host: 'headless',
        version: appVersion(),
        threads,
        extraMiners: minerCount - 1,
        // Rigs and scripts read the miner's own events, whole, one per line.
        ...(json
          ? { onMinerEvent: (e: MinerEvent) => printing && print({ source: 'miner', ...e }) }
          : {}),
        ...(s3Keys ? { storageCredentials: s3Keys } : {}),
        ...(flags['dev-key']
          ? { devKey: flags['dev-key'] }
          : bittensor
            ? {}
            : // Without a wallet chosen, the quick start mines with a development key.
              { fallbackDevKey: '//tessera-miner-0' }),
      });
      const patch: SettingsPatch = {};
      if (flags.wallet)
        patch.identity = { wallet: flags.wallet, hotkeyName: flags.hotkey ?? 'default' };
      if (bittensor) {
        patch.network = {
          kind: 'bittensor',
          network: bittensor.network,
          ...(bittensor.endpoint ? { endpoint: bittensor.endpoint } : {}),
          netuid: bittensor.netuid,
        };
        patch.storage = {
          kind: 's3',
          endpoint: bittensor.bucket.endpoint!,
          bucket: bittensor.bucket.name,
          region: bittensor.bucket.region,
          forcePathStyle: false,
        };
      } else if (flags.network) patch.network = { kind: 'remote-devnet', url: flags.network };
      if (provider) patch.provider = provider;
      if (Object.keys(patch).length) await core.call('settings.update', { patch });
      const c = core;
      c.subscribe((event) => {
        if (!printing) return;
        if (json) printEvent(print, event);
        else if (event.event === 'log.line')
          say(`${event.payload.source}: ${event.payload.message}`);
        if (event.event === 'node.status') progress.observe(event.payload);
      });
      if (!flags['no-ui']) {
        if (!existsSync(UI_BUILD)) await buildUi(json ? (line) => print({ notice: line }) : say);
        bridge = await startBridge({
          service: c,
          port,
          ...(existsSync(UI_BUILD) ? { staticDir: UI_BUILD } : {}),
        });
        if (json) print({ ui: { url: bridge.url } });
        else
          say(
            existsSync(UI_BUILD)
              ? `Open ${bridge.url} in a browser to see Tessera (the address carries this run's access token).`
              : `Bridge at ${bridge.url}; build the UI with 'npm run build:ui' to open it in a browser.`,
          );
      }
      if (bittensor) {
        const ready = await publishBucket(
          c,
          bittensor.maxFeeRao,
          json ? (line) => print({ notice: line }) : say,
        );
        if (!ready) return 1;
      }
      await c.call('node.start', {});
      await Promise.race([
        progress.done,
        new Promise<void>((resolve) => stopped.signal.addEventListener('abort', () => resolve())),
      ]);
      const earnings = (await c.call('earnings.summary', {})) as EarningsSummary;
      const health = (await c.call('network.health', {})) as { gatherSuccessRate: number | null };
      const summary = progress.summary(earnings.total, earnings.unit, health.gatherSuccessRate);
      printing = false;
      if (json) print({ summary });
      else
        say(
          `Stopped after ${summary.windows} windows: held-out loss ${fmt(summary.lossStart)} -> ${fmt(summary.lossEnd)}, ` +
            `earned ${formatAmount(BigInt(summary.earned), summary.unit)}, on ${summary.provider ?? '-'}.`,
        );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      await bridge?.close();
      await core?.close();
      if (fresh) rmSync(fresh, { recursive: true, force: true });
    }
    return 0;
  },
};

/** The Bittensor target of `--network finney|test|local|custom`, else undefined (a devnet). */
function bittensorStart(
  flags: {
    network?: string | undefined;
    'dev-key'?: string | undefined;
    wallet?: string | undefined;
  } & Parameters<typeof bittensorTarget>[1],
): BittensorTarget | undefined {
  if (!flags.network || !isBittensorNetwork(flags.network)) {
    const stray = strayBittensorFlag(flags);
    if (stray)
      throw new CliUsageError('invalid-value', `--${stray} applies only to Bittensor networks`);
    return undefined;
  }
  if (flags['dev-key'] !== undefined)
    throw new CliUsageError(
      'conflicting-flags',
      '--dev-key is for devnets; on Bittensor use --wallet',
    );
  if (flags.wallet === undefined)
    throw new CliUsageError('invalid-value', `--wallet is required on ${flags.network}`);
  const target = bittensorTarget(flags.network, flags);
  // the settings need the bucket's address; AWS has one per region
  if (target.bucket.endpoint === undefined)
    throw new CliUsageError('invalid-value', `--bucket-endpoint is required on ${flags.network}`);
  return target;
}

/**
 * Peers find the miner's bucket in its hotkey's commitment: publishes it when its fee, printed
 * first, is within `maxFeeRao`. False (with the reason said) when the node cannot mine yet.
 */
async function publishBucket(
  core: CoreHandle,
  maxFeeRao: bigint,
  say: (line: string) => void,
): Promise<boolean> {
  const state = (await core.call('network.bucketPublication', {})) as BucketPublication;
  if (!state.registered) {
    say(
      `Your hotkey is not registered on ${state.network}: register it with btcli or in the app, then start again.`,
    );
    return false;
  }
  if (state.published) {
    say(`Bucket ${state.bucket} is published on ${state.network}.`);
    return true;
  }
  const fee = BigInt(state.fee);
  if (fee > maxFeeRao) {
    say(
      `Publishing bucket ${state.bucket} on ${state.network} costs ${formatTao(fee)} TAO, more than --max-fee (${formatTao(maxFeeRao)} TAO); nothing was signed.`,
    );
    return false;
  }
  say(`Publishing bucket ${state.bucket} on ${state.network} (fee ${formatTao(fee)} TAO)…`);
  await core.call('network.publishBucket', { maxCost: maxFeeRao.toString() });
  return true;
}

/**
 * A source checkout has Vite: the first `tessera start` builds the UI (about ten seconds) rather
 * than sending the user to another command. Without Vite it says how to get the UI.
 */
async function buildUi(say: (line: string) => void): Promise<void> {
  try {
    const { build } = await import('vite');
    say('Building the UI for the browser (first run only)…');
    await build({
      configFile: fileURLToPath(new URL('../../../vite.renderer.config.ts', import.meta.url)),
      logLevel: 'silent',
    });
  } catch (error) {
    say(
      `The UI could not be built (${(error as Error).message}); the bridge serves the contract only.`,
    );
  }
}

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));

/** Status snapshots are many per second; JSON output keeps what a log reader wants. */
function printEvent(print: (value: unknown) => void, event: ContractEvent): void {
  if (
    event.event === 'node.status' ||
    event.event === 'node.loss' ||
    event.event === 'telemetry.sample' ||
    event.event === 'network.health'
  )
    return;
  print(event);
}

/**
 * Follows the node toward `--windows N`: after the Nth upload, the next held-out evaluation (on
 * the model with that window's aggregate applied) is the run's final loss.
 */
class WindowsProgress {
  readonly done: Promise<void>;
  private finish: () => void = () => undefined;
  private lossStart: number | null = null;
  private lossEnd: number | null = null;
  private lossAtTarget: number | null | undefined;
  private last: NodeStatus | undefined;
  private finished = false;

  constructor(private readonly windows: number | undefined) {
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  observe(status: NodeStatus): void {
    // The node trains on while the summary is read; the summary is of the windows asked for.
    if (this.finished) return;
    this.last = status;
    if (status.heldOutLoss !== null) this.lossStart ??= status.heldOutLoss;
    if (this.windows === undefined || status.windowsTrained < this.windows) return;
    if (this.lossAtTarget === undefined) this.lossAtTarget = status.heldOutLoss;
    else if (status.heldOutLoss !== this.lossAtTarget) {
      this.lossEnd = status.heldOutLoss;
      this.finished = true;
      this.finish();
    }
  }

  summary(earned: string, unit: EarningsUnit, gatherSuccessRate: number | null) {
    return {
      windows: this.last?.windowsTrained ?? 0,
      lossStart: this.lossStart,
      lossEnd: this.lossEnd ?? this.last?.heldOutLoss ?? null,
      earned,
      /** What `earned` counts, in rao: TAO, or a Bittensor subnet's alpha. */
      unit,
      gatherSuccessRate,
      provider: this.last?.provider ?? null,
      state: this.last?.state ?? 'stopped',
    };
  }
}
