import { describe, expect, it } from 'vitest';
import { splitEmission } from '../../electron/devnet/emission';
import { stakeWeightedMedian, yumaConsensus } from '../../electron/devnet/yuma';

/**
 * The devnet's consensus, pinned by tables. Uids are positions; `stakes[i] > 0` with a weights
 * row makes uid i a validator. Expected values are worked by hand in the comments.
 */
interface Case {
  name: string;
  stakes: number[];
  weights: (number[] | undefined)[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
}

const cases: Case[] = [
  {
    name: 'one validator: consensus is its weights, and it earns all dividends',
    stakes: [100, 0, 0],
    weights: [[0, 0.6, 0.4], undefined, undefined],
    consensus: [0, 0.6, 0.4],
    incentive: [0, 0.6, 0.4],
    dividends: [1, 0, 0],
  },
  {
    // Miners 3, 4, 5. V0 (40) and V1 (35) split between 3 and 4; V2 (25) puts all on its friend 5.
    // Consensus on 5: only 25% of stake gives it anything -> 0. V2's weight is clipped away.
    name: 'honest majority vs an outlier validator: the outlier earns nothing, nor does its friend',
    stakes: [40, 35, 25, 0, 0, 0],
    weights: [
      [0, 0, 0, 0.5, 0.5, 0],
      [0, 0, 0, 0.5, 0.5, 0],
      [0, 0, 0, 0, 0, 1],
      undefined,
      undefined,
      undefined,
    ],
    consensus: [0, 0, 0, 0.5, 0.5, 0],
    incentive: [0, 0, 0, 0.5, 0.5, 0],
    dividends: [40 / 75, 35 / 75, 0, 0, 0, 0],
  },
  {
    name: 'all weight on one miner: it takes the whole miner emission',
    stakes: [10, 30, 0, 0],
    weights: [[0, 0, 1, 0], [0, 0, 1, 0], undefined, undefined],
    consensus: [0, 0, 1, 0],
    incentive: [0, 0, 1, 0],
    dividends: [0.25, 0.75, 0, 0],
  },
  {
    name: 'no validators: nobody earns',
    stakes: [0, 0, 0],
    weights: [undefined, undefined, undefined],
    consensus: [0, 0, 0],
    incentive: [0, 0, 0],
    dividends: [0, 0, 0],
  },
  {
    name: 'a validator that set no weights neither votes nor earns',
    stakes: [1000, 10, 0, 0],
    weights: [undefined, [0, 0, 0.25, 0.75], undefined, undefined],
    consensus: [0, 0, 0.25, 0.75],
    incentive: [0, 0, 0.25, 0.75],
    dividends: [0, 1, 0, 0],
  },
  {
    // Exactly half the stake on each side: neither has more than half, so nothing is agreed.
    name: 'two equal validators in full disagreement: no consensus, nothing paid',
    stakes: [50, 50, 0, 0],
    weights: [[0, 0, 1, 0], [0, 0, 0, 1], undefined, undefined],
    consensus: [0, 0, 0, 0],
    incentive: [0, 0, 0, 0],
    dividends: [0, 0, 0, 0],
  },
  {
    // Consensus follows stake, not headcount: 60% of stake decides.
    name: 'a dishonest majority of stake wins (Yuma protects only an honest majority)',
    stakes: [60, 40, 0, 0],
    weights: [[0, 0, 0, 1], [0, 0, 1, 0], undefined, undefined],
    consensus: [0, 0, 0, 1],
    incentive: [0, 0, 0, 1],
    dividends: [1, 0, 0, 0],
  },
  {
    // Miners 3, 4. On 3: 0.7 has 50 (not > 50), 0.5 has 80 -> 0.5. On 4: 0.8 has 20, 0.5 has 50,
    // 0.3 has 100 -> 0.3. Clipped rows: V0 [.5,.3] V1 [.5,.3] V2 [.2,.3]; trust .8, .8, .5.
    // Rank 3 = .5*.5 + .3*.5 + .2*.2 = .44; rank 4 = .3 -> incentive .44/.74, .30/.74.
    // Dividends by stake x trust: .4, .24, .10 over .74.
    name: 'partial clipping to the stake-weighted median',
    stakes: [50, 30, 20, 0, 0],
    weights: [[0, 0, 0, 0.7, 0.3], [0, 0, 0, 0.5, 0.5], [0, 0, 0, 0.2, 0.8], undefined, undefined],
    consensus: [0, 0, 0, 0.5, 0.3],
    incentive: [0, 0, 0, 0.44 / 0.74, 0.3 / 0.74],
    dividends: [0.4 / 0.74, 0.24 / 0.74, 0.1 / 0.74, 0, 0],
  },
  {
    // On uid 1 (a validator) V0 gives .5 with 70% of stake -> consensus .5; on uid 0 only V1
    // (30%) gives weight -> 0. Clipped: V0 [0,.5,.5] trust 1; V1 [0,0,.5] trust .5.
    // Rank 1 = .7*.5 = .35; rank 2 = .7*.5 + .3*.5 = .5. Dividends .7 and .15 over .85.
    name: 'weights on a validator count like weights on a miner',
    stakes: [70, 30, 0],
    weights: [[0, 0.5, 0.5], [0.5, 0, 0.5], undefined],
    consensus: [0, 0.5, 0.5],
    incentive: [0, 0.35 / 0.85, 0.5 / 0.85],
    dividends: [0.7 / 0.85, 0.15 / 0.85, 0],
  },
  {
    // The outlier (49%) piles onto miner 2, which the majority also weights: its weight is clipped
    // to consensus (.5), so it tilts incentive but cannot take more than consensus allows.
    // Rank 2 = .51*.5 + .49*.5 = .5; rank 3 = .51*.5 = .255.
    name: 'an outlier piling onto a miner the majority also weights is clipped to consensus',
    stakes: [51, 49, 0, 0],
    weights: [[0, 0, 0.5, 0.5], [0, 0, 1, 0], undefined, undefined],
    consensus: [0, 0, 0.5, 0.5],
    incentive: [0, 0, 0.5 / 0.755, 0.255 / 0.755],
    dividends: [0.51 / 0.755, 0.245 / 0.755, 0, 0],
  },
];

describe('yumaConsensus', () => {
  it.each(cases)('$name', ({ stakes, weights, consensus, incentive, dividends }) => {
    const result = yumaConsensus({ stakes, weights });
    expectClose(result.consensus, consensus);
    expectClose(result.incentive, incentive);
    expectClose(result.dividends, dividends);
  });

  it('pays shares that sum to 1, or nothing at all', () => {
    for (const { stakes, weights } of cases) {
      const { incentive, dividends } = yumaConsensus({ stakes, weights });
      const sums = [incentive, dividends].map((v) => v.reduce((a, b) => a + b, 0));
      for (const sum of sums) expect([0, 1].some((x) => Math.abs(sum - x) < 1e-12)).toBe(true);
      expect(Math.abs(sums[0]! - sums[1]!)).toBeLessThan(1e-12); // both paid, or neither
    }
  });

  it('gives nothing to uids only a minority of stake weights, however much it weights them', () => {
    const honest = [0, 0, 0.5, 0.5, 0, 0];
    for (const outlier of [
      [0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0.5, 0.5],
      [0, 0, 0, 0, 0.01, 0.99],
    ]) {
      const { incentive, dividends } = yumaConsensus({
        stakes: [51, 49, 0, 0, 0, 0],
        weights: [honest, outlier, undefined, undefined, undefined, undefined],
      });
      expectClose(incentive, [0, 0, 0.5, 0.5, 0, 0]);
      expectClose(dividends, [1, 0, 0, 0, 0, 0]);
    }
  });
});

describe('stakeWeightedMedian', () => {
  it.each([
    { entries: [[0.9, 1]], median: 0.9 },
    {
      entries: [
        [0.2, 1],
        [0.8, 1],
      ],
      median: 0.2,
    },
    {
      entries: [
        [0.2, 1],
        [0.8, 1.0001],
      ],
      median: 0.8,
    },
    {
      entries: [
        [0.1, 1],
        [0.5, 1],
        [0.9, 1],
      ],
      median: 0.5,
    },
    {
      entries: [
        [0.3, 1],
        [0.3, 1],
        [0.9, 1],
      ],
      median: 0.3,
    },
    {
      entries: [
        [0, 5],
        [0.9, 4],
      ],
      median: 0,
    },
  ])('of $entries is $median', ({ entries, median }) => {
    const list = entries.map(([value, stake]) => ({ value: value!, stake: stake! }));
    const total = list.reduce((a, e) => a + e.stake, 0);
    expect(stakeWeightedMedian(list, total)).toBe(median);
  });
});

describe('splitEmission', () => {
  it('gives half the pool to miners by incentive and half to validators by dividends', () => {
    const paid = splitEmission(1_000n, [0, 0.75, 0.25], [1, 0, 0]);
    expect(paid.incentive).toEqual([0n, 375n, 125n]);
    expect(paid.dividends).toEqual([500n, 0n, 0n]);
  });

  it('rounds every amount down, so it never pays more than the pool', () => {
    const third = 1 / 3;
    const paid = splitEmission(1_000n, [third, third, third], [third, third, third]);
    expect(paid.incentive).toEqual([166n, 166n, 166n]);
    expect([...paid.incentive, ...paid.dividends].reduce((a, b) => a + b)).toBeLessThanOrEqual(
      1_000n,
    );
  });

  it('pays nothing when nobody earned', () => {
    expect(splitEmission(60_000_000_000n, [0, 0], [0, 0])).toEqual({
      incentive: [0n, 0n],
      dividends: [0n, 0n],
    });
  });
});

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, value] of actual.entries()) expect(value).toBeCloseTo(expected[i]!, 12);
}
