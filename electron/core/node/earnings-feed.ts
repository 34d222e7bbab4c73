/**
 * Keeps the node's earnings current: read from the chain when asked and after every reward, and
 * folded into the node status (today, total) the dashboard shows.
 */
import type { EarningsSummary } from '../../contract/earnings';
import { readEarnings } from './earnings';
import type { NodeService } from './node-service';

export class EarningsFeed {
  private last: EarningsSummary | undefined;

  constructor(
    private readonly node: NodeService,
    private readonly now: () => number,
  ) {}

  async summary(): Promise<EarningsSummary> {
    return (await this.refresh()) ?? this.last ?? emptySummary(this.node.status().hotkeyAddress);
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
    this.node.setEarnings(BigInt(this.last.today), BigInt(this.last.total));
    return this.last;
  }
}

function emptySummary(hotkey: string | null): EarningsSummary {
  return {
    hotkeyAddress: hotkey,
    alphaPriceTao: null,
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
