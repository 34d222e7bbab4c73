/**
 * The core as a host sees it: contract calls with checked arguments and typed errors, settings
 * that persist and survive a broken file, a wallet made through the contract becoming the miner's
 * identity, and a real node on the embedded devnet that trains, pauses with a reason and resumes.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractCallError, type ContractEvent, contract } from '../../../electron/contract';
import { type CoreHandle, createCore } from '../../../electron/core/app';
import { cheapKdf, PASSWORD, temporaryFolder } from '../wallet/helpers';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function makeCore(options: { dataDir?: string; fallbackDevKey?: string } = {}) {
  let dataDir = options.dataDir;
  if (!dataDir) {
    const folder = await temporaryFolder();
    cleanups.push(folder.remove);
    dataDir = folder.path;
  }
  const core = await createCore({
    dataDir,
    host: 'headless',
    version: '0.0.0-test',
    kdf: cheapKdf,
    telemetryIntervalMs: 0,
    threads: 1,
    policyIntervalMs: 200,
    ...(options.fallbackDevKey ? { fallbackDevKey: options.fallbackDevKey } : {}),
  });
  cleanups.push(() => core.close());
  return { core, dataDir };
}

async function callError(core: CoreHandle, method: string, args: unknown) {
  const error = await core.call(method, args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContractCallError);
  return (error as ContractCallError).error;
}

function nextEvent<E extends ContractEvent['event']>(
  core: CoreHandle,
  name: E,
  accept: (payload: Extract<ContractEvent, { event: E }>['payload']) => boolean = () => true,
) {
  return new Promise<Extract<ContractEvent, { event: E }>['payload']>((resolve) => {
    const stop = core.subscribe((e) => {
      if (e.event === name && accept(e.payload as never)) {
        stop();
        resolve(e.payload as never);
      }
    });
  });
}

describe('the core through the contract', () => {
  it('refuses unknown methods and bad arguments with typed errors, before any handler runs', async () => {
    const { core } = await makeCore();
    expect((await callError(core, 'wallet.steal', {})).kind).toBe('unknown-method');
    const bad = await callError(core, 'settings.update', { patch: { idleMinutes: -3 } });
    expect(bad.kind).toBe('invalid-arguments');
    expect(bad.message).toContain('patch.idleMinutes');
    expect((await callError(core, 'node.pause', { minutes: 'soon' })).kind).toBe(
      'invalid-arguments',
    );
    expect((await callError(core, 'network.metagraph', {})).kind).toBe('not-running');
  });

  it('answers app.info and keeps settings across restarts, with results that match the contract', async () => {
    const { core, dataDir } = await makeCore();
    const info = contract.methods['app.info'].result.parse(await core.call('app.info', {}));
    expect(info).toMatchObject({ host: 'headless', onboarded: false, dataDirectory: dataDir });
    const changed = new Promise((resolve) =>
      core.subscribe((e) => e.event === 'settings.changed' && resolve(e)),
    );
    await core.call('settings.update', { patch: { runMode: 'idle', idleMinutes: 12 } });
    await changed;
    await core.close();
    const again = await makeCore({ dataDir });
    const { settings } = (await again.core.call('settings.get', {})) as {
      settings: { runMode: string; idleMinutes: number };
    };
    expect(settings).toMatchObject({ runMode: 'idle', idleMinutes: 12 });
  });

  it('keeps a broken settings file aside, starts on defaults and says so in the log', async () => {
    const folder = await temporaryFolder();
    cleanups.push(folder.remove);
    await writeFile(join(folder.path, 'settings.json'), '{"runMode": "sometimes"');
    const { core } = await makeCore({ dataDir: folder.path });
    const { settings } = (await core.call('settings.get', {})) as { settings: { runMode: string } };
    expect(settings.runMode).toBe('always');
    const kept = (await readdir(folder.path)).filter((f) => f.startsWith('settings.json.broken-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(folder.path, kept[0]!), 'utf8')).toBe('{"runMode": "sometimes"');
    const { lines } = (await core.call('logs.recent', { limit: 50 })) as {
      lines: { message: string }[];
    };
    expect(lines.some((l) => l.message.includes(kept[0]!))).toBe(true);
  });

  it('will not start without an identity, and says what to do', async () => {
    const { core } = await makeCore();
    const failed = nextEvent(core, 'node.status', (s) => s.state === 'error');
    await core.call('node.start', {});
    const status = await failed;
    expect(status.error?.kind).toBe('no-wallet');
    expect(status.error?.message).toMatch(/wallet/);
  });

  it('makes a wallet through the contract whose hotkey becomes the miner identity', async () => {
    const { core } = await makeCore();
    const created = (await core.call('wallet.create', { name: 'alice', password: PASSWORD })) as {
      wallet: { hotkeys: { name: string; ss58Address: string }[] };
      mnemonic: string;
    };
    expect(created.mnemonic.split(' ')).toHaveLength(12);
    const before = (await core.call('app.info', {})) as { onboarded: boolean };
    expect(before.onboarded).toBe(false);
    await core.call('settings.update', {
      patch: { identity: { wallet: 'alice', hotkeyName: 'default' } },
    });
    const after = (await core.call('app.info', {})) as { onboarded: boolean };
    expect(after.onboarded).toBe(true);
    // A later patch of another field leaves the identity (and everything else) as it was.
    await core.call('settings.update', { patch: { runMode: 'idle' } });
    await core.call('settings.update', { patch: { idleMinutes: 9 } });
    const { settings } = (await core.call('settings.get', {})) as {
      settings: { identity: unknown; runMode: string; idleMinutes: number };
    };
    expect(settings).toMatchObject({
      identity: { wallet: 'alice', hotkeyName: 'default' },
      runMode: 'idle',
      idleMinutes: 9,
    });
    const list = (await core.call('wallet.list', {})) as { wallets: unknown[] };
    expect(JSON.stringify(list)).not.toContain(created.mnemonic.split(' ').slice(0, 2).join(' '));
    expect(created.wallet.hotkeys[0]!.name).toBe('default');
  });

  it('trains on the embedded devnet, pauses with the reason, resumes and stops', async () => {
    const { core } = await makeCore({ fallbackDevKey: '//core-test-miner' });
    const firstLoss = nextEvent(core, 'node.loss');
    const started = contract.methods['node.start'].result.parse(await core.call('node.start', {}));
    expect(started.state).toBe('starting');
    const point = await firstLoss;
    expect(point.loss).toBeGreaterThan(0);

    const paused = contract.methods['node.pause'].result.parse(
      await core.call('node.pause', { minutes: 5 }),
    );
    expect(paused.state).toBe('paused');
    expect(paused.pauseReasons[0]).toMatchObject({ kind: 'user' });
    expect(paused.pauseReasons[0]!.until).toBeGreaterThan(Date.now());
    expect(core.trayState()).toBe('paused');

    const resumed = contract.methods['node.resume'].result.parse(
      await core.call('node.resume', {}),
    );
    expect(resumed.state).toBe('training');
    expect(resumed.pauseReasons).toEqual([]);

    const health = contract.methods['network.health'].result.parse(
      await core.call('network.health', {}),
    );
    expect(health).toMatchObject({ connected: true, validators: 1, kind: 'devnet' });
    expect(health.miners).toBeGreaterThanOrEqual(1);
    const history = (await core.call('node.lossHistory', {})) as { points: unknown[] };
    expect(history.points.length).toBeGreaterThan(0);
    contract.methods['earnings.summary'].result.parse(await core.call('earnings.summary', {}));

    const stopped = (await core.call('node.stop', {})) as { state: string };
    expect(stopped.state).toBe('stopped');
  }, 120_000);
});
