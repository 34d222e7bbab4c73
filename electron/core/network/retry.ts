import { isTransient, NetworkError } from './errors';

/** How often and how patiently to retry a call that failed for a transient reason. */
export interface RetryPolicy {
  /** Total tries, the first included; 1 disables retrying. */
  attempts: number;
  /** Wait before the second try; each later wait doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4_000 };

/**
 * Runs `call` until it succeeds, fails for a reason a retry cannot fix, or runs out of attempts.
 * Waits grow exponentially with jitter so that many miners that lost the same server do not all
 * come back in the same millisecond. The error thrown at the end records how many attempts were
 * made.
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  call: (attempt: number) => Promise<T>,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) throw withAttempts(error, attempt);
      await sleep(backoffDelay(policy, attempt));
    }
  }
}

/** The wait after failed attempt `attempt` (1-based): half fixed, half random. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof NetworkError) || error.attempts === attempts) return error;
  const message =
    attempts > 1
      ? `${error.message.replace(/\.$/, '')} (after ${attempts} attempts).`
      : error.message;
  return new NetworkError(error.kind, message, attempts, { cause: error.cause });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
