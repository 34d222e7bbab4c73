import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WalletStatusEvent } from '../../../electron/contract/wallet';
import { DEFAULT_AUTO_LOCK_MS, type Keystore } from '../../../electron/core/wallet/keystore';
import { cheapKeystore, PASSWORD, temporaryFolder } from './helpers';

describe('auto-lock', () => {
  let home: Awaited<ReturnType<typeof temporaryFolder>>;
  let keystore: Keystore;
  beforeEach(async () => {
    home = await temporaryFolder();
    keystore = await cheapKeystore(home.path, { autoLockMs: 60_000 });
    await keystore.create({ name: 'miner', password: PASSWORD });
    // Only timers are faked: the key derivation's worker and the file system run for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await home.remove();
  });

  it('defaults to 15 minutes, as polkadot-js and Talisman do', () => {
    expect(DEFAULT_AUTO_LOCK_MS).toBe(15 * 60_000);
  });

  it('locks a coldkey left unused for the configured time, and says so', async () => {
    const events: WalletStatusEvent[] = [];
    keystore.onStatus((event) => events.push(event));
    const signer = await keystore.unlock({ wallet: 'miner', password: PASSWORD });

    vi.advanceTimersByTime(45_000);
    await signer.sign(new Uint8Array([1])); // use restarts the clock
    vi.advanceTimersByTime(45_000);
    expect(signer.locked).toBe(false);
    vi.advanceTimersByTime(15_000);

    expect(signer.locked).toBe(true);
    await expect(signer.sign(new Uint8Array([1]))).rejects.toMatchObject({ kind: 'locked' });
    expect((await keystore.summary('miner')).unlocked).toBe(false);
    expect(events.at(-1)).toEqual({ wallet: 'miner', unlocked: false, reason: 'auto-locked' });
  });

  it('takes a new inactivity limit for the next unlock', async () => {
    keystore.autoLockMs = 1_000;
    const signer = await keystore.unlock({ wallet: 'miner', password: PASSWORD });
    vi.advanceTimersByTime(1_000);
    expect(signer.locked).toBe(true);
  });
});
