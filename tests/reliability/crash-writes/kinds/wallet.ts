import { join } from 'node:path';
import { WalletError } from '../../../../electron/core/wallet/errors';
import { cheapKeystore } from '../../../core/wallet/helpers';
import type { DurableKind } from './kind';

const WALLET = 'crash';
/** Version v of the coldkey opens with this password and no other. */
const passwordOf = (version: number) => `password number ${version}`;

/** How far back a reader looks for the password that opens the coldkey. */
const LOOK_BACK = 3;

/**
 * A wallet's coldkey, rewritten by the real password change (new keyfile, digests, backup): version
 * v is the coldkey sealed with password v.
 */
export const walletKind: DurableKind = {
  name: 'wallet keyfile',
  target: (dir) => join(dir, 'wallets', WALLET, 'coldkey'),
  async write(dir, version) {
    const keystore = await cheapKeystore(dir);
    if (version === 0) await keystore.create({ name: WALLET, password: passwordOf(0) });
    else
      await keystore.changePassword({
        wallet: WALLET,
        oldPassword: passwordOf(version - 1),
        newPassword: passwordOf(version),
      });
  },
  async read(dir, newest) {
    const keystore = await cheapKeystore(dir);
    for (let v = newest; v >= Math.max(0, newest - LOOK_BACK); v--) {
      try {
        await keystore.unlock({ wallet: WALLET, password: passwordOf(v) });
        keystore.lock();
        return v;
      } catch (error) {
        if (!(error instanceof WalletError) || error.kind !== 'wrong-password') throw error;
      }
    }
    throw new Error(`no password of versions ${newest - LOOK_BACK}..${newest} opens the coldkey`);
  },
};
