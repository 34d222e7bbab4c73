import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockInfo } from '../../electron/core/network/chain';
import type { DevnetChain } from '../../electron/core/network/devnet-chain';
import { NetworkError } from '../../electron/core/network/errors';
import type { Coordinator } from '../../electron/devnet/coordinator';
import { client, removeDir, startTestCoordinator, tempDir, untilBlock } from './harness';

const bucket = (name: string) => ({ kind: 'fs', path: `/tmp/buckets/${name}` });

describe('DevnetChain against a running coordinator', () => {
  let dir: string;
  let coordinator: Coordinator;
  let alice: DevnetChain; // validator
  let bob: DevnetChain; // miner
  let carol: DevnetChain; // miner
  let reader: DevnetChain; // no signer

  beforeAll(async () => {
    dir = tempDir();
    coordinator = await startTestCoordinator(dir);
    [alice, bob, carol, reader] = await Promise.all([
      client(coordinator, '//Alice'),
      client(coordinator, '//Bob'),
      client(coordinator, '//Carol'),
      client(coordinator, undefined),
    ]);
  });
  afterAll(async () => {
    await Promise.all([alice, bob, carol, reader].map((c) => c?.close()));
    await coordinator?.stop();
    removeDir(dir);
  });

  it("reads the devnet's parameters and maps blocks to windows", () => {
    expect(alice.params).toEqual({ netuid: 1, blocksPerWindow: 5, tempo: 10, blockMs: 50 });
    expect([0, 4, 5, 9, 10].map((b) => alice.windowOf(b))).toEqual([0, 0, 1, 1, 2]);
  });

  it('registers miners and a validator; registering again returns the same uid', async () => {
    const v = await alice.register({ asValidator: true });
    const b = await bob.register();
    const c = await carol.register();
    expect(new Set([v.uid, b.uid, c.uid]).size).toBe(3);
    expect(b.hotkey).toBe(bob.hotkey);
    expect((await bob.register()).uid).toBe(b.uid);

    const neurons = (await reader.metagraph()).neurons;
    const byHotkey = new Map(neurons.map((n) => [n.hotkey, n]));
    expect(byHotkey.get(alice.hotkey!)).toMatchObject({
      validatorPermit: true,
      stake: 1_000_000_000_000n,
    });
    expect(byHotkey.get(bob.hotkey!)).toMatchObject({ validatorPermit: false, stake: 0n });
  });

  it('refuses to change a registered hotkey into a validator', async () => {
    await expect(bob.register({ asValidator: true })).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('already registered as a miner'),
    });
  });

  it('publishes commitments and reads everyone’s back', async () => {
    await bob.commit(bucket('bob'));
    await carol.commit(bucket('carol'));
    await bob.commit(bucket('bob-2')); // replaces
    const commitments = await reader.commitments();
    const byHotkey = new Map(commitments.map((c) => [c.hotkey, c.commitment]));
    expect(byHotkey.get(bob.hotkey!)).toEqual(bucket('bob-2'));
    expect(byHotkey.get(carol.hotkey!)).toEqual(bucket('carol'));
    expect(byHotkey.has(alice.hotkey!)).toBe(false);
  });

  it('refuses an oversized commitment before sending it', async () => {
    const error = await bob.commit({ blob: 'x'.repeat(5000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).kind).toBe('invalid');
  });

  it('lets a validator set weights and refuses weights from a miner', async () => {
    const graph = await reader.metagraph();
    const uidOf = (hotkey: string) => graph.neurons.find((n) => n.hotkey === hotkey)!.uid;
    await alice.setWeights(
      [
        { uid: uidOf(bob.hotkey!), weight: 3 },
        { uid: uidOf(carol.hotkey!), weight: 1 },
      ],
      7,
    );
    await expect(
      bob.setWeights([{ uid: uidOf(carol.hotkey!), weight: 1 }], 7),
    ).rejects.toMatchObject({
      kind: 'rejected',
      message: expect.stringContaining('no validator permit'),
    });
    const after = await reader.metagraph();
    const aliceNeuron = after.neurons.find((n) => n.hotkey === alice.hotkey)!;
    expect(aliceNeuron.lastUpdate).toBeGreaterThanOrEqual(aliceNeuron.registeredAt);
  });

  it('pays emissions at the tempo: balances grow as the weights say', async () => {
    const start = await alice.currentBlock();
    const nextTempo = (Math.floor(start.block / 10) + 1) * 10;
    await untilBlock(reader, nextTempo + 10); // two boundaries, so at least one after the weights

    const [a, b, c] = await Promise.all([
      alice.balance(),
      bob.balance(),
      reader.balance(carol.hotkey),
    ]);
    expect(b.balance).toBeGreaterThan(0n);
    expect(c.balance).toBeGreaterThan(0n);
    expect(a.balance).toBeGreaterThan(0n); // dividends
    expect(a.stake).toBe(1_000_000_000_000n);

    const history = await bob.emissionHistory();
    expect(history.length).toBeGreaterThan(0);
    const last = history.at(-1)!;
    expect(last.block % 10).toBe(0);
    // Miner emission per tempo: 10 blocks x 1 TAO, half to miners; Bob has 3/4 of the weight.
    expect(last.incentive).toBe(3_750_000_000n);
    expect(last.dividends).toBe(0n);
    const carolLast = (await carol.emissionHistory()).at(-1)!;
    expect(carolLast.incentive).toBe(1_250_000_000n);
    const aliceLast = (await alice.emissionHistory()).at(-1)!;
    expect(aliceLast.dividends).toBe(5_000_000_000n);
    // The balance is the sum of the history (read in-process, so no epoch falls in between).
    const paid = coordinator.subnet.emissions(bob.hotkey!);
    const sum = paid.reduce((total, e) => total + e.incentive + e.dividends, 0n);
    expect(coordinator.subnet.balance(bob.hotkey!).balance).toBe(sum);

    const graph = await reader.metagraph();
    const bobNeuron = graph.neurons.find((n) => n.hotkey === bob.hotkey)!;
    expect(bobNeuron.incentive).toBeCloseTo(0.75, 12);
    expect(bobNeuron.emission).toBe(3_750_000_000n);
    const since = await bob.emissionHistory(undefined, { sinceBlock: last.block });
    expect(since[0]).toEqual(last);
    expect(since.every((e) => e.block >= last.block)).toBe(true);
  });

  it('pushes every block to subscribers, in order, with its window', async () => {
    const seen: BlockInfo[] = [];
    await new Promise<void>((resolve) => {
      const unsubscribe = reader.subscribeBlocks((block) => {
        seen.push(block);
        if (seen.length === 8) {
          unsubscribe();
          resolve();
        }
      });
    });
    for (let k = 1; k < seen.length; k++) expect(seen[k]!.block).toBe(seen[k - 1]!.block + 1);
    for (const block of seen) expect(block.window).toBe(Math.floor(block.block / 5));
    expect(seen.every((b) => Math.abs(b.timestamp - Date.now()) < 10_000)).toBe(true);
  });

  it('refuses writes from a client without a signer, and balance without a hotkey', async () => {
    await expect(reader.register()).rejects.toMatchObject({ kind: 'invalid' });
    await expect(reader.balance()).rejects.toMatchObject({ kind: 'invalid' });
  });
});

