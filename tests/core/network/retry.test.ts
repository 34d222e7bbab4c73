import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../../electron/core/network/errors';
import { backoffDelay, withRetries } from '../../../electron/core/network/retry';

const POLICY = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

describe('withRetries', () => {
  it('retries transient failures until one succeeds', async () => {
    let calls = 0;
    const result = await withRetries(POLICY, async () => {
      calls++;
      if (calls < 3) throw new NetworkError('unavailable', 'Down.');
      return 'ok';
    });
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('gives up after the last attempt and says how many it made', async () => {
    let calls = 0;
    const error = await withRetries(POLICY, async () => {
      calls++;
      throw new NetworkError('timeout', 'No answer.');
    }).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(error).toMatchObject({
      kind: 'timeout',
      attempts: 4,
      message: 'No answer (after 4 attempts).',
    });
  });

  it.each(['rejected', 'invalid', 'not-found', 'too-large'] as const)(
    'does not retry a %s failure',
    async (kind) => {
      let calls = 0;
      const error = await withRetries(POLICY, async () => {
        calls++;
        throw new NetworkError(kind, 'No.');
      }).catch((e: unknown) => e);
      expect([calls, (error as NetworkError).attempts]).toEqual([1, 1]);
    },
  );

  it('waits longer after each failure, up to the cap', () => {
    const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1000 };
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(1000, 100 * 2 ** (attempt - 1));
      const delay = backoffDelay(policy, attempt);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
    }
  });
});
