/** A token bucket: `burst` calls at once, refilled at `perSecond`. */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): Admission {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { admitted: true };
    }
    return {
      admitted: false,
      retryAfterMs: Math.ceil(((1 - this.tokens) / this.perSecond) * 1000),
    };
  }
}