describe('a full subnet', () => {
  it('prunes the lowest-incentive miner past immunity, never a validator', async () => {
    const dir = tempDir();
    const coordinator = await startTestCoordinator(dir, { maxUids: 3, immunityBlocks: 0 });
    const [v, m1, m2, late] = await Promise.all(
      ['//Alice', '//Bob', '//Carol', '//Dave'].map((uri) => client(coordinator, uri)),
    );
    try {
      await v!.register({ asValidator: true });
      const bobUid = (await m1!.register()).uid;
      const carolUid = (await m2!.register()).uid;
      await v!.setWeights([{ uid: bobUid, weight: 1 }], 1); // Carol earns nothing
      await m2!.commit(bucket('carol'));
      await untilBlock(v!, (Math.floor((await v!.currentBlock()).block / 10) + 1) * 10 + 1);

      const registration = await late!.register();
      expect(registration).toMatchObject({ uid: carolUid, pruned: m2!.hotkey });
      const hotkeys = (await v!.metagraph()).neurons.map((n) => n.hotkey).sort();
      expect(hotkeys).toEqual([v!.hotkey, m1!.hotkey, late!.hotkey].sort());
      expect((await v!.commitments()).map((c) => c.hotkey)).not.toContain(m2!.hotkey);
    } finally {
      await Promise.all([v, m1, m2, late].map((c) => c?.close()));
      await coordinator.stop();
      removeDir(dir);
    }
  });

  it('refuses a registration while every miner is still immune', async () => {
    const dir = tempDir();
    const coordinator = await startTestCoordinator(dir, { maxUids: 2, immunityBlocks: 10_000 });
    const [a, b, c] = await Promise.all(
      ['//Alice', '//Bob', '//Carol'].map((u) => client(coordinator, u)),
    );
    try {
      await a!.register();
      await b!.register();
      await expect(c!.register()).rejects.toMatchObject({
        kind: 'rejected',
        message: expect.stringContaining('immune'),
      });
    } finally {
      await Promise.all([a, b, c].map((x) => x?.close()));
      await coordinator.stop();
      removeDir(dir);
    }
  });
});

describe('DevnetChain when the coordinator is down', () => {
  it('reports a lost block feed and resumes it when the coordinator is back', async () => {
    const dir = tempDir();
    let coordinator = await startTestCoordinator(dir);
    const chain = await client(coordinator, undefined);
    const blocks: number[] = [];
    const errors: Error[] = [];
    let resumed: () => void = () => {};
    const unsubscribe = chain.subscribeBlocks(
      (info) => {
        blocks.push(info.block);
        if (errors.length > 0) resumed();
      },
      (error) => errors.push(error),
    );
    await untilBlock(chain, 3);
    await coordinator.stop();
    const stoppedAt = Math.max(...blocks);
    while (errors.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(errors[0]).toMatchObject({ kind: 'unavailable' });

    const back = new Promise<void>((resolve) => {
      resumed = resolve;
    });
    coordinator = await startTestCoordinator(dir, {}, coordinator.port);
    await back;
    await untilBlock(chain, stoppedAt + 2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    unsubscribe();
    const after = blocks.filter((b) => b > stoppedAt);
    expect(after.length).toBeGreaterThan(0);
    for (let k = 1; k < blocks.length; k++) expect(blocks[k]).toBeGreaterThan(blocks[k - 1]!);
    await chain.close();
    await coordinator.stop();
    removeDir(dir);
  });

  it('fails with unavailable after its retries, and says where it looked', async () => {
    const dir = tempDir();
    const coordinator = await startTestCoordinator(dir);
    const chain = await client(coordinator, '//Alice');
    await coordinator.stop();
    const error = await chain.currentBlock().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ kind: 'unavailable', attempts: 2 });
    expect((error as Error).message).toContain(coordinator.url);
    await expect(chain.register()).rejects.toMatchObject({ kind: 'unavailable' });
    await chain.close();
    removeDir(dir);
  });
});
