import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalletError } from '../../../electron/core/wallet/errors';
import type { Keystore } from '../../../electron/core/wallet/keystore';
import { PasswordThrottle } from '../../../electron/core/wallet/throttle';
import { cheapKeystore, PASSWORD, temporaryFolder } from './helpers';

const policy = { freeAttempts: 2, firstDelayMs: 1_000, maxDelayMs: 8_000 };
const wrong = () => Promise.reject(new WalletError('wrong-password', 'Wrong password.'));

describe('PasswordThrottle', () => {
  it('lets a few wrong passwords through, then makes each next attempt wait twice as long', () => {
    const throttle = new PasswordThrottle(policy);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => throttle.delayAfter(n))).toEqual([
      0, 0, 1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
  });

  it('refuses attempts during the wait, saying how long is left, and forgives after a success', async () => {
    let now = 0;
    const throttle = new PasswordThrottle(policy, () => now);
    const attempt = (run: () => Promise<unknown>) =>
      throttle.attempt('coldkey', 'the coldkey', run);
    for (let i = 0; i < 3; i++)
      await expect(attempt(wrong)).rejects.toMatchObject({ kind: 'wrong-password' });

    await expect(attempt(async () => 'never runs')).rejects.toMatchObject({
      kind: 'throttled',
      retryAfterMs: 1_000,
      message: 'Too many wrong passwords for the coldkey; try again in 1 s.',
    });
    now += 1_000;
    await expect(attempt(wrong)).rejects.toMatchObject({ kind: 'wrong-password' });
    await expect(attempt(wrong)).rejects.toMatchObject({ kind: 'throttled', retryAfterMs: 2_000 });
    now += 2_000;
    await expect(attempt(async () => 'opened')).resolves.toBe('opened');
    await expect(attempt(wrong)).rejects.toMatchObject({ kind: 'wrong-password' });
  });

  it('runs attempts on one key one at a time', async () => {
    const throttle = new PasswordThrottle(policy);
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push(`${name} ends`);
    };
    await Promise.all([
      throttle.attempt('k', 'k', slow('a')),
      throttle.attempt('k', 'k', slow('b')),
    ]);
    expect(order).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
  });
});

describe('the keystore’s throttle', () => {
  let home: Awaited<ReturnType<typeof temporaryFolder>>;
  let now = 0;
  let keystore: Keystore;
  beforeEach(async () => {
    home = await temporaryFolder();
    keystore = await cheapKeystore(home.path, { throttle: policy, now: () => now });
    await keystore.create({ name: 'miner', password: PASSWORD });
  });
  afterEach(() => home.remove());

  it('slows down guessing a coldkey’s password, even with the right one during the wait', async () => {
    const unlock = (password: string) => keystore.unlock({ wallet: 'miner', password });
    for (let i = 0; i < 3; i++)
      await expect(unlock('guess')).rejects.toMatchObject({ kind: 'wrong-password' });
    await expect(unlock(PASSWORD)).rejects.toMatchObject({ kind: 'throttled' });
    now += 1_000;
    await expect(unlock(PASSWORD)).resolves.toMatchObject({ locked: false });
  });
});
