/**
 * The catalogue of misbehaving miners against the real validator and honest miners
 * (hostile-peers/): every misbehaviour is rejected or penalised as docs/PROTOCOL.md says, none of
 * them earns anything, and the honest miners' held-out loss stays within noise of a run without
 * them. Two short devnet runs: about 1 minute each on an idle 2-core machine, 2 to 3 under load.
 */
import { describe, expect, it } from 'vitest';
import { runHostilePeers } from './hostile-peers/index';

describe('hostile peers', () => {
  it('are all caught, earn nothing, and leave the honest miners training as without them', async () => {
    const report = await runHostilePeers();
    console.log(JSON.stringify(report));
    for (const row of report.table) {
      expect(row.detected, `${row.behaviour}: ${row.verdicts.join(' ')}`).toBe(true);
      expect(row.rewardShare, row.behaviour).toBeLessThan(0.001);
    }
    expect(report.honestRewardShare).toBeGreaterThan(0.999);
    expect(
      report.honestLoss.relativeDifference,
      JSON.stringify(report.honestLoss),
    ).toBeLessThanOrEqual(report.honestLoss.tolerance);
  }, 600_000);
});
