import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PasswordVault } from '../../../electron/core/wallet/password-vault';
import {
  cheapKeystore,
  PASSWORD,
  SafeStorageDouble,
  snapshotTree,
  temporaryFolder,
} from './helpers';

describe('remember password on this device', () => {
  let home: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeEach(async () => {
    home = await temporaryFolder();
  });
  afterEach(() => home.remove());

  async function keystoreWith(vault: PasswordVault | undefined) {
    const keystore = await cheapKeystore(home.path, { passwordVault: vault });
    if ((await keystore.list()).length === 0) {
      await keystore.create({ name: 'miner', password: PASSWORD });
    }
    return keystore;
  }

  it('keeps the password encrypted by the OS keychain, and unlocks with it', async () => {
    const keystore = await keystoreWith(new SafeStorageDouble('gnome_libsecret'));
    await keystore.unlock({ wallet: 'miner', password: PASSWORD, remember: true });
    keystore.lock();
    expect((await keystore.summary('miner')).unlockRemembered).toBe(true);
    const stored = Object.keys(await snapshotTree(home.path)).filter((f) =>
      f.startsWith('remembered/'),
    );
    expect(stored).toHaveLength(1);

    const signer = await keystore.unlock({ wallet: 'miner' });
    expect(signer.locked).toBe(false);

    await keystore.forgetPassword('miner');
    keystore.lock();
    await expect(keystore.unlock({ wallet: 'miner' })).rejects.toMatchObject({
      kind: 'password-required',
    });
  });

  it.each([
    [
      'Linux’s plain-text backend',
      new SafeStorageDouble('basic_text'),
      /would be stored as plain text/,
    ],
    ['no working keychain', new SafeStorageDouble('keychain', false), /keychain is not available/],
    ['a host without a keychain', undefined, /no access to a system keychain/],
  ])(
    'refuses with %s, saying why, before unlocking or writing anything',
    async (_name, vault, message) => {
      const keystore = await keystoreWith(vault);
      const before = await snapshotTree(home.path);
      await expect(
        keystore.unlock({ wallet: 'miner', password: PASSWORD, remember: true }),
      ).rejects.toMatchObject({ kind: 'insecure-storage', message });
      expect(await snapshotTree(home.path)).toEqual(before);
      expect((await keystore.summary('miner')).unlocked).toBe(false);
    },
  );

  it('remembers the new password after a password change', async () => {
    const keystore = await keystoreWith(new SafeStorageDouble('kwallet5'));
    await keystore.unlock({ wallet: 'miner', password: PASSWORD, remember: true });
    await keystore.changePassword({
      wallet: 'miner',
      oldPassword: PASSWORD,
      newPassword: 'brand new pass',
    });
    keystore.lock();
    await expect(keystore.unlock({ wallet: 'miner' })).resolves.toMatchObject({ locked: false });
  });
});
