/**
 * The chain's clock as a node sees it: the latest head from the block feed, the wall-clock time of
 * each block seen (upload deadlines are judged against it), and a way to wait for a height. When
 * the feed is down (coordinator restarting) waiting simply lasts longer; polling covers a feed
 * that missed blocks.
 */

import { BlockTimes } from '../../protocol/windows';
import type { BlockInfo, Chain } from '../network/chain';

export class ChainClock {
  readonly times: BlockTimes;
  private latest: BlockInfo | undefined;
  private readonly unsubscribe: () => void;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly chain: Chain,
    onError?: (error: Error) => void,
  ) {
    this.times = new BlockTimes(chain.params.blockMs);
    this.unsubscribe = chain.subscribeBlocks((block) => this.see(block), onError);
  }

  get head(): BlockInfo | undefined {
    return this.latest;
  }

  see(block: BlockInfo): void {
    this.times.record(block.block, block.timestamp);
    if (!this.latest || block.block >= this.latest.block) this.latest = block;
    for (const wake of this.waiters) wake();
  }

  /** Asks the chain for its head (when the feed may be behind) and records it. */
  async refresh(): Promise<BlockInfo> {
    const block = await this.chain.currentBlock();
    this.see(block);
    return this.latest!;
  }

  /** Resolves with the head once it reaches `block`, or undefined when `signal` aborts. */
  async until(block: number, signal?: AbortSignal): Promise<BlockInfo | undefined> {
    let polls = 0;
    while (!signal?.aborted) {
      if (this.latest && this.latest.block >= block) return this.latest;
      // Every few waits, ask directly: a dropped feed reconnects on its own, but slowly.
      if (++polls % 10 === 0) await this.refresh().catch(() => undefined);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, this.chain.params.blockMs);
        this.waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
    return undefined;
  }

  close(): void {
    this.unsubscribe();
    for (const wake of this.waiters) wake();
  }
}
