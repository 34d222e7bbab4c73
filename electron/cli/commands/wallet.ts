import { readFile } from 'node:fs/promises';
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import type { WalletSummary } from '../../contract/wallet';
import {
  argon2iKdf,
  btcliWalletRoot,
  cryptoReady,
  defaultWalletRoot,
  detectKeyfileFormat,
  hasSecret,
  Keystore,
  keypairFromKeyfile,
  MNEMONIC_WORD_COUNTS,
  type MnemonicWordCount,
  openKeyfile,
  publicKeyOfKeyfile,
  ss58Address,
  verifyMessage,
  WalletError,
} from '../../core/wallet';
import type { Command } from '../command';
import { choiceFlag } from '../flags';
import { secretInput } from '../secret-input';
import { formatTable } from '../table';
import { CliUsageError, parseFlags } from '../usage-error';

const ROOT_FLAGS = {
  'wallet-path': { type: 'string' },
  btcli: { type: 'boolean', default: false },
} as const;
const COMMON = {
  json: { type: 'boolean', default: false },
  'password-stdin': { type: 'boolean', default: false },
} as const;
const MESSAGE_FLAGS = {
  message: { type: 'string' },
  'message-hex': { type: 'string' },
} as const;

/** A wallet subcommand, given its one leading argument (a name or path) and its flags. */
type Subcommand = (argument: string | undefined, flags: string[]) => Promise<number>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  async create(name, args) {
    const flags = parseFlags(args, {
      ...COMMON,
      ...ROOT_FLAGS,
      words: { type: 'string' },
      hotkey: { type: 'string' },
    });
    const words = choiceFlag('words', flags.words, MNEMONIC_WORD_COUNTS.map(String));
    const walletName = required(name, 'wallet name');
    const secrets = secretInput(flags['password-stdin']);
    const password = await secrets.read('Password for the new coldkey', { confirm: true });
    const keystore = await openKeystore(flags);
    const { wallet, mnemonic } = await keystore.create({
      name: walletName,
      password,
      words: words === undefined ? 12 : (Number(words) as MnemonicWordCount),
      hotkeyName: flags.hotkey ?? 'default',
    });
    if (flags.json) return print({ wallet, mnemonic });
    process.stdout.write(
      `${describeWallet(wallet)}\n\nRecovery phrase of the coldkey. Write it down and keep it offline;\n` +
        `it is the only way to restore this wallet, and it is shown only this once:\n\n  ${mnemonic}\n`,
    );
    return 0;
  },

  async import(name, args) {
    const flags = parseFlags(args, {
      ...COMMON,
      ...ROOT_FLAGS,
      mnemonic: { type: 'boolean', default: false },
      seed: { type: 'boolean', default: false },
      keyfile: { type: 'string' },
      'btcli-folder': { type: 'string' },
      overwrite: { type: 'boolean', default: false },
    });
    const sources = [flags.mnemonic, flags.seed, flags.keyfile, flags['btcli-folder']];
    if (sources.filter((s) => s !== undefined && s !== false).length !== 1) {
      throw new CliUsageError(
        'invalid-value',
        'say what to import with exactly one of --mnemonic, --seed, --keyfile FILE or --btcli-folder DIR',
      );
    }
    const overwrite = flags.overwrite;
    if (flags['btcli-folder'] !== undefined) {
      const keystore = await openKeystore(flags);
      const path = flags['btcli-folder'];
      const wallet = await keystore.import({ source: 'btcliFolder', path, name, overwrite });
      return flags.json ? print({ wallet }) : say(`Imported ${describeWallet(wallet)}`);
    }
    const walletName = required(name, 'wallet name');
    const secrets = secretInput(flags['password-stdin']);
    let wallet: WalletSummary;
    if (flags.keyfile !== undefined) {
      // The file keeps its password, so btcli and Tessera open the copy alike.
      const password = await secrets.read(`Password of ${flags.keyfile}`);
      const keystore = await openKeystore(flags);
      const path = flags.keyfile;
      wallet = await keystore.import({
        source: 'keyfile',
        name: walletName,
        path,
        password,
        overwrite,
      });
    } else {
      const secret = await secrets.read(flags.mnemonic ? 'Recovery phrase' : 'Seed (hex)');
      const password = await secrets.read('Password for the coldkey', { confirm: true });
      const keystore = await openKeystore(flags);
      const base = { name: walletName, password, overwrite };
      wallet = await keystore.import(
        flags.mnemonic
          ? { source: 'mnemonic', mnemonic: secret, ...base }
          : { source: 'seed', seed: secret, ...base },
      );
    }
    return flags.json ? print({ wallet }) : say(`Imported ${describeWallet(wallet)}`);
  },

  async list(name, args) {
    noArgument(name);
    const flags = parseFlags(args, { json: COMMON.json, ...ROOT_FLAGS });
    const keystore = await openKeystore(flags);
    const wallets = await keystore.list();
    if (flags.json) return print({ wallets });
    if (wallets.length === 0) return say(`No wallets in ${keystore.root}.`);
    return say(wallets.map(describeWallet).join('\n\n'));
  },

  async inspect(path, args) {
    const flags = parseFlags(args, { ...COMMON, decrypt: { type: 'boolean', default: false } });
    const file = required(path, 'keyfile');
    await cryptoReady();
    const bytes = await readFile(file).catch(() => {
      throw new WalletError('not-found', `Cannot read ${file}.`);
    });
    const format = detectKeyfileFormat(bytes);
    const encrypted = format !== 'plain';
    let publicKey: Uint8Array | undefined;
    if (!encrypted || flags.decrypt || flags['password-stdin']) {
      const password = encrypted
        ? await secretInput(flags['password-stdin']).read(`Password of ${file}`)
        : undefined;
      const { fields } = await openKeyfile(bytes, file, password, argon2iKdf());
      publicKey = hasSecret(fields)
        ? keypairFromKeyfile(fields, file).publicKey
        : publicKeyOfKeyfile(fields, file);
    }
    const report = {
      format,
      encrypted,
      ss58Address: publicKey ? ss58Address(publicKey) : null,
      publicKey: publicKey ? u8aToHex(publicKey) : null,
    };
    if (flags.json) return print(report);
    return say(
      formatTable(Object.entries(report).map(([k, v]) => [k, String(v ?? 'unknown (encrypted)')])),
    );
  },

  async sign(name, args) {
    const flags = parseFlags(args, {
      ...COMMON,
      ...ROOT_FLAGS,
      ...MESSAGE_FLAGS,
      hotkey: { type: 'string' },
      coldkey: { type: 'boolean', default: false },
    });
    if ((flags.hotkey === undefined) === !flags.coldkey) {
      throw new CliUsageError(
        'invalid-value',
        'sign with exactly one of --hotkey NAME or --coldkey',
      );
    }
    const wallet = required(name, 'wallet name');
    const message = messageOf(flags);
    const keystore = await openKeystore(flags);
    const signed =
      flags.hotkey !== undefined
        ? await keystore.signMessage({
            wallet,
            signedBy: { role: 'hotkey', name: flags.hotkey },
            message,
          })
        : await keystore.signMessage({
            wallet,
            signedBy: { role: 'coldkey' },
            message,
            password: await secretInput(flags['password-stdin']).read(
              `Password of wallet '${wallet}'`,
            ),
          });
    const result = { ss58Address: signed.ss58Address, signature: u8aToHex(signed.signature) };
    return flags.json ? print(result) : say(result.signature);
  },

  async verify(name, args) {
    noArgument(name);
    const flags = parseFlags(args, {
      json: COMMON.json,
      ...MESSAGE_FLAGS,
      address: { type: 'string' },
      signature: { type: 'string' },
    });
    const address = required(flags.address, '--address');
    const signature = hexFlag('signature', required(flags.signature, '--signature'));
    await cryptoReady();
    const valid = verifyMessage(address, messageOf(flags), signature);
    if (flags.json) print({ valid });
    else say(valid ? 'valid' : 'invalid');
    return valid ? 0 : 1;
  },

  async 'change-password'(name, args) {
    const flags = parseFlags(args, { ...COMMON, ...ROOT_FLAGS });
    const wallet = required(name, 'wallet name');
    const secrets = secretInput(flags['password-stdin']);
    const oldPassword = await secrets.read(`Current password of wallet '${wallet}'`);
    const newPassword = await secrets.read('New password', { confirm: true });
    const keystore = await openKeystore(flags);
    const summary = await keystore.changePassword({ wallet, oldPassword, newPassword });
    return flags.json
      ? print({ wallet: summary })
      : say(`Changed the password of wallet '${wallet}'.`);
  },
};

