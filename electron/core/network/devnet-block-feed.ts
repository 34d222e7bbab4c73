import WebSocket from 'ws';
import type { BlockInfo, Unsubscribe } from './chain';
import { windowOfBlock } from './chain';
import { pushMessageSchema } from './devnet-api';
import { parseJson } from './devnet-http';
import { NetworkError } from './errors';
import { backoffDelay, type RetryPolicy } from './retry';

interface Subscriber {
  onBlock: (block: BlockInfo) => void;
  onError: ((error: Error) => void) | undefined;
}

/**
 * One WebSocket to the coordinator shared by every block subscriber, open while any exist.
 * Reconnects with backoff when the connection drops, and treats a silence of five block times as
 * a drop, since a half-open connection may never report one.
 */
export class DevnetBlockFeed {
  private readonly subscribers = new Set<Subscriber>();
  private socket: WebSocket | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private failures = 0;
  private lastBlock = -1;

  constructor(
    private readonly url: string,
    private readonly timing: { blockMs: number; blocksPerWindow: number },
    private readonly retry: RetryPolicy,
  ) {}

  subscribe(onBlock: Subscriber['onBlock'], onError: Subscriber['onError']): Unsubscribe {
    const subscriber = { onBlock, onError };
    this.subscribers.add(subscriber);
    if (this.socket === undefined && this.reconnect === undefined) this.open();
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.close();
    };
  }

  close(): void {
    this.subscribers.clear();
    clearTimeout(this.reconnect);
    clearTimeout(this.watchdog);
    this.reconnect = undefined;
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => {}); // terminating a connecting socket reports an error
      socket.terminate();
    }
    this.lastBlock = -1;
  }

  private open(): void {
    this.reconnect = undefined;
    const socket = new WebSocket(this.url, { maxPayload: 64 * 1024, handshakeTimeout: 10_000 });
    this.socket = socket;
    this.armWatchdog();
    socket.on('open', () => {
      this.failures = 0;
    });
    socket.on('message', (data) => {
      this.armWatchdog();
      const message = pushMessageSchema.safeParse(parseJson(data.toString()));
      if (!message.success || message.data.type !== 'block') return;
      const { block, timestamp } = message.data;
      if (block === this.lastBlock) return; // the welcome after a reconnect repeats the last one
      this.lastBlock = block;
      const info = { block, window: windowOfBlock(block, this.timing.blocksPerWindow), timestamp };
      for (const subscriber of [...this.subscribers]) subscriber.onBlock(info);
    });
    socket.on('error', () => {}); // 'close' follows and handles it
    socket.on('close', () => this.dropped(socket));
  }

  private dropped(socket: WebSocket): void {
    if (this.socket !== socket) return; // an old socket, already replaced or closed
    this.socket = undefined;
    clearTimeout(this.watchdog);
    if (this.subscribers.size === 0) return;
    this.failures++;
    const error = new NetworkError(
      'unavailable',
      `Lost the block feed from the devnet at ${this.url}; reconnecting (attempt ${this.failures}).`,
      this.failures,
    );
    for (const subscriber of this.subscribers) subscriber.onError?.(error);
    const delay = backoffDelay(
      { ...this.retry, maxDelayMs: Math.max(this.retry.maxDelayMs, 1_000) },
      Math.min(this.failures, 10),
    );
    this.reconnect = setTimeout(() => this.open(), delay);
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    const socket = this.socket;
    this.watchdog = setTimeout(() => socket?.terminate(), 5 * this.timing.blockMs + 5_000);
  }
}
