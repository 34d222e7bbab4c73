/**
 * The network end to end: an embedded devnet, the reference validator, an honest miner run as
 * `tessera start --network` in a child process, and two test-side adversaries (lazy: signed random
 * updates; hostile: malformed, oversized, unsigned and other-hotkey payloads). Mid-run the
 * coordinator restarts and the honest miner is killed with SIGKILL and started again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { localBucket } from '../../electron/core/miner/local-bucket';
import { DevnetChain } from '../../electron/core/network/devnet-chain';
import { Validator, type ValidatorEvent } from '../../electron/core/validator/validator';
import { type Coordinator, startCoordinator } from '../../electron/devnet/coordinator';
import { spawnTrainer } from '../../electron/engine/worker/spawn-trainer';
import { devSigner } from '../../electron/protocol/signature';
import { devnetRun } from '../../electron/protocol/windows';
import { removeDir, tempDir } from '../devnet/harness';
import { type Adversary, startAdversary } from './adversaries';

const BIN = fileURLToPath(new URL('../../bin/tessera.mjs', import.meta.url));

/** 250 ms blocks, 20-block windows: 5 s per window, rewards every window. */
const PARAMS = { blockMs: 250, blocksPerWindow: 20, tempo: 20, maxUids: 16, immunityBlocks: 0 };

interface Line {
  source?: string;
  type?: string;
  window?: number;
  loss?: number;
  hash?: string;
  phase?: string;
  [key: string]: unknown;
}

/** `tessera start --network` as a child process, its JSON lines collected. */
function startMinerProcess(url: string, dataDir: string, lines: Line[]): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'start',
      '--network',
      url,
      '--json',
      '--provider',
      'cpu',
      '--threads',
      '1',
      '--dev-key',
      '//test/honest',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        lines.push(JSON.parse(text) as Line);
      } catch {
        // not a JSON line
      }
    }
  });
  child.stderr!.on('data', () => undefined);
  return child;
}

async function until<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const dir = tempDir('tessera-network-');
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
  removeDir(dir);
});

