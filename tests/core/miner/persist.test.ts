import { describe, expect, it } from 'vitest';
import { persist, Stopped } from '../../../electron/core/miner/persist';
import { NetworkError } from '../../../electron/core/network/errors';

describe('waiting out an unavailable service', () => {
  it('retries with backoff, saying why it waits, and returns once the service is back', async () => {
    const reasons: string[] = [];
    let calls = 0;
    const value = await persist(
      'uploading',
      async () => {
        if (++calls < 4) throw new NetworkError('unavailable', 'The bucket could not be reached.');
        return 'stored';
      },
      { baseDelayMs: 5, maxDelayMs: 20, onWait: (r) => reasons.push(r) },
    );
    expect(value).toBe('stored');
    expect(calls).toBe(4);
    expect(reasons).toEqual(Array(3).fill('uploading: The bucket could not be reached.'));
  });

  it('stops waiting when the node is stopped', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 30);
    await expect(
      persist('registering', () => Promise.reject(new Error('coordinator down')), {
        signal: abort.signal,
        baseDelayMs: 10,
        maxDelayMs: 10,
      }),
    ).rejects.toBeInstanceOf(Stopped);
  });
});
