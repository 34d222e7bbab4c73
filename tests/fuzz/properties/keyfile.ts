/**
 * The keyfile reader (`openKeyfile`) against arbitrary bytes and mutated real keyfiles of every
 * format it reads ($NACL, Fernet, Ansible Vault, plain JSON, the legacy hex public file), with
 * random passwords. Promise: it opens the file or throws a WalletError; nothing else escapes.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { WalletError } from '../../../electron/core/wallet/errors';
import { openKeyfile, sealKeyfile } from '../../../electron/core/wallet/keyfile';
import { serializeKeyfile } from '../../../electron/core/wallet/keyfile-json';
import {
  cryptoReady,
  keyfileFieldsOf,
  keypairFromMnemonic,
} from '../../../electron/core/wallet/keypair';
import { naclKey } from '../../../electron/core/wallet/nacl-box';
import { ANSIBLE, FERNET, NACL, UPSTREAM } from '../../core/wallet/vectors';
import { applyMutation, byteMutation, type Mutation } from './mutations';
import { type FuzzTarget, tally } from './target';

/**
 * Argon2i at btcli's cost takes seconds and even at the cheapest cost spawns a worker per call; the
 * reader takes its KDF as a parameter, and what is fuzzed here is what it does with the file, so a
 * hash stands in. The $NACL files below are sealed with the same stand-in, so the right password
 * still opens them.
 */
const hashKdf = async (password: Uint8Array, salt: Uint8Array) =>
  new Uint8Array(createHash('sha256').update(password).update(salt).digest());

const NACL_PASSWORD = 'fuzz password';
const utf8 = (text: string) => new TextEncoder().encode(text);

interface RealKeyfile {
  name: string;
  bytes: Uint8Array;
  password: string | undefined;
  /** Fernet's 10 million PBKDF2 rounds allow only the one password per run (cached, see memo-pbkdf2). */
  randomPasswords: boolean;
}

async function realKeyfiles(): Promise<RealKeyfile[]> {
  await cryptoReady();
  const fields = keyfileFieldsOf(keypairFromMnemonic(UPSTREAM.mnemonic));
  const plain = serializeKeyfile(fields);
  const python = `{"accountId": "${UPSTREAM.publicKey}", "publicKey": "${UPSTREAM.publicKey}", "privateKey": null, "secretPhrase": null, "secretSeed": null, "ss58Address": "${UPSTREAM.ss58Address}"}`;
  return [
    { name: 'plain', bytes: plain, password: undefined, randomPasswords: true },
    { name: 'python-plain', bytes: utf8(python), password: undefined, randomPasswords: true },
    {
      name: 'hex-public',
      bytes: utf8(`${UPSTREAM.publicKey}\n`),
      password: undefined,
      randomPasswords: true,
    },
    {
      name: 'nacl',
      bytes: sealKeyfile(fields, await naclKey(NACL_PASSWORD, hashKdf)),
      password: NACL_PASSWORD,
      randomPasswords: true,
    },
    // Sealed under real Argon2i: with the stand-in KDF every password is wrong, which is a case too.
    {
      name: 'nacl-argon2',
      bytes: Buffer.from(NACL.keyfile, 'hex'),
      password: NACL.password,
      randomPasswords: true,
    },
    {
      name: 'fernet',
      bytes: utf8(FERNET.token),
      password: FERNET.password,
      randomPasswords: false,
    },
    {
      name: 'ansible',
      bytes: utf8(ANSIBLE.vault),
      password: ANSIBLE.password,
      randomPasswords: true,
    },
  ];
}

type KeyfileInput = {
  file: number;
  mutation: Mutation | undefined;
  /** 'right' for the file's password, 'padded' for it with spaces around, else the given text. */
  password: 'right' | 'padded' | { text: string | undefined };
};

const PREFIXES = [
  '',
  '$NACL',
  '$ANSIBLE_VAULT;1.1;AES256\n',
  '$ANSIBLE_VAULT;1.2;AES256;label\n',
  'gAAAAA',
  '{',
  '0x',
];

export const keyfileTarget: FuzzTarget<
  KeyfileInput | { prefix: string; body: Uint8Array; password: string | undefined }
> = {
  name: 'keyfile reader',
  fullCases: 100_000,
  testCases: 1_000,
  async prepare() {
    const files = await realKeyfiles();
    const outcomes = new Map<string, number>();
    const mutated: fc.Arbitrary<KeyfileInput> = fc.record({
      file: fc.nat({ max: files.length - 1 }),
      mutation: fc.option(byteMutation, { nil: undefined, freq: 5 }),
      password: fc.oneof(
        fc.constant('right' as const),
        fc.constant('padded' as const),
        fc.record({
          text: fc.option(fc.string({ unit: 'binary', maxLength: 40 }), { nil: undefined }),
        }),
      ),
    });
    const random = fc.record({
      prefix: fc.constantFrom(...PREFIXES),
      body: fc.uint8Array({ maxLength: 700 }),
      password: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    });
    return {
      arbitrary: fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: random }),
      outcomes,
      async check(input) {
        let bytes: Uint8Array;
        let password: string | undefined;
        if ('prefix' in input) {
          bytes = new Uint8Array([...utf8(input.prefix), ...input.body]);
          // A Fernet-looking file with a fresh password would cost seconds; its one password is cached.
          password = input.prefix === 'gAAAAA' ? FERNET.password : input.password;
        } else {
          const file = files[input.file]!;
          bytes = input.mutation ? applyMutation(file.bytes, input.mutation) : file.bytes;
          const p = input.password;
          password =
            p === 'right' || !file.randomPasswords
              ? file.password
              : p === 'padded'
                ? ` ${file.password ?? ''} `
                : p.text;
        }
        try {
          const opened = await openKeyfile(bytes, 'fuzz keyfile', password, hashKdf);
          tally(outcomes, `opened ${opened.format}`);
          return undefined;
        } catch (error) {
          if (!(error instanceof WalletError)) throw error;
          tally(outcomes, error.kind);
          return undefined;
        }
      },
    };
  },
};
