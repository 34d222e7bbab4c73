import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BTCLI_ARGON2I } from '../../../electron/core/wallet/argon2';
import { Keystore } from '../../../electron/core/wallet/keystore';
import { PASSWORD, temporaryFolder } from './helpers';

/** The one keystore round trip at btcli's real cost: two Argon2i derivations of 512 MiB each. */
describe('a wallet at btcli’s real Argon2i cost', () => {
  let home: Awaited<ReturnType<typeof temporaryFolder>>;
  beforeAll(async () => {
    home = await temporaryFolder();
  });
  afterAll(() => home.remove());

  it('is created, then unlocked with its password into a signer of its address', async () => {
    expect(BTCLI_ARGON2I).toEqual({ iterations: 8, memoryKiB: 524_288 });
    const keystore = await Keystore.open({
      root: join(home.path, 'wallets'),
      rememberDirectory: join(home.path, 'remembered'),
    });
    const { wallet } = await keystore.create({ name: 'real', password: PASSWORD });
    const coldkey = await readFile(join(wallet.path, 'coldkey'));
    expect(coldkey.subarray(0, 5).toString()).toBe('$NACL');

    const signer = await keystore.unlock({ wallet: 'real', password: PASSWORD });
    expect(signer.ss58Address).toBe(wallet.coldkeyAddress);
    const signature = await signer.sign(new Uint8Array([1, 2, 3]));
    expect(keystore.verifyMessage(signer.ss58Address, new Uint8Array([1, 2, 3]), signature)).toBe(
      true,
    );
    keystore.lock();
  }, 120_000);
});