describe('a devnet with a validator, an honest, a lazy and a hostile miner', () => {
  it('pays the honest miner, not the others, through a coordinator restart and a SIGKILL', async () => {
    const devnetDir = join(dir, 'devnet');
    const buckets = join(dir, 'buckets');
    let coordinator: Coordinator = await startCoordinator({
      dataDir: devnetDir,
      params: PARAMS,
      port: 0,
    });
    const port = coordinator.port;
    const url = coordinator.url;
    cleanup.push(() => coordinator.stop());

    const retry = { attempts: 3, baseDelayMs: 100, maxDelayMs: 500 };
    const vSigner = await devSigner('//test/validator');
    const vChain = await DevnetChain.connect(url, { signer: vSigner, retry });
    cleanup.push(() => vChain.close());
    const run = devnetRun(
      { chainId: vChain.chainId, blocksPerWindow: PARAMS.blocksPerWindow },
      { innerSteps: 10 },
    );
    const events: ValidatorEvent[] = [];
    const validator = new Validator({
      chain: vChain,
      signer: vSigner,
      bucket: localBucket(buckets, vSigner.ss58Address),
      run,
      spawnTrainer: () => spawnTrainer(),
      providers: ['cpu'],
      threads: 1,
      allowFolders: true,
      onEvent: (e) => events.push(e),
    });
    await validator.start();
    cleanup.push(() => validator.stop());

    const lines: Line[] = [];
    let miner = startMinerProcess(url, dir, lines);
    cleanup.push(() => {
      miner.kill('SIGKILL');
    });
    const honestHotkey = (await devSigner('//test/honest')).ss58Address;
    // The adversaries join once the honest miner is up, so all three compete from the same window.
    await until('the honest miner ready', () => lines.some((l) => l.type === 'ready'), 60_000);
    const adversaries: Adversary[] = [];
    for (const behaviour of ['lazy', 'hostile'] as const) {
      const signer = await devSigner(`//test/${behaviour}`);
      const chain = await DevnetChain.connect(url, { signer, retry });
      cleanup.push(() => chain.close());
      const adversary = await startAdversary({
        behaviour,
        chain,
        signer,
        other: await devSigner('//test/someone-else'),
        bucketsDir: buckets,
        run,
      });
      adversaries.push(adversary);
      cleanup.push(() => adversary.stop());
    }
    const [lazy, hostile] = adversaries as [Adversary, Adversary];

    const uploaded = () => lines.filter((l) => l.type === 'uploaded');
    await until('the first upload', () => uploaded().length >= 1, 60_000);

    // The coordinator restarts: registrations and balances survive it.
    await until('two uploads', () => uploaded().length >= 2, 30_000);
    const reader = await DevnetChain.connect(url, { retry });
    cleanup.push(() => reader.close());
    const before = await reader.metagraph();
    const balanceBefore = (await reader.balance(honestHotkey)).balance;
    await coordinator.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    coordinator = await startCoordinator({ dataDir: devnetDir, params: PARAMS, port });
    const after = await reader.metagraph();
    expect(after.neurons.map((n) => [n.uid, n.hotkey])).toEqual(
      before.neurons.map((n) => [n.uid, n.hotkey]),
    );
    expect((await reader.balance(honestHotkey)).balance).toBeGreaterThanOrEqual(balanceBefore);

    // SIGKILL in the middle of training a window, then start again with the same key.
    const uploadsBeforeKill = uploaded().length;
    await until(
      'training after the restart',
      () =>
        lines
          .slice(-5)
          .some((l) => l.type === 'step' && (l.window ?? 0) > (uploaded().at(-1)?.window ?? 0)),
      30_000,
    );
    miner.kill('SIGKILL');
    await new Promise((r) => miner.once('exit', r));
    const killedAt = lines.length;
    miner = startMinerProcess(url, dir, lines);
    const uploadsAfterKill = () =>
      lines.slice(killedAt).filter((l) => l.type === 'uploaded').length;
    await until(
      'seven windows uploaded in all',
      () => uploadsBeforeKill + uploadsAfterKill() >= 7 && uploadsAfterKill() >= 2,
      90_000,
    );
    // Caught up: the model it synced to is, bit for bit, the validator's for that window.
    const published = new Map(
      events.filter((e) => e.type === 'published').map((e) => [e.window, e.hash]),
    );
    const synced = lines.slice(killedAt).filter((l) => l.type === 'synced');
    expect(synced.length).toBeGreaterThan(0);
    await until(
      'the validator publishing the synced window',
      () =>
        published.size > 0 &&
        synced.some((s) => events.some((e) => e.type === 'published' && e.window === s.window)),
      20_000,
    );
    for (const s of synced) {
      const hash = events.find((e) => e.type === 'published' && e.window === s.window) as
        | { hash: string }
        | undefined;
      if (hash) expect(s.hash).toBe(hash.hash);
    }
    // Its update after the restart was judged valid.
    const restartedWindows = new Set(
      lines
        .slice(killedAt)
        .filter((l) => l.type === 'uploaded')
        .map((l) => l.window),
    );
    await until(
      'a judged upload after the restart',
      () =>
        events.some(
          (e) =>
            e.type === 'judged' &&
            e.hotkey === honestHotkey &&
            restartedWindows.has(e.window) &&
            e.outcome === 'ok',
        ),
      20_000,
    );

    const windowsUploaded = uploadsBeforeKill + uploadsAfterKill();
    expect(windowsUploaded).toBeGreaterThanOrEqual(6);

    // The honest miner's held-out loss fell; it earned more than the lazy miner; the hostile nothing.
    const heldOut = lines.filter((l) => l.type === 'heldOut').map((l) => l.loss!);
    expect(heldOut.at(-1)!).toBeLessThan(heldOut[0]! - 0.3);
    const balanceOf = async (hotkey: string) => (await reader.balance(hotkey)).balance;
    const honestBalance = await balanceOf(honestHotkey);
    const lazyBalance = await balanceOf(lazy.hotkey);
    const hostileBalance = await balanceOf(hostile.hotkey);
    expect(honestBalance).toBeGreaterThan(lazyBalance);
    expect(hostileBalance).toBe(0n);
    expect(lazy.uploads.length).toBeGreaterThanOrEqual(5);
    expect(new Set(hostile.uploads.map((u) => u.kind)).size).toBe(4);
    const hostileVerdicts = events.filter(
      (e) => e.type === 'judged' && e.hotkey === hostile.hotkey,
    );
    expect(hostileVerdicts.some((e) => e.type === 'judged' && e.outcome === 'ok')).toBe(false);
    expect(
      hostileVerdicts.filter((e) => e.type === 'judged' && e.outcome === 'invalid').length,
    ).toBeGreaterThanOrEqual(3);

    // Every process is still running.
    expect(miner.exitCode).toBeNull();
    expect(await validator.alive()).toBe(true);
    expect((await reader.currentBlock()).block).toBeGreaterThan(0);
    console.log(
      JSON.stringify({
        heldOut: heldOut.map((x) => Number(x.toFixed(3))),
        balances: {
          honest: honestBalance.toString(),
          lazy: lazyBalance.toString(),
          hostile: hostileBalance.toString(),
        },
        windowsUploaded,
        verdicts: events
          .filter((e) => e.type === 'judged' && e.hotkey !== hostile.hotkey)
          .map(
            (e) =>
              e.type === 'judged' &&
              `${e.window}:${e.hotkey === lazy.hotkey ? 'lazy' : 'honest'}:${e.outcome}:${e.gradientScore?.toFixed(4)}:${e.ownImprovement?.toFixed(4)}:${e.finalScore.toExponential(1)}`,
          ),
        weights: events
          .filter((e) => e.type === 'weights')
          .map(
            (e) =>
              e.type === 'weights' &&
              `${e.window}:${e.weights.map((w) => `${w.uid}=${w.weight.toExponential(1)}`).join(',')}`,
          ),
        hostile: hostileVerdicts.map((e) =>
          e.type === 'judged' ? `${e.window}:${e.outcome}:${e.reason?.split(':')[0] ?? ''}` : '',
        ),
      }),
    );
  }, 240_000);
});
