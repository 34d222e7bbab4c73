/**
 * The wallet's methods and events, as the UI sees them. Results carry names, addresses and public
 * keys only; the one secret that ever crosses is the recovery phrase of a wallet just created,
 * shown once on the backup screen. Passwords travel inward only, as arguments.
 */
import { z } from 'zod';

const walletName = z.string().min(1).max(100);
const hotkeyName = z.string().min(1).max(100);
/** A password as typed; never trimmed or normalised here, because btcli does not either. */
const password = z.string().min(1).max(1024);
const ss58Address = z.string().min(46).max(48);
/** A 32-byte public key as 0x-prefixed hex (btcli's "accountId"). */
const accountId = z.string().regex(/^0x[0-9a-f]{64}$/);
const overwrite = z.boolean().default(false);

export const keyfileFormatSchema = z.enum(['nacl', 'ansible-vault', 'fernet', 'plain']);

export const hotkeySummarySchema = z.object({
  name: hotkeyName,
  ss58Address: ss58Address.nullable(),
  accountId: accountId.nullable(),
  encrypted: z.boolean(),
});

export const walletSummarySchema = z.object({
  name: walletName,
  /** The wallet's folder, `<root>/<name>`, laid out as btcli lays it out. */
  path: z.string(),
  /** From `coldkeypub.txt`; null when the wallet has none. */
  coldkeyAddress: ss58Address.nullable(),
  coldkeyAccountId: accountId.nullable(),
  /** How the coldkey file is stored; null when there is none (a watch-only wallet). */
  coldkeyFormat: keyfileFormatSchema.nullable(),
  hotkeys: z.array(hotkeySummarySchema),
  unlocked: z.boolean(),
  /** Whether this device keeps the password in the OS keychain, so unlocking needs no typing. */
  unlockRemembered: z.boolean(),
  /** Damage or inconsistencies found while reading the folder, one sentence each. */
  problems: z.array(z.string()),
});

const mnemonicWords = z.union([12, 15, 18, 21, 24].map((n) => z.literal(n)));
const signedBy = z.discriminatedUnion('role', [
  z.object({ role: z.literal('coldkey') }),
  z.object({ role: z.literal('hotkey'), name: hotkeyName }),
]);
const messageEncoding = z.enum(['utf8', 'hex']).default('utf8');
const walletResult = z.object({ wallet: walletSummarySchema });

export const importWalletArgsSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('mnemonic'),
    name: walletName,
    mnemonic: z.string(),
    password,
    overwrite,
  }),
  z.object({ source: z.literal('seed'), name: walletName, seed: z.string(), password, overwrite }),
  /** A secret URI such as `//Alice`, for development networks. */
  z.object({ source: z.literal('uri'), name: walletName, uri: z.string(), password, overwrite }),
  z.object({
    source: z.literal('keyfile'),
    name: walletName,
    path: z.string(),
    /** The password of the new coldkey; also the file's own password unless `keyfilePassword`. */
    password,
    keyfilePassword: password.optional(),
    overwrite,
  }),
  /** A whole btcli wallet folder, copied byte for byte (the coldkey keeps its encryption). */
  z.object({
    source: z.literal('btcliFolder'),
    path: z.string(),
    name: walletName.optional(),
    overwrite,
  }),
]);

export const walletMethods = {
  'wallet.create': {
    args: z.object({
      name: walletName,
      password,
      words: mnemonicWords.default(12),
      /** A hotkey made alongside, unencrypted as btcli makes it. */
      hotkeyName: hotkeyName.default('default'),
    }),
    result: z.object({
      wallet: walletSummarySchema,
      /** The coldkey's recovery phrase: returned this once, for the backup screen, never again. */
      mnemonic: z.string(),
    }),
  },
  'wallet.import': { args: importWalletArgsSchema, result: walletResult },
  'wallet.list': {
    args: z.object({}),
    result: z.object({ wallets: z.array(walletSummarySchema) }),
  },
  'wallet.createHotkey': {
    args: z.object({ wallet: walletName, hotkeyName, overwrite }),
    result: walletResult,
  },
  'wallet.unlock': {
    args: z.object({
      wallet: walletName,
      /** Omitted to use the password this device remembers. */
      password: password.optional(),
      remember: z.boolean().default(false),
    }),
    result: z.object({
      wallet: walletSummarySchema,
      /** The coldkey locks itself after this long without use. */
      autoLockMs: z.number().int().positive(),
    }),
  },
  'wallet.lock': {
    args: z.object({ wallet: walletName.optional() }),
    result: z.object({ locked: z.array(walletName) }),
  },
  'wallet.forgetPassword': { args: z.object({ wallet: walletName }), result: walletResult },
  'wallet.changePassword': {
    args: z.object({ wallet: walletName, oldPassword: password, newPassword: password }),
    result: walletResult,
  },
  'wallet.exportKeyfile': {
    args: z.object({ wallet: walletName, password, destination: z.string(), overwrite }),
    result: z.object({ path: z.string(), ss58Address }),
  },
  'wallet.delete': {
    args: z.object({ wallet: walletName, password }),
    result: z.object({ deleted: walletName }),
  },
  'wallet.signMessage': {
    args: z.object({
      wallet: walletName,
      signedBy,
      message: z.string(),
      encoding: messageEncoding,
    }),
    result: z.object({ ss58Address, signature: z.string().regex(/^0x[0-9a-f]{128}$/) }),
  },
  'wallet.verifyMessage': {
    args: z.object({
      ss58Address,
      message: z.string(),
      encoding: messageEncoding,
      signature: z.string(),
    }),
    result: z.object({ valid: z.boolean() }),
  },
} as const;

export const walletEvents = {
  /** A coldkey was unlocked or locked, by the user or by the inactivity timer. */
  'wallet.status': z.object({
    wallet: walletName,
    unlocked: z.boolean(),
    reason: z.enum(['unlocked', 'locked', 'auto-locked']),
  }),
} as const;

export type WalletSummary = z.infer<typeof walletSummarySchema>;
export type HotkeySummary = z.infer<typeof hotkeySummarySchema>;
/** How a keyfile is stored, told by its first bytes as btwallet tells it. */
export type KeyfileFormat = z.infer<typeof keyfileFormatSchema>;
/** What a caller passes to import (defaults not yet applied). */
export type ImportWalletArgs = z.input<typeof importWalletArgsSchema>;
export type WalletStatusEvent = z.infer<(typeof walletEvents)['wallet.status']>;
