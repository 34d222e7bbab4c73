/**
 * Keep trying what the network refuses for now. A coordinator or bucket that is down is a reason
 * to wait, not to stop: the node reports why it is idle, backs off (doubling, with jitter, up to a
 * ceiling) and carries on with its state intact once the service is back.
 */
import { backoffDelay } from '../network/retry';

export interface PersistOptions {
  signal?: AbortSignal;
  /** Called before each wait with why. */
  onWait?: (reason: string) => void;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Failures not worth another try (a write the chain refused): rethrown at once. */
  giveUpOn?: (error: unknown) => boolean;
}

export class Stopped extends Error {
  readonly kind = 'stopped';
  constructor() {
    super('the node was stopped');
    this.name = 'Stopped';
  }
}

/** Runs `call` until it succeeds; a failure is retried after a backoff, until aborted. */
export async function persist<T>(
  what: string,
  call: () => Promise<T>,
  options: PersistOptions = {},
): Promise<T> {
  const policy = {
    attempts: 0,
    baseDelayMs: options.baseDelayMs ?? 250,
    maxDelayMs: options.maxDelayMs ?? 5_000,
  };
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new Stopped();
    try {
      return await call();
    } catch (error) {
      if (error instanceof Stopped || options.giveUpOn?.(error)) throw error;
      options.onWait?.(`${what}: ${(error as Error).message}`);
      await sleep(backoffDelay(policy, attempt), options.signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