export const wallet: Command = {
  name: 'wallet',
  summary: 'Create, import, list and inspect btcli-compatible wallets; sign and verify messages',
  usage: [
    'Usage: tessera wallet create <name> [--words 12|15|18|21|24] [--hotkey NAME]',
    '       tessera wallet import <name> --mnemonic | --seed | --keyfile FILE [--overwrite]',
    '       tessera wallet import [<name>] --btcli-folder DIR [--overwrite]',
    '       tessera wallet list',
    '       tessera wallet inspect <keyfile> [--decrypt]',
    '       tessera wallet sign <name> --hotkey NAME | --coldkey  --message TEXT | --message-hex HEX',
    '       tessera wallet verify --address SS58 --signature HEX  --message TEXT | --message-hex HEX',
    '       tessera wallet change-password <name>',
    '',
    "Wallets use btcli's layout and formats, so the same folder works with btcli.",
    'Passwords and recovery phrases are asked for at the terminal without echo, never taken',
    'from the command line. Every subcommand takes --json.',
    '',
    "  --wallet-path DIR  the folder of wallets (default: the wallets folder in Tessera's data directory)",
    "  --btcli            use btcli's folder in place: $BT_WALLET_PATH, else ~/.bittensor/wallets",
    '  --password-stdin   read the secrets from standard input, one per line, in the order asked',
    '                     (import --mnemonic: phrase, then password; change-password: old, then new)',
    '  --decrypt          inspect: ask for the password and show the key of an encrypted file',
    '  --json             print one JSON object',
    '',
    'verify exits 0 for a valid signature and 1 for an invalid one.',
  ].join('\n'),

  async run(argv) {
    const [sub, ...rest] = argv;
    // Own keys only: 'constructor' or 'toString' must not find Object.prototype's.
    const subcommand =
      sub === undefined || !Object.hasOwn(SUBCOMMANDS, sub) ? undefined : SUBCOMMANDS[sub];
    if (subcommand === undefined) {
      throw new CliUsageError(
        sub === undefined ? 'missing-command' : 'unknown-command',
        `${sub === undefined ? 'no wallet subcommand given' : `unknown wallet subcommand '${sub}'`} (subcommands: ${Object.keys(SUBCOMMANDS).join(', ')})`,
      );
    }
    const positional = rest[0]?.startsWith('-') === false ? rest.shift() : undefined;
    return subcommand(positional, rest);
  },
};

