/**
 * Keeps the node's earnings current: read from the chain when asked and after every reward, and
 * folded into the node status (today, total) the dashboard shows.
 */
import type { EarningsSummary } from '../../contract/earnings';
import type { EarningsUnit } from '../../contract/node';
import { readEarnings } from './earnings';
import type { NodeService } from './node-service';

export class EarningsFeed {
  private last: EarningsSummary | undefined;

  constructor(
    private readonly node: NodeService,
    private readonly now: () => number,
  ) {}

  async summary(): Promise<EarningsSummary> {
    const status = this.node.status();
    return (
      (await this.refresh()) ?? this.last ?? emptySummary(status.hotkeyAddress, status.earningsUnit)
    );
  }

  /** Reads the chain again; undefined while the node is not connected. */
  async refresh(): Promise<EarningsSummary | undefined> {
    const chain = this.node.chain();
    const hotkey = this.node.status().hotkeyAddress;
    if (!chain || !hotkey) return undefined;
    try {
      this.last = await readEarnings(chain, hotkey, this.now());
    } catch {
      // The chain is briefly unreachable; the last reading stands and the node reports why.
      return this.last;
    }
    this.node.setEarnings(this.last);
    return this.last;
  }
}

function emptySummary(hotkey: string | null, unit: EarningsUnit): EarningsSummary {
  return {
    hotkeyAddress: hotkey,
    unit,
    alphaPriceTao: null,
    inTao: null,
    total: '0',
    today: '0',
    pending: '0',
    received: '0',
    incentive: null,
    rank: null,
    miners: 0,
    perWindow: [],
    perDay: [],
    estimatedPerDay: null,
  };
}
