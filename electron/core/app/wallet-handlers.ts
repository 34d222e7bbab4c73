/** The contract's wallet methods, served by the keystore. */

import type { Keystore } from '../wallet/keystore';
import type { MnemonicWordCount } from '../wallet/mnemonic';
import type { MethodHandlers } from './dispatch';

type WalletHandlers = Pick<MethodHandlers, Extract<keyof MethodHandlers, `wallet.${string}`>>;

export function walletHandlers(keystore: Keystore): WalletHandlers {
  const bytes = (message: string, encoding: 'utf8' | 'hex') =>
    encoding === 'hex'
      ? Buffer.from(message.replace(/^0x/, ''), 'hex')
      : Buffer.from(message, 'utf8');
  return {
    'wallet.create': (args) => keystore.create({ ...args, words: args.words as MnemonicWordCount }),
    'wallet.import': async (args) => ({ wallet: await keystore.import(args) }),
    'wallet.list': async () => ({ wallets: await keystore.list() }),
    'wallet.createHotkey': async (args) => ({ wallet: await keystore.createHotkey(args) }),
    'wallet.unlock': async (args) => {
      await keystore.unlock({
        wallet: args.wallet,
        remember: args.remember,
        ...(args.password !== undefined ? { password: args.password } : {}),
      });
      return { wallet: await keystore.summary(args.wallet), autoLockMs: keystore.autoLockMs };
    },
    'wallet.lock': async (args) => ({ locked: keystore.lock(args.wallet) }),
    'wallet.forgetPassword': async (args) => ({
      wallet: await keystore.forgetPassword(args.wallet),
    }),
    'wallet.changePassword': async (args) => ({ wallet: await keystore.changePassword(args) }),
    'wallet.exportKeyfile': (args) => keystore.exportKeyfile(args),
    'wallet.delete': async (args) => {
      await keystore.delete(args);
      return { deleted: args.wallet };
    },
    'wallet.signMessage': async (args) => {
      const signed = await keystore.signMessage({
        wallet: args.wallet,
        signedBy: args.signedBy,
        message: bytes(args.message, args.encoding),
      });
      return {
        ss58Address: signed.ss58Address,
        signature: `0x${Buffer.from(signed.signature).toString('hex')}`,
      };
    },
    'wallet.verifyMessage': async (args) => ({
      valid: keystore.verifyMessage(
        args.ss58Address,
        bytes(args.message, args.encoding),
        Buffer.from(args.signature.replace(/^0x/, ''), 'hex'),
      ),
    }),
  };
}
