/**
 * `tessera start` as a newcomer runs it: no network configured, so it starts the embedded devnet,
 * a validator and one miner on the best provider, trains three windows and reports.
 */
import { describe, expect, it } from 'vitest';
import { runTessera } from '../cli/run-tessera';

describe('tessera start --windows 3 --json', () => {
  it('ends with the held-out loss lower than it started and a reward earned', async () => {
    const started = Date.now();
    const run = await runTessera(
      ['start', '--fresh', '--windows', '3', '--no-ui', '--json'],
      200_000,
    );
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const { summary } = lines.at(-1) as {
      summary: {
        windows: number;
        lossStart: number;
        lossEnd: number;
        earned: string;
        gatherSuccessRate: number | null;
        provider: string;
      };
    };
    expect(summary.windows).toBe(3);
    expect(summary.lossEnd).toBeLessThan(summary.lossStart);
    expect(BigInt(summary.earned)).toBeGreaterThan(0n);
    expect(summary.gatherSuccessRate).toBeGreaterThan(0);
    expect(typeof summary.provider).toBe('string');
    const rewards = lines.filter((l) => l.event === 'node.reward') as {
      payload: { window: number; amount: string };
    }[];
    const firstReward = rewards.find((l) => l.payload.amount !== '0')?.payload;
    console.log(
      JSON.stringify({
        summary,
        seconds: (Date.now() - started) / 1000,
        firstRewardWindow: firstReward?.window,
      }),
    );
  }, 210_000);
});
