import { WalletError } from './errors';

export interface ThrottlePolicy {
  /** Wrong passwords allowed in a row before any waiting. */
  freeAttempts: number;
  /** The wait after the first wrong password beyond the free ones; it doubles with each next. */
  firstDelayMs: number;
  maxDelayMs: number;
}

/** After Ledger Live's key-attempt throttle: a few free tries, then exponential waits. */
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeAttempts: 3,
  firstDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
};

/**
 * Slows down guessing through this process (the UI, the bridge): attempts on one key run one at a
 * time, and after repeated wrong passwords each next attempt must wait longer. It lives in memory;
 * against someone holding the file itself, Argon2i's cost is the protection.
 */
export class PasswordThrottle {
  private readonly failures = new Map<string, { count: number; retryAt: number }>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs one password attempt on `key`; a 'wrong-password' WalletError counts as a failure. */
  attempt<T>(key: string, label: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const result = previous.then(() => this.guarded(key, label, run));
    // The queue only orders attempts; each caller sees its own attempt's outcome.
    const settled = result.then(
      () => {},
      () => {},
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return result;
  }

  /** How long a failure streak of `count` makes the next attempt wait. */
  delayAfter(count: number): number {
    const beyond = count - this.policy.freeAttempts;
    if (beyond <= 0) return 0;
    return Math.min(this.policy.firstDelayMs * 2 ** (beyond - 1), this.policy.maxDelayMs);
  }

  private async guarded<T>(key: string, label: string, run: () => Promise<T>): Promise<T> {
    const streak = this.failures.get(key);
    const wait = streak ? streak.retryAt - this.now() : 0;
    if (wait > 0) {
      throw new WalletError(
        'throttled',
        `Too many wrong passwords for ${label}; try again in ${Math.ceil(wait / 1000)} s.`,
        wait,
      );
    }
    try {
      const result = await run();
      this.failures.delete(key);
      return result;
    } catch (error) {
      if (error instanceof WalletError && error.kind === 'wrong-password') {
        const count = (streak?.count ?? 0) + 1;
        this.failures.set(key, { count, retryAt: this.now() + this.delayAfter(count) });
      }
      throw error;
    }
  }
}
