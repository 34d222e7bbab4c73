/**
 * Keeps the node's earnings current: read from the chain when asked and after every reward, and
 * folded into the node status (today, total) the dashboard shows.
 */
import type { EarningsSummary } from '../../contract/earnings';
import type { EarningsUnit, NodeStatus } from '../../contract/node';
import { readEarnings } from './earnings';
import type { NodeService } from './node-service';

export class EarningsFeed {
  /** The last reading, and whose it is: another network's or hotkey's is not shown. */
  private last: { summary: EarningsSummary; of: string } | undefined;

  constructor(
    private readonly node: NodeService,
    private readonly now: () => number,
  ) {}

  async summary(): Promise<EarningsSummary> {
    const status = this.node.status();
    return (
      (await this.refresh()) ??
      this.lastOf(ownerOf(status)) ??
      emptySummary(status.hotkeyAddress, status.earningsUnit)
    );
  }

  /** Reads the chain again; undefined while the node is not connected. */
  async refresh(): Promise<EarningsSummary | undefined> {
    const chain = this.node.chain();
    const status = this.node.status();
    const hotkey = status.hotkeyAddress;
    if (!chain || !hotkey) return undefined;
    const of = ownerOf(status);
    try {
      this.last = { summary: await readEarnings(chain, hotkey, this.now()), of };
    } catch {
      // The chain is briefly unreachable; the last reading stands and the node reports why.
      return this.lastOf(of);
    }
    this.node.setEarnings(this.last.summary);
    return this.last.summary;
  }

  private lastOf(of: string): EarningsSummary | undefined {
    return this.last?.of === of ? this.last.summary : undefined;
  }
}

const ownerOf = (status: NodeStatus): string =>
  JSON.stringify([status.network.name, status.hotkeyAddress]);

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
