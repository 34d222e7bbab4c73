import { mkdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WalletStatusEvent } from '../../../electron/contract/wallet';
import { detectKeyfileFormat } from '../../../electron/core/wallet/keyfile';
import { parseKeyfile } from '../../../electron/core/wallet/keyfile-json';
import {
  keypairFromMnemonic,
  keypairFromUri,
  ss58Address,
} from '../../../electron/core/wallet/keypair';
import type { Keystore } from '../../../electron/core/wallet/keystore';
import { cheapKeystore, PASSWORD, snapshotTree, temporaryFolder } from './helpers';
import { UPSTREAM } from './vectors';

const utf8 = (text: string) => new TextEncoder().encode(text);

let home: { path: string; remove: () => Promise<void> };
let keystore: Keystore;
let root: string;

beforeEach(async () => {
  home = await temporaryFolder();
  keystore = await cheapKeystore(home.path);
  root = keystore.root;
});
afterEach(async () => {
  keystore.lock();
  await home.remove();
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

/** Runs `action`, expects a WalletError of `kind` naming the problem, and no change on disk. */
async function refusesWithoutChange(
  action: () => Promise<unknown>,
  kind: string,
  message: RegExp,
): Promise<void> {
  const before = await snapshotTree(home.path);
  await expect(action()).rejects.toMatchObject({ name: 'WalletError', kind, message });
  expect(await snapshotTree(home.path)).toEqual(before);
}

describe('creating a wallet', () => {
  it('writes btcli’s layout: encrypted coldkey, public file, plain hotkey, all owner-only', async () => {
    const { wallet, mnemonic } = await keystore.create({ name: 'miner', password: PASSWORD });

    expect(mnemonic.split(' ')).toHaveLength(12);
    const expected = ss58Address(keypairFromMnemonic(mnemonic).publicKey);
    expect(wallet).toMatchObject({
      name: 'miner',
      path: join(root, 'miner'),
      coldkeyAddress: expected,
      coldkeyFormat: 'nacl',
      unlocked: false,
      unlockRemembered: false,
      problems: [],
    });
    expect(wallet.hotkeys).toEqual([
      expect.objectContaining({ name: 'default', encrypted: false }),
    ]);
    const dir = join(root, 'miner');
    expect(detectKeyfileFormat(await readFile(join(dir, 'coldkey')))).toBe('nacl');
    const pub = parseKeyfile(await readFile(join(dir, 'coldkeypub.txt')), 'pub');
    expect(pub.ss58Address).toBe(expected);
    const hotkey = parseKeyfile(await readFile(join(dir, 'hotkeys', 'default')), 'hotkey');
    expect(hotkey.secretPhrase?.split(' ')).toHaveLength(12);
    expect(hotkey.ss58Address).toBe(wallet.hotkeys[0]!.ss58Address);
    for (const file of ['coldkey', 'coldkeypub.txt', 'hotkeys/default', 'hotkeys/defaultpub.txt']) {
      expect(await modeOf(join(dir, file)), file).toBe(0o600);
    }
    for (const folder of [root, dir, join(dir, 'hotkeys')]) {
      expect(await modeOf(folder), folder).toBe(0o700);
    }
    expect(await keystore.list()).toEqual([wallet]);
  });

  it('refuses a name that is taken, leaving that wallet as it was', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    await refusesWithoutChange(
      () => keystore.create({ name: 'miner', password: PASSWORD }),
      'wallet-exists',
      /already exists/,
    );
  });

  it.each([
    ['short', 'weak-password', /at least 8 characters/],
    [' padded password ', 'weak-password', /cannot start or end with a space/],
  ])('refuses the password %j', async (password, kind, message) => {
    await refusesWithoutChange(() => keystore.create({ name: 'w', password }), kind, message);
  });

  it('lists every folder of the root as btcli does, telling what is missing', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    await mkdir(join(root, 'empty'));
    await writeFile(join(root, 'notes.txt'), 'not a wallet');
    const listed = await keystore.list();
    expect(listed.map((w) => [w.name, w.problems])).toEqual([
      ['empty', ["Wallet 'empty' has neither a coldkey nor a coldkeypub.txt."]],
      ['miner', []],
    ]);
  });

  it('refuses names that are not one folder name', async () => {
    await refusesWithoutChange(
      () => keystore.create({ name: '../escape', password: PASSWORD }),
      'invalid-name',
      /cannot be in a file name/,
    );
  });
});

