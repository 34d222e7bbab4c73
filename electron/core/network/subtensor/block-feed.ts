import type { Header } from '@polkadot/types/interfaces';
import type { BlockInfo, Unsubscribe } from '../chain';
import { NetworkError } from '../errors';
import type { SubtensorConnection } from './connection';
import { toNetworkError } from './rpc-errors';

interface Subscriber {
  onBlock: (block: BlockInfo) => void;
  onError: ((error: Error) => void) | undefined;
}

/**
 * One new-heads subscription shared by every block subscriber, open while any exist. polkadot-js
 * renews it after a reconnection; each drop is reported to subscribers, and a silence of five
 * block times is treated as a drop, since a half-open socket may never report one.
 */
export class SubtensorBlockFeed {
  private readonly subscribers = new Set<Subscriber>();
  private stopHeads: (() => void) | undefined;
  private stopDrops: (() => void) | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private lastBlock = -1;

  constructor(
    private readonly connection: SubtensorConnection,
    private readonly blockInfo: (header: Header) => BlockInfo,
    private readonly blockMs: number,
  ) {}

  subscribe(onBlock: Subscriber['onBlock'], onError: Subscriber['onError']): Unsubscribe {
    const subscriber = { onBlock, onError };
    this.subscribers.add(subscriber);
    if (this.subscribers.size === 1) this.start();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  close(): void {
    this.subscribers.clear();
    this.stop();
  }

  private start(): void {
    const { api, endpoint } = this.connection;
    this.stopDrops = this.connection.onDrop((error) => this.report(error));
    this.armWatchdog();
    api.rpc.chain
      .subscribeNewHeads((header) => {
        this.armWatchdog();
        const block = header.number.toNumber();
        if (block === this.lastBlock) return; // renewed subscriptions repeat the head
        let info: BlockInfo;
        try {
          info = this.blockInfo(header);
        } catch (error) {
          this.report(toNetworkError(error, 'read a new block', endpoint));
          return;
        }
        this.lastBlock = block;
        for (const subscriber of [...this.subscribers]) subscriber.onBlock(info);
      })
      .then(
        (stop) => {
          if (this.subscribers.size === 0) stop();
          else this.stopHeads = stop;
        },
        (error) => this.report(toNetworkError(error, 'subscribe to blocks', endpoint)),
      );
  }

  private stop(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    this.stopHeads?.();
    this.stopHeads = undefined;
    this.stopDrops?.();
    this.stopDrops = undefined;
    this.lastBlock = -1;
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(
      () => {
        this.report(
          new NetworkError(
            'timeout',
            `No new block from ${this.connection.endpoint} in ${(5 * this.blockMs) / 1000} s; reconnecting.`,
          ),
        );
        this.connection.restart();
        this.armWatchdog();
      },
      5 * this.blockMs + 5_000,
    );
  }

  private report(error: NetworkError): void {
    for (const subscriber of [...this.subscribers]) subscriber.onError?.(error);
  }
}
