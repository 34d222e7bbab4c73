/**
 * What the network-health screen reports about this node: how long its storage requests take,
 * how many peers' updates it manages to gather, and the held-out loss per window.
 */
import type { MinerEvent } from '../miner/status';
import type { ObjectStore } from '../network/object-store';

/** Recent requests and windows considered. */
const KEPT = 50;
const WINDOWS_KEPT = 500;

export class NodeMetrics {
  private readonly latencies: number[] = [];
  private readonly gathers: { peers: number; asked: number }[] = [];
  private readonly heldOut = new Map<number, number>();

  /** The same store, timing every request it serves. */
  timed(store: ObjectStore): ObjectStore {
    const time = <T>(call: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      return call().finally(() => this.push(this.latencies, performance.now() - started));
    };
    return {
      location: store.location,
      put: (key, bytes) => time(() => store.put(key, bytes)),
      get: (key, options) => time(() => store.get(key, options)),
      head: (key) => time(() => store.head(key)),
      list: (prefix) => time(() => store.list(prefix)),
      delete: (key) => time(() => store.delete(key)),
    };
  }

  record(e: MinerEvent): void {
    if (e.type === 'gathered') this.push(this.gathers, { peers: e.peers, asked: e.asked });
    if (e.type === 'heldOut') {
      this.heldOut.set(e.window, e.loss);
      if (this.heldOut.size > WINDOWS_KEPT) this.heldOut.delete(this.heldOut.keys().next().value!);
    }
  }

  /** Median of the recent requests, in ms; null before the first. */
  storageLatencyMs(): number | null {
    if (!this.latencies.length) return null;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  }

  /** Peers' updates gathered over those asked for, in the last windows; null before any. */
  gatherSuccessRate(): number | null {
    const asked = this.gathers.reduce((n, g) => n + g.asked, 0);
    return asked ? this.gathers.reduce((n, g) => n + g.peers, 0) / asked : null;
  }

  lossTrend(): { window: number; loss: number }[] {
    return [...this.heldOut]
      .map(([window, loss]) => ({ window, loss }))
      .sort((a, b) => a.window - b.window);
  }

  private push<T>(list: T[], value: T): void {
    list.push(value);
    if (list.length > KEPT) list.shift();
  }
}