async function openKeystore(flags: { 'wallet-path'?: string; btcli: boolean }): Promise<Keystore> {
  if (flags['wallet-path'] !== undefined && flags.btcli) {
    throw new CliUsageError('invalid-value', 'pass --wallet-path or --btcli, not both');
  }
  const root = flags['wallet-path'] ?? (flags.btcli ? btcliWalletRoot() : defaultWalletRoot());
  return Keystore.open({ root });
}

function messageOf(flags: { message?: string; 'message-hex'?: string }): Uint8Array {
  if ((flags.message === undefined) === (flags['message-hex'] === undefined)) {
    throw new CliUsageError(
      'invalid-value',
      'give the message with exactly one of --message or --message-hex',
    );
  }
  return flags.message !== undefined
    ? new TextEncoder().encode(flags.message)
    : hexFlag('message-hex', flags['message-hex']!);
}

function hexFlag(name: string, text: string): Uint8Array {
  const hex = text.startsWith('0x') ? text : `0x${text}`;
  if (!isHex(hex))
    throw new CliUsageError('invalid-value', `--${name} needs hexadecimal, got '${text}'`);
  return hexToU8a(hex);
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new CliUsageError('invalid-value', `the ${what} is missing`);
  return value;
}

function noArgument(value: string | undefined): void {
  if (value !== undefined) {
    throw new CliUsageError('unexpected-argument', `unexpected argument '${value}'`);
  }
}

function describeWallet(wallet: WalletSummary): string {
  const rows = [
    [
      'coldkey',
      wallet.coldkeyAddress ?? 'unknown (no coldkeypub.txt)',
      wallet.coldkeyFormat ?? 'no coldkey file',
    ],
    ...wallet.hotkeys.map((h) => [
      `hotkey ${h.name}`,
      h.ss58Address ?? 'unknown',
      h.encrypted ? 'encrypted' : '',
    ]),
  ];
  const problems = wallet.problems.map((p) => `\n  problem: ${p}`).join('');
  return `Wallet '${wallet.name}' in ${wallet.path}\n${formatTable(rows)}${problems}`;
}

function print(value: unknown): number {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  return 0;
}

function say(line: string): number {
  process.stdout.write(`${line}\n`);
  return 0;
}
