import { afterEach, describe, expect, it } from 'vitest';
import type { Coordinator } from '../../electron/devnet/coordinator';
import { DevnetError } from '../../electron/devnet/errors';
import type { Subnet } from '../../electron/devnet/subnet';
import { client, removeDir, startTestCoordinator, tempDir, untilBlock } from './harness';

/** Everything a restart must keep, read synchronously so no block can slip in. */
function snapshot(subnet: Subnet) {
  const neurons = subnet.neurons();
  return {
    head: subnet.head(),
    neurons,
    commitments: subnet.commitments(),
    weights: subnet.weights(),
    balances: neurons.map((n) => ({ hotkey: n.hotkey, ...subnet.balance(n.hotkey) })),
    emissions: neurons.map((n) => subnet.emissions(n.hotkey)),
  };
}

describe('the coordinator after a restart', () => {
  const dirs: string[] = [];
  const running: Coordinator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((c) => c.stop()));
    for (const dir of dirs.splice(0)) removeDir(dir);
  });

  async function start(dir: string, params = {}) {
    const coordinator = await startTestCoordinator(dir, params);
    running.push(coordinator);
    return coordinator;
  }

  it('keeps every registration, commitment, weight and balance, and continues the chain', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await start(dir);
    const [validator, miner] = await Promise.all(['//Alice', '//Bob'].map((u) => client(first, u)));
    await validator!.register({ asValidator: true });
    const { uid } = await miner!.register();
    await miner!.commit({ kind: 'fs', path: '/tmp/bob' });
    await validator!.setWeights([{ uid, weight: 1 }], 3);
    // Three tempo boundaries (every 10 blocks) after the weights, however slow the machine is.
    await untilBlock(validator!, (await validator!.currentBlock()).block + 31);
    await Promise.all([validator!.close(), miner!.close()]);

    const before = snapshot(first.subnet);
    const stopping = first.stop();
    await stopping;
    expect(before.balances.every((b) => b.balance > 0n)).toBe(true);
    expect(before.emissions.every((e) => e.length >= 2)).toBe(true);

    const second = await start(dir);
    expect(second.chainId).toBe(first.chainId);
    expect(snapshot(second.subnet)).toEqual(before);

    const reader = await client(second, undefined);
    const height = await untilBlock(reader, before.head.block + 3);
    expect(height).toBeGreaterThanOrEqual(before.head.block + 3);
    expect(height).toBeLessThan(before.head.block + 1000); // continued, not restarted from 0
    await reader.close();
  });

  it('refuses a second coordinator on the same data directory', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await start(dir);
    const error = await startTestCoordinator(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DevnetError);
    expect(error).toMatchObject({ kind: 'data-dir-in-use' });
  });

  it('refuses to reopen a devnet with different consensus parameters, but not a new block time', async () => {
    const dir = tempDir();
    dirs.push(dir);
    await (await startTestCoordinator(dir)).stop();

    const error = await startTestCoordinator(dir, { blocksPerWindow: 7 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'params-mismatch',
      message: expect.stringContaining('blocksPerWindow 5, not 7'),
    });
    const slower = await start(dir, { blockMs: 200 });
    expect(slower.params).toMatchObject({ blocksPerWindow: 5, blockMs: 200 });
  });
});
