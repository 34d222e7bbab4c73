import { hexToU8a, u8aToHex } from '@polkadot/util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAnsibleVault } from '../../../electron/core/wallet/ansible-vault';
import { argon2iKdf } from '../../../electron/core/wallet/argon2';
import { openKeyfile } from '../../../electron/core/wallet/keyfile';
import { parseKeyfile, serializeKeyfile } from '../../../electron/core/wallet/keyfile-json';
import {
  cryptoReady,
  keyfileFieldsOf,
  keypairFromKeyfile,
  keypairFromMnemonic,
  keypairFromSeed,
  keypairFromUri,
  ss58Address,
} from '../../../electron/core/wallet/keypair';
import { NACL_SALT, openNacl, sealNacl } from '../../../electron/core/wallet/nacl-box';
import {
  canonicalToEd25519Form,
  ed25519FormToCanonical,
} from '../../../electron/core/wallet/secret-key-form';
import { ANSIBLE, FERNET, NACL, UPSTREAM, URI_VECTORS } from './vectors';

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | undefined) => bytes && new TextDecoder().decode(bytes);
const cheapKdf = argon2iKdf({ iterations: 1, memoryKiB: 64 });

beforeAll(cryptoReady);

describe('upstream derivation vectors (btwallet tests/test_keyfile.py)', () => {
  it('derives the mini-secret, keys and address from the mnemonic as btcli does', () => {
    const pair = keypairFromMnemonic(UPSTREAM.mnemonic);
    expect(u8aToHex(pair.secretSeed)).toBe(UPSTREAM.secretSeed);
    expect(u8aToHex(pair.publicKey)).toBe(UPSTREAM.publicKey);
    expect(ss58Address(pair.publicKey)).toBe(UPSTREAM.ss58Address);
    expect(u8aToHex(pair.secretKey)).toBe(UPSTREAM.privateKeyEd25519Form);
    expect(keyfileFieldsOf(pair)).toEqual({
      accountId: UPSTREAM.publicKey,
      publicKey: UPSTREAM.publicKey,
      privateKey: UPSTREAM.privateKey,
      secretPhrase: UPSTREAM.mnemonic,
      secretSeed: UPSTREAM.secretSeed,
      ss58Address: UPSTREAM.ss58Address,
    });
  });

  it('gives the same key from the seed alone and from the canonical privateKey alone', () => {
    expect(ss58Address(keypairFromSeed(UPSTREAM.secretSeed).publicKey)).toBe(UPSTREAM.ss58Address);
    const fromPrivate = keypairFromKeyfile({ privateKey: UPSTREAM.privateKey }, 'test keyfile');
    expect(u8aToHex(fromPrivate.publicKey)).toBe(UPSTREAM.publicKey);
  });

  it('converts between the canonical and the ed25519 form of the secret key', () => {
    const canonical = hexToU8a(UPSTREAM.privateKey);
    const ed25519Form = hexToU8a(UPSTREAM.privateKeyEd25519Form);
    expect(u8aToHex(canonicalToEd25519Form(canonical))).toBe(UPSTREAM.privateKeyEd25519Form);
    expect(u8aToHex(ed25519FormToCanonical(ed25519Form))).toBe(UPSTREAM.privateKey);
  });

  it.each(URI_VECTORS)('derives %s -> %s', (uri, address) => {
    expect(ss58Address(keypairFromUri(uri).publicKey)).toBe(address);
  });
});

describe('$NACL vector (libsodium 1.0.18), at btcli’s real Argon2i cost', () => {
  it('derives libsodium’s key off the main thread and opens both files', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const started = performance.now();
    const key = await argon2iKdf()(utf8(NACL.password), NACL_SALT);
    const elapsed = performance.now() - started;
    clearInterval(ticker);
    expect(Buffer.from(key).toString('hex')).toBe(NACL.key);
    // The event loop kept turning through seconds of derivation: it ran on a worker thread.
    expect(ticks).toBeGreaterThan(elapsed / 20 / 3);

    expect(text(openNacl(hexToU8a(`0x${NACL.hello}`), key))).toBe('hello');
    const plaintext = openNacl(hexToU8a(`0x${NACL.keyfile}`), key)!;
    expect(plaintext.length).toBe(553);
    const fields = parseKeyfile(plaintext, 'vector');
    expect(ss58Address(keypairFromKeyfile(fields, 'vector').publicKey)).toBe(UPSTREAM.ss58Address);

    // Tessera's writer gives the same bytes as the vector: same JSON, same layout, same box.
    const ours = serializeKeyfile(keyfileFieldsOf(keypairFromMnemonic(UPSTREAM.mnemonic)));
    expect(text(ours)).toBe(text(plaintext));
    const sealed = sealNacl(ours, key, hexToU8a(`0x${NACL.nonce}`));
    expect(u8aToHex(sealed)).toBe(`0x${NACL.keyfile}`);
  }, 120_000);
});

describe('legacy vectors', () => {
  it('opens the Fernet coldkey with its password, and knows a wrong one', async () => {
    const token = utf8(FERNET.token);
    const opened = await openKeyfile(token, 'vector', FERNET.password, cheapKdf);
    expect(opened.format).toBe('fernet');
    expect(opened.fields).toEqual(JSON.parse(FERNET.plaintext));
    expect(ss58Address(keypairFromKeyfile(opened.fields, 'vector').publicKey)).toBe(
      UPSTREAM.ss58Address,
    );
    await expect(openKeyfile(token, 'vector', 'not the password', cheapKdf)).rejects.toMatchObject({
      kind: 'wrong-password',
    });
  }, 60_000);

  it('opens Ansible’s own AES256 vault vector, and knows a wrong password', async () => {
    const vault = utf8(ANSIBLE.vault);
    expect(text(await openAnsibleVault(vault, ANSIBLE.password, 'vector'))).toBe(ANSIBLE.plaintext);
    expect(await openAnsibleVault(vault, 'wrong', 'vector')).toBeUndefined();
  });

  it('says a vault holding something other than keyfile JSON is a legacy format to re-encrypt', async () => {
    await expect(
      openKeyfile(utf8(ANSIBLE.vault), 'old coldkey', ANSIBLE.password, cheapKdf),
    ).rejects.toMatchObject({ kind: 'legacy-format', message: /re-encrypt it with btcli/ });
  });
});
