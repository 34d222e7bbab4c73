/**
 * The miner's services failing under it for one window each (two in `npm run reliability`):
 * object storage on a real S3-protocol server, the coordinator, and the miner's own machine
 * asleep while the network goes on. Each time it recovers by itself onto the validator's model,
 * and nothing is lost or exits.
 */
import { describe, expect, it } from 'vitest';
import { measureNetworkFaults } from './faults-network';

describe('network faults under a miner', () => {
  it('recovers from storage, coordinator and sleep outages with nothing lost', async () => {
    const figures = await measureNetworkFaults({ outageWindows: 1 });
    expect(figures.outages.map((o) => [o.fault, o.agreesWithValidator])).toEqual([
      ['storage', true],
      ['coordinator', true],
      ['sleep', true],
    ]);
    expect(figures.registrationsKept).toBe(true);
    expect(figures.balancesKept).toBe(true);
    expect(figures.processExits).toBe(0);
  }, 600_000);
});
