import { ApiPromise, WsProvider } from '@polkadot/api';
import { NetworkError } from '../errors';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from '../retry';
import { SUBTENSOR_SIGNED_EXTENSIONS } from './signed-extensions';

export interface ConnectionOptions {
  endpoint: string;
  /** Waits between reconnection attempts (doubling from `baseDelayMs`, at least 1 s at most). */
  retry?: RetryPolicy;
  /** Give up on the first connection after this long (default 30 s). */
  connectTimeoutMs?: number;
  /** Give up on one request after this long (default 30 s). */
  requestTimeoutMs?: number;
}

/**
 * One WebSocket to a subtensor node with @polkadot/api on it. polkadot-js retries a lost
 * connection at a fixed interval; here the waits grow with each failure (with jitter, so a
 * crowd of miners that lost the same node does not return in one burst), and whoever listens
 * hears about each drop. polkadot-js renews its subscriptions when the socket is back.
 */
export class SubtensorConnection {
  private failures = 0;
  private reconnect: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly listeners = new Set<(error: NetworkError) => void>();

  private constructor(
    readonly endpoint: string,
    readonly api: ApiPromise,
    private readonly provider: WsProvider,
    private readonly retry: RetryPolicy,
  ) {
    provider.on('connected', () => {
      this.failures = 0;
    });
    provider.on('disconnected', () => this.dropped());
    provider.on('error', () => {}); // 'disconnected' follows and handles it
  }

  static async open(options: ConnectionOptions): Promise<SubtensorConnection> {
    const provider = new WsProvider(
      options.endpoint,
      false,
      {},
      options.requestTimeoutMs ?? 30_000,
    );
    const api = new ApiPromise({
      provider,
      signedExtensions: SUBTENSOR_SIGNED_EXTENSIONS,
      noInitWarn: true,
    });
    // ApiPromise.create swallows this promise's rejection; constructing directly must too, since
    // failures arrive here through 'disconnected' and the timeout below.
    api.isReadyOrError.catch(() => {});
    const connection = new SubtensorConnection(
      options.endpoint,
      api,
      provider,
      options.retry ?? DEFAULT_RETRY,
    );
    connection.connectNow();
    const limitMs = options.connectTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new NetworkError(
              'unavailable',
              `Could not connect to subtensor at ${options.endpoint} within ${Math.round(limitMs / 1000)} s.`,
              connection.failures + 1,
            ),
          ),
        limitMs,
      );
    });
    try {
      await Promise.race([api.isReady, timeout]);
      return connection;
    } catch (error) {
      await connection.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  get connected(): boolean {
    return this.provider.isConnected;
  }

  /** Calls `listener` on each lost connection; returns a function that stops it. */
  onDrop(listener: (error: NetworkError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the socket as if the node had gone quiet; the usual reconnection follows. */
  restart(): void {
    if (this.closed || !this.provider.isConnected) return;
    // disconnect() also switches off polkadot-js's own retries, which this class replaces
    this.provider.disconnect().catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnect);
    this.listeners.clear();
    await this.api.disconnect().catch(() => {});
  }

  private connectNow(): void {
    this.reconnect = undefined;
    // connect() reports an unreachable node through 'disconnected', not by throwing
    this.provider.connect().catch(() => this.dropped());
  }

  private dropped(): void {
    if (this.closed || this.reconnect !== undefined) return;
    this.failures++;
    const error = new NetworkError(
      'unavailable',
      `Lost the connection to subtensor at ${this.endpoint}; reconnecting (attempt ${this.failures}).`,
      this.failures,
    );
    for (const listener of [...this.listeners]) listener(error);
    const delay = backoffDelay(
      { ...this.retry, maxDelayMs: Math.max(this.retry.maxDelayMs, 1_000) },
      Math.min(this.failures, 10),
    );
    this.reconnect = setTimeout(() => this.connectNow(), delay);
  }
}
