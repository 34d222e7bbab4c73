import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../electron/contract';
import type { EmissionRecord, Metagraph } from '../../../electron/core/network/chain';
import { SubtensorChain } from '../../../electron/core/network/subtensor/subtensor-chain';
import {
  earningsCsv,
  localDay,
  readEarnings,
  summarizeEarnings,
} from '../../../electron/core/node/earnings';
import { loadRecording, RecordedChainServer } from '../network/subtensor/recorded-chain-server';

const HOUR = 3_600_000;
const NOW = new Date(2026, 10, 28, 18, 0, 0).getTime();
const HEAD = { block: 10_000, window: 1_000, timestamp: NOW };
const ME = '5DkMmXtWf16RNdusZGCrJ7ca7ADPgRnZLVWCWbgA7s7sy1AQ';
const metagraph: Metagraph = {
  netuid: 1,
  block: 10_000,
  neurons: [
    {
      uid: 0,
      hotkey: ME,
      stake: 0n,
      incentive: 0.25,
      dividends: 0,
      emission: 40n,
      validatorPermit: false,
      lastUpdate: 0,
      registeredAt: 0,
    },
    {
      uid: 1,
      hotkey: 'other',
      stake: 0n,
      incentive: 0.75,
      dividends: 0,
      emission: 120n,
      validatorPermit: false,
      lastUpdate: 0,
      registeredAt: 0,
    },
  ],
} as Metagraph;

/** Blocks of 12 s: 300 blocks an hour. */
const recordsAgo = (...hoursAndAmounts: [number, bigint][]): EmissionRecord[] =>
  hoursAndAmounts.map(([hours, incentive]) => ({
    block: HEAD.block - hours * 300,
    incentive,
    dividends: 0n,
  }));

const summary = (records: EmissionRecord[], unit: 'tao' | 'alpha', alphaPrice: bigint | null) =>
  contract.methods['earnings.summary'].result.parse(
    summarizeEarnings({
      hotkey: ME,
      records,
      head: HEAD,
      blockMs: 12_000,
      blocksPerWindow: 10,
      tempo: 100,
      metagraph,
      now: NOW,
      unit,
      alphaPrice,
    }),
  );

describe('earnings from the emission record', () => {
  it('sums today by the local calendar day and ranks the miner by incentive', () => {
    // 17:00 and 02:00 today, 22:00 yesterday
    const s = summary(recordsAgo([20, 5n], [16, 7n], [1, 11n]), 'tao', null);
    expect(s).toMatchObject({ unit: 'tao', today: '18', total: '23', rank: 2, miners: 2 });
    expect(s.perDay).toEqual([
      { day: localDay(NOW - 20 * HOUR), amount: '5' },
      { day: localDay(NOW), amount: '18' },
    ]);
    expect(s.alphaPriceTao).toBeNull();
    expect(s.inTao).toBeNull();
    expect(earningsCsv(s).split('\n')[1]).toMatch(/^\d+,\d+,.*,5,0\.000000005$/);
  });

  it('prices alpha earnings in TAO at the current price', () => {
    // 0.5 TAO per alpha
    const s = summary(recordsAgo([1, 3_000_000_000n], [2, 1_000_000_000n]), 'alpha', 500_000_000n);
    expect(s).toMatchObject({
      unit: 'alpha',
      alphaPriceTao: 0.5,
      today: '4000000000',
      inTao: { today: '2000000000', total: '2000000000' },
    });
  });

  it('keeps alpha earnings without a price when it cannot be read', () => {
    const s = summary(recordsAgo([1, 3n]), 'alpha', null);
    expect(s).toMatchObject({ unit: 'alpha', today: '3', alphaPriceTao: null, inTao: null });
  });

  it('estimates a day from the last epoch when there is no history', () => {
    // 7200 blocks a day, an epoch every 100 blocks: 72 epochs of 40
    expect(summary([], 'alpha', null).estimatedPerDay).toBe('2880');
    expect(summary(recordsAgo([1, 3n]), 'alpha', null).estimatedPerDay).toBeNull();
  });
});

describe('earnings read from Bittensor (recorded chain)', () => {
  let server: RecordedChainServer;
  let chain: SubtensorChain;
  beforeAll(async () => {
    const { recorded, supplied } = loadRecording();
    server = await RecordedChainServer.start([...recorded, ...supplied]);
    chain = await SubtensorChain.connect({
      network: 'test',
      endpoint: server.url,
      netuid: 1,
      retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
    });
  });
  afterAll(async () => {
    await chain?.close();
    await server?.close();
  });

  it('counts a miner in alpha, estimates its day from Emission, and prices it from the pool', async () => {
    const neurons = (await chain.metagraph()).neurons;
    // uid 395 holds all of the subnet's incentive at the recorded block (and a validator permit)
    const miner = neurons.find((n) => n.incentive > 0)!;
    expect(miner.uid).toBe(395);
    const s = contract.methods['earnings.summary'].result.parse(
      await readEarnings(chain, miner.hotkey, NOW),
    );
    expect(s.unit).toBe('alpha');
    // the node kept no past epochs' events: the estimate, 72 epochs of the last one a day
    expect(s.perWindow).toEqual([]);
    expect(s.estimatedPerDay).toBe(String(miner.emission * 72n));
    // no swap quote in the recording: the pool's recorded reserves
    expect(s.alphaPriceTao).toBeCloseTo(0.009531496, 9);
    expect(s.inTao).toEqual({ today: '0', total: '0' });
    expect(s).toMatchObject({ incentive: 1, rank: 1 });
    expect(s.miners).toBe(neurons.filter((n) => !n.validatorPermit).length + 1);
  });
});