describe('unlocking and signing', () => {
  it('unlocks the coldkey into a signer whose signatures verify, and locks it again', async () => {
    const events: WalletStatusEvent[] = [];
    keystore.onStatus((event) => events.push(event));
    const { wallet } = await keystore.create({ name: 'miner', password: PASSWORD });

    const signer = await keystore.unlock({ wallet: 'miner', password: PASSWORD });
    expect(signer.ss58Address).toBe(wallet.coldkeyAddress);
    expect((await keystore.summary('miner')).unlocked).toBe(true);
    const message = utf8('register me');
    const signature = await signer.sign(message);
    expect(keystore.verifyMessage(signer.ss58Address, message, signature)).toBe(true);
    expect(keystore.verifyMessage(signer.ss58Address, utf8('something else'), signature)).toBe(
      false,
    );

    expect(keystore.lock('miner')).toEqual(['miner']);
    await expect(signer.sign(message)).rejects.toMatchObject({ kind: 'locked' });
    expect(events).toEqual([
      { wallet: 'miner', unlocked: true, reason: 'unlocked' },
      { wallet: 'miner', unlocked: false, reason: 'locked' },
    ]);
  });

  it('gives the same handle to a second unlock, so no holder finds theirs locked', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    const first = await keystore.unlock({ wallet: 'miner', password: PASSWORD });
    const second = await keystore.unlock({ wallet: 'miner', password: PASSWORD });
    expect(second).toBe(first);
    expect(first.locked).toBe(false);
  });

  it('signs with the hotkey without any password', async () => {
    const { wallet } = await keystore.create({ name: 'miner', password: PASSWORD });
    const signed = await keystore.signMessage({
      wallet: 'miner',
      signedBy: { role: 'hotkey', name: 'default' },
      message: utf8('payload'),
    });
    expect(signed.ss58Address).toBe(wallet.hotkeys[0]!.ss58Address);
    expect(keystore.verifyMessage(signed.ss58Address, utf8('payload'), signed.signature)).toBe(
      true,
    );
  });

  it('refuses to sign with a locked coldkey unless the password comes along', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    const coldkey = { wallet: 'miner', signedBy: { role: 'coldkey' as const }, message: utf8('m') };
    await expect(keystore.signMessage(coldkey)).rejects.toMatchObject({ kind: 'locked' });
    const signed = await keystore.signMessage({ ...coldkey, password: PASSWORD });
    expect(keystore.verifyMessage(signed.ss58Address, utf8('m'), signed.signature)).toBe(true);
    expect((await keystore.summary('miner')).unlocked).toBe(false);
  });

  it('accepts signatures made over <Bytes>-wrapped messages, as btwallet does', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    const signer = await keystore.hotkeySigner('miner', 'default');
    const signature = await signer.sign(utf8('<Bytes>hello</Bytes>'));
    expect(keystore.verifyMessage(signer.ss58Address, utf8('hello'), signature)).toBe(true);
  });
});

describe('a coldkey that does not open', () => {
  beforeEach(async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
  });
  const coldkey = () => join(root, 'miner', 'coldkey');

  it('says the password is wrong, changing nothing', async () => {
    await refusesWithoutChange(
      () => keystore.unlock({ wallet: 'miner', password: 'not the password' }),
      'wrong-password',
      /Wrong password for the coldkey of wallet 'miner'/,
    );
  });

  it('says a truncated file is damaged, not that the password is wrong', async () => {
    const size = (await stat(coldkey())).size;
    await truncate(coldkey(), size - 100);
    await refusesWithoutChange(
      () => keystore.unlock({ wallet: 'miner', password: PASSWORD }),
      'corrupt-keyfile',
      /coldkey of wallet 'miner' is damaged/,
    );
  });

  it('says a file with one flipped byte is damaged', async () => {
    const bytes = await readFile(coldkey());
    bytes[200]! ^= 0x01;
    await writeFile(coldkey(), bytes);
    await refusesWithoutChange(
      () => keystore.unlock({ wallet: 'miner', password: PASSWORD }),
      'corrupt-keyfile',
      /is damaged: it is not the file Tessera last wrote/,
    );
  });

  it('says a file cut to a stub is too short to hold a key', async () => {
    await truncate(coldkey(), 30);
    await refusesWithoutChange(
      () => keystore.unlock({ wallet: 'miner', password: PASSWORD }),
      'corrupt-keyfile',
      /too short to hold a key/,
    );
  });

  it('notices a coldkeypub.txt of another key', async () => {
    const other = keypairFromUri('//Bob');
    await writeFile(
      join(root, 'miner', 'coldkeypub.txt'),
      JSON.stringify({ ss58Address: ss58Address(other.publicKey) }),
    );
    await refusesWithoutChange(
      () => keystore.unlock({ wallet: 'miner', password: PASSWORD }),
      'corrupt-keyfile',
      /does not match coldkeypub.txt/,
    );
  });

  it('reports an unknown wallet as not found', async () => {
    await refusesWithoutChange(
      () => keystore.unlock({ wallet: 'nobody', password: PASSWORD }),
      'not-found',
      /has no coldkey/,
    );
  });
});

