import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../electron/bridge/rate-limit';

function bucketAt(burst: number, perSecond: number) {
  const clock = { now: 0 };
  return { bucket: new TokenBucket(burst, perSecond, () => clock.now), clock };
}

describe('the token bucket', () => {
  it('admits a full burst at once, then refuses with the time until the next token', () => {
    const { bucket } = bucketAt(3, 10);
    for (let i = 0; i < 3; i++) expect(bucket.take()).toEqual({ admitted: true });
    expect(bucket.take()).toEqual({ admitted: false, retryAfterMs: 100 });
  });

  it('refills at its rate, and a refused call costs nothing', () => {
    const { bucket, clock } = bucketAt(2, 10);
    bucket.take();
    bucket.take();
    clock.now = 50;
    expect(bucket.take()).toEqual({ admitted: false, retryAfterMs: 50 });
    expect(bucket.take()).toEqual({ admitted: false, retryAfterMs: 50 });
    clock.now = 100;
    expect(bucket.take()).toEqual({ admitted: true });
    expect(bucket.take()).toMatchObject({ admitted: false });
  });

  it('never holds more than its burst, however long it waited', () => {
    const { bucket, clock } = bucketAt(2, 10);
    clock.now = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()].map((a) => a.admitted)).toEqual([
      true,
      true,
      false,
    ]);
  });
});
