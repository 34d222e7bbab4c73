import { beforeAll, describe, expect, it } from 'vitest';
import { argon2iKdf } from '../../../electron/core/wallet/argon2';
import { detectKeyfileFormat, openKeyfile } from '../../../electron/core/wallet/keyfile';
import { parseKeyfile, serializeKeyfile } from '../../../electron/core/wallet/keyfile-json';
import {
  cryptoReady,
  keyfileFieldsOf,
  keypairFromKeyfile,
  keypairFromMnemonic,
  keypairFromSeed,
  keypairFromUri,
  publicKeyOfKeyfile,
} from '../../../electron/core/wallet/keypair';
import { FERNET, NACL, UPSTREAM } from './vectors';

const utf8 = (text: string) => new TextEncoder().encode(text);
const cheapKdf = argon2iKdf({ iterations: 1, memoryKiB: 64 });
const label = 'test keyfile';

beforeAll(cryptoReady);

describe('keyfile format detection', () => {
  it.each([
    ['$NACL', Buffer.from(NACL.hello, 'hex'), 'nacl'],
    ['Ansible Vault', utf8('$ANSIBLE_VAULT;1.1;AES256\n3336'), 'ansible-vault'],
    ['Fernet', utf8(FERNET.token), 'fernet'],
    ['JSON', utf8('{"ss58Address":"x"}'), 'plain'],
  ])('tells %s by its first bytes', (_name, bytes, format) => {
    expect(detectKeyfileFormat(bytes)).toBe(format);
  });
});

describe('keyfile JSON', () => {
  const fields = keyfileFieldsOf(keypairFromMnemonic(UPSTREAM.mnemonic));

  it('reads what it writes, compact and in btwallet’s field order', () => {
    const json = new TextDecoder().decode(serializeKeyfile(fields));
    expect(json.startsWith('{"accountId":')).toBe(true);
    expect(json).not.toMatch(/"[:,] /);
    expect(parseKeyfile(utf8(json), label)).toEqual(fields);
  });

  it('reads the old Python writer’s nulls and spacing', () => {
    const python = `{"accountId": "${UPSTREAM.publicKey}", "publicKey": "${UPSTREAM.publicKey}", "privateKey": null, "secretPhrase": null, "secretSeed": null, "ss58Address": "${UPSTREAM.ss58Address}"}`;
    expect(parseKeyfile(utf8(python), label)).toEqual({
      accountId: UPSTREAM.publicKey,
      publicKey: UPSTREAM.publicKey,
      ss58Address: UPSTREAM.ss58Address,
    });
  });

  it('reads the very old public file that is only 0x and the key in hex', () => {
    const fieldsOfHex = parseKeyfile(utf8(`${UPSTREAM.publicKey}\n`), label);
    expect(publicKeyOfKeyfile(fieldsOfHex, label)).toEqual(
      keypairFromSeed(UPSTREAM.secretSeed).publicKey,
    );
  });

  it.each([
    ['cut-off JSON', '{"publicKey": "0xe435', 'corrupt-keyfile', /JSON is cut off or invalid/],
    ['a JSON array', '[1, 2]', 'unknown-format', /not a keyfile Tessera can read/],
    ['a non-string field', '{"publicKey": 7}', 'corrupt-keyfile', /'publicKey' is not a string/],
    ['no key at all', '{"name": "x"}', 'corrupt-keyfile', /holds no key/],
    ['binary noise', '\u0000\u00ff\u00fe', 'unknown-format', /neither \$NACL/],
  ])('refuses %s with a typed error', (_name, content, kind, message) => {
    expect(() => parseKeyfile(Buffer.from(content, 'latin1'), label)).toThrow(
      expect.objectContaining({ kind, message: expect.stringMatching(message) }),
    );
  });
});

describe('keys in keyfiles', () => {
  const fields = keyfileFieldsOf(keypairFromMnemonic(UPSTREAM.mnemonic));

  /** The same fields with one hex digit of `field` changed. */
  const flipped = (field: 'publicKey' | 'privateKey' | 'secretSeed') => {
    const value = fields[field]!;
    const at = value.length - 5;
    const digit = value[at] === '0' ? '1' : '0';
    return { ...fields, [field]: `${value.slice(0, at)}${digit}${value.slice(at + 1)}` };
  };

  it.each(['publicKey', 'privateKey', 'secretSeed'] as const)(
    'finds a changed digit in %s instead of using the key',
    (field) => {
      expect(() => keypairFromKeyfile(flipped(field), label)).toThrow(
        expect.objectContaining({
          kind: 'corrupt-keyfile',
          message: expect.stringContaining(label),
        }),
      );
    },
  );

  it('says a public-only keyfile has no secret', () => {
    const { accountId, publicKey, ss58Address } = fields;
    expect(() => keypairFromKeyfile({ accountId, publicKey, ss58Address }, label)).toThrow(
      expect.objectContaining({ kind: 'no-secret' }),
    );
  });

  it('writes URI keys with their privateKey only, which reads back to the same key', () => {
    const alice = keypairFromUri('//Alice');
    const written = keyfileFieldsOf(alice);
    expect(written.secretPhrase).toBeUndefined();
    expect(written.secretSeed).toBeUndefined();
    expect(keypairFromKeyfile(written, label).publicKey).toEqual(alice.publicKey);
  });

  it('opens a plain keyfile without a password and wants one for an encrypted file', async () => {
    const plain = serializeKeyfile(fields);
    expect((await openKeyfile(plain, label, undefined, cheapKdf)).fields).toEqual(fields);
    await expect(
      openKeyfile(Buffer.from(NACL.keyfile, 'hex'), label, undefined, cheapKdf),
    ).rejects.toMatchObject({ kind: 'password-required' });
  });

  it('calls a $NACL file too short to hold a key damaged, before any derivation', async () => {
    const stub = Buffer.from(NACL.keyfile, 'hex').subarray(0, 40);
    await expect(openKeyfile(stub, label, 'password', cheapKdf)).rejects.toMatchObject({
      kind: 'corrupt-keyfile',
      message: expect.stringMatching(/at 40 bytes it is too short/),
    });
  });
});

describe('recovery phrases', () => {
  const words = UPSTREAM.mnemonic.split(' ');

  it.each([
    [
      'a wrong word count',
      words.slice(0, 11).join(' '),
      /12, 15, 18, 21 or 24 words; this one has 11/,
    ],
    [
      'an unknown word',
      [...words.slice(0, 3), 'ribbonx', ...words.slice(4)].join(' '),
      /Word 4 .*'ribbonx'.* not in the BIP39 English word list/,
    ],
    ['a failing checksum', [...words.slice(0, 11), 'abandon'].join(' '), /fails its checksum/],
  ])('refuses %s, saying which', (_name, phrase, message) => {
    expect(() => keypairFromMnemonic(phrase)).toThrow(
      expect.objectContaining({
        kind: 'invalid-mnemonic',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('accepts extra spaces and capitals, keeping the canonical phrase', () => {
    const pair = keypairFromMnemonic(
      `  ${UPSTREAM.mnemonic.toUpperCase().replaceAll(' ', '   ')}\n`,
    );
    expect(pair.secretPhrase).toBe(UPSTREAM.mnemonic);
  });

  it('refuses seeds that are not 32 bytes of hex', () => {
    expect(() => keypairFromSeed('0x1234')).toThrow(
      expect.objectContaining({ kind: 'invalid-seed' }),
    );
  });
});