describe('importing', () => {
  it('imports the upstream mnemonic to the upstream address', async () => {
    const wallet = await keystore.import({
      source: 'mnemonic',
      name: 'old',
      mnemonic: UPSTREAM.mnemonic,
      password: PASSWORD,
    });
    expect(wallet.coldkeyAddress).toBe(UPSTREAM.ss58Address);
    expect(wallet.hotkeys).toEqual([]);
    const signer = await keystore.unlock({ wallet: 'old', password: PASSWORD });
    expect(signer.ss58Address).toBe(UPSTREAM.ss58Address);
  });

  it.each([
    [
      'a failing checksum',
      `${UPSTREAM.mnemonic.split(' ').slice(0, 11).join(' ')} abandon`,
      /checksum/,
    ],
    ['an unknown word', UPSTREAM.mnemonic.replace('leopard', 'leopardo'), /Word 2 \('leopardo'\)/],
    ['a wrong word count', UPSTREAM.mnemonic.split(' ').slice(0, 9).join(' '), /this one has 9/],
  ])('refuses a mnemonic with %s, writing nothing', async (_name, mnemonic, message) => {
    await keystore.create({ name: 'existing', password: PASSWORD });
    await refusesWithoutChange(
      () => keystore.import({ source: 'mnemonic', name: 'new', mnemonic, password: PASSWORD }),
      'invalid-mnemonic',
      message,
    );
  });

  it('never overwrites an existing wallet unless told to', async () => {
    await keystore.create({ name: 'w', password: PASSWORD });
    const args = {
      source: 'mnemonic' as const,
      name: 'w',
      mnemonic: UPSTREAM.mnemonic,
      password: PASSWORD,
    };
    await refusesWithoutChange(() => keystore.import(args), 'wallet-exists', /already exists/);
    const replaced = await keystore.import({ ...args, overwrite: true });
    expect(replaced.coldkeyAddress).toBe(UPSTREAM.ss58Address);
  });

  it('imports a seed and a development URI', async () => {
    const fromSeed = await keystore.import({
      source: 'seed',
      name: 'seeded',
      seed: UPSTREAM.secretSeed,
      password: PASSWORD,
    });
    expect(fromSeed.coldkeyAddress).toBe(UPSTREAM.ss58Address);
    const alice = await keystore.import({
      source: 'uri',
      name: 'alice',
      uri: '//Alice',
      password: PASSWORD,
    });
    expect(alice.coldkeyAddress).toBe('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  });

  it('imports a coldkey file, encrypted or plain as btcli --uri writes it', async () => {
    await keystore.import({
      source: 'mnemonic',
      name: 'src',
      mnemonic: UPSTREAM.mnemonic,
      password: PASSWORD,
    });
    const copy = await keystore.import({
      source: 'keyfile',
      name: 'copy',
      path: join(root, 'src', 'coldkey'),
      password: PASSWORD,
    });
    expect(copy.coldkeyAddress).toBe(UPSTREAM.ss58Address);

    const plain = join(home.path, 'alice-coldkey');
    const alice = keypairFromUri('//Alice');
    await writeFile(
      plain,
      JSON.stringify({
        privateKey: `0x${Buffer.from(canonical(alice.secretKey)).toString('hex')}`,
      }),
    );
    const imported = await keystore.import({
      source: 'keyfile',
      name: 'alice',
      path: plain,
      password: PASSWORD,
    });
    expect(imported).toMatchObject({
      coldkeyAddress: ss58Address(alice.publicKey),
      coldkeyFormat: 'nacl',
    });
  });

  it('refuses a keyfile whose password is wrong, writing nothing', async () => {
    await keystore.create({ name: 'src', password: PASSWORD });
    await refusesWithoutChange(
      () =>
        keystore.import({
          source: 'keyfile',
          name: 'copy',
          path: join(root, 'src', 'coldkey'),
          password: 'another password',
        }),
      'wrong-password',
      /Wrong password/,
    );
  });
});

/** btwallet's canonical privateKey from the ed25519 form (the scalar divided by 8). */
function canonical(ed25519Form: Uint8Array): Uint8Array {
  const out = ed25519Form.slice();
  for (let i = 0; i < 32; i++) {
    out[i] = ((ed25519Form[i]! >> 3) | (i < 31 ? ed25519Form[i + 1]! << 5 : 0)) & 0xff;
  }
  return out;
}

describe('importing a whole btcli wallet folder', () => {
  let btcli: string;
  beforeEach(async () => {
    // Made by another keystore in a btcli-style root, as if btcli had written it.
    const other = await cheapKeystore(join(home.path, 'elsewhere'));
    await other.create({ name: 'default', password: PASSWORD });
    await other.createHotkey({ wallet: 'default', hotkeyName: 'second' });
    btcli = join(other.root, 'default');
  });

  it('copies every key byte for byte, keeping the coldkey’s password', async () => {
    const wallet = await keystore.import({ source: 'btcliFolder', path: btcli });
    expect(wallet.name).toBe('default');
    expect(wallet.hotkeys.map((h) => h.name)).toEqual(['default', 'second']);
    for (const file of ['coldkey', 'coldkeypub.txt', 'hotkeys/default', 'hotkeys/secondpub.txt']) {
      expect(await readFile(join(root, 'default', file))).toEqual(
        await readFile(join(btcli, file)),
      );
      expect(await modeOf(join(root, 'default', file))).toBe(0o600);
    }
    const signer = await keystore.unlock({ wallet: 'default', password: PASSWORD });
    expect(signer.ss58Address).toBe(wallet.coldkeyAddress);
  });

  it('refuses a folder with a damaged hotkey before writing anything', async () => {
    const hotkey = join(btcli, 'hotkeys', 'second');
    await writeFile(
      hotkey,
      (await readFile(hotkey, 'utf8')).replace(/"secretSeed":"0x./, '"secretSeed":"0xg'),
    );
    await refusesWithoutChange(
      () => keystore.import({ source: 'btcliFolder', path: btcli, name: 'mine' }),
      'corrupt-keyfile',
      /second is damaged/,
    );
  });

  it('refuses a folder that is not a wallet', async () => {
    await refusesWithoutChange(
      () => keystore.import({ source: 'btcliFolder', path: home.path }),
      'not-found',
      /not a btcli wallet folder/,
    );
  });
});

describe('hotkeys', () => {
  it('adds a hotkey without the coldkey password and never replaces one unasked', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    const wallet = await keystore.createHotkey({ wallet: 'miner', hotkeyName: 'rig2' });
    expect(wallet.hotkeys.map((h) => h.name)).toEqual(['default', 'rig2']);
    expect(await modeOf(join(root, 'miner', 'hotkeys', 'rig2'))).toBe(0o600);
    await refusesWithoutChange(
      () => keystore.createHotkey({ wallet: 'miner', hotkeyName: 'rig2' }),
      'key-exists',
      /already exists/,
    );
  });
});

describe('changing the password', () => {
  it('re-encrypts the coldkey: the new password opens it, the old does not, no backup is left', async () => {
    const { wallet } = await keystore.create({ name: 'miner', password: PASSWORD });
    const changed = await keystore.changePassword({
      wallet: 'miner',
      oldPassword: PASSWORD,
      newPassword: 'a new password',
    });
    expect(changed.coldkeyAddress).toBe(wallet.coldkeyAddress);
    await expect(keystore.unlock({ wallet: 'miner', password: PASSWORD })).rejects.toMatchObject({
      kind: 'wrong-password',
    });
    const signer = await keystore.unlock({ wallet: 'miner', password: 'a new password' });
    expect(signer.ss58Address).toBe(wallet.coldkeyAddress);
    const snapshot = await snapshotTree(join(root, 'miner'));
    expect(Object.keys(snapshot).filter((name) => name.includes('backup'))).toEqual([]);
    expect(snapshot.coldkey).toMatch(/^600 /);
  });

  it('refuses a wrong old password or a weak new one, changing nothing', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    await refusesWithoutChange(
      () =>
        keystore.changePassword({
          wallet: 'miner',
          oldPassword: 'nope',
          newPassword: 'new password',
        }),
      'wrong-password',
      /Wrong password/,
    );
    await refusesWithoutChange(
      () => keystore.changePassword({ wallet: 'miner', oldPassword: PASSWORD, newPassword: 'new' }),
      'weak-password',
      /at least 8/,
    );
  });
});

describe('exporting and deleting', () => {
  it('exports the encrypted coldkey owner-only, and never over an existing file', async () => {
    const { wallet } = await keystore.create({ name: 'miner', password: PASSWORD });
    const destination = join(home.path, 'backup-coldkey');
    const exported = await keystore.exportKeyfile({
      wallet: 'miner',
      password: PASSWORD,
      destination,
    });
    expect(exported).toEqual({ path: destination, ss58Address: wallet.coldkeyAddress });
    expect(await readFile(destination)).toEqual(await readFile(join(root, 'miner', 'coldkey')));
    expect(await modeOf(destination)).toBe(0o600);
    await refusesWithoutChange(
      () => keystore.exportKeyfile({ wallet: 'miner', password: PASSWORD, destination }),
      'key-exists',
      /already exists/,
    );
  });

  it('deletes a wallet only with its password', async () => {
    await keystore.create({ name: 'miner', password: PASSWORD });
    await refusesWithoutChange(
      () => keystore.delete({ wallet: 'miner', password: 'wrong password' }),
      'wrong-password',
      /Wrong password/,
    );
    await keystore.delete({ wallet: 'miner', password: PASSWORD });
    expect(await keystore.list()).toEqual([]);
  });
});
