import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotTree } from '../core/wallet/helpers';
import { FERNET, UPSTREAM } from '../core/wallet/vectors';
import type { CliRun } from './run-tessera';

const BIN = fileURLToPath(new URL('../../bin/tessera.mjs', import.meta.url));
const PASSWORD = 'first password';
const NEW_PASSWORD = 'second password';

let home: string;
let wallets: string;

/** Runs the real `tessera` entry with `input` on its standard input (the way secrets arrive). */
function tessera(args: string[], input = '', env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, TESSERA_HOME: home, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin!.end(input);
  });
}

/**
 * Runs `tessera` on a pseudo-terminal (util-linux `script`), typing each answer once its prompt
 * has appeared, as a person would; returns everything the terminal showed.
 */
function tesseraAtTerminal(
  args: string[],
  answers: string[],
): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { ...process.env, TESSERA_HOME: home },
  });
  let screen = '';
  let answered = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString();
    const prompts = screen.match(/: (\r?\n|$)/g)?.length ?? 0;
    if (prompts > answered && answered < answers.length)
      child.stdin.write(`${answers[answered++]}\r`);
  });
  return new Promise((resolve) =>
    child.on('close', (code) => resolve({ code: code ?? -1, screen })),
  );
}

const json = (run: CliRun) => {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'tessera-wallet-cli-'));
  wallets = join(home, 'wallets');
});
afterAll(() => rm(home, { recursive: true, force: true }));

describe('tessera wallet', () => {
  let coldkeyAddress: string;
  let hotkeyAddress: string;

  it('creates a wallet in the data directory, printing its recovery phrase once', async () => {
    const { wallet, mnemonic } = json(
      await tessera(['wallet', 'create', 'miner', '--password-stdin', '--json'], `${PASSWORD}\n`),
    );
    expect(mnemonic.split(' ')).toHaveLength(12);
    expect(wallet).toMatchObject({
      name: 'miner',
      path: join(wallets, 'miner'),
      coldkeyFormat: 'nacl',
    });
    coldkeyAddress = wallet.coldkeyAddress;
    hotkeyAddress = wallet.hotkeys[0].ss58Address;
    expect((await stat(join(wallets, 'miner', 'coldkey'))).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('lists wallets as JSON and as a table', async () => {
    const { wallets: listed } = json(await tessera(['wallet', 'list', '--json']));
    expect(listed.map((w: { coldkeyAddress: string }) => w.coldkeyAddress)).toEqual([
      coldkeyAddress,
    ]);
    const table = await tessera(['wallet', 'list']);
    expect(table.stdout).toContain(`coldkey         ${coldkeyAddress}  nacl`);
    expect(table.stdout).toContain(`hotkey default  ${hotkeyAddress}`);
  });

  it('inspects coldkey, hotkey and public files without a password', async () => {
    const dir = join(wallets, 'miner');
    expect(json(await tessera(['wallet', 'inspect', join(dir, 'coldkey'), '--json']))).toEqual({
      format: 'nacl',
      encrypted: true,
      ss58Address: null,
      publicKey: null,
    });
    const hotkey = json(
      await tessera(['wallet', 'inspect', join(dir, 'hotkeys', 'default'), '--json']),
    );
    expect(hotkey).toMatchObject({ format: 'plain', encrypted: false, ss58Address: hotkeyAddress });
    expect(hotkey.publicKey).toMatch(/^0x[0-9a-f]{64}$/);
    const pub = json(await tessera(['wallet', 'inspect', join(dir, 'coldkeypub.txt'), '--json']));
    expect(pub).toMatchObject({ encrypted: false, ss58Address: coldkeyAddress });
  });

  it('signs with the hotkey without a password, and verifies', async () => {
    const signed = json(
      await tessera([
        'wallet',
        'sign',
        'miner',
        '--hotkey',
        'default',
        '--message',
        'hello',
        '--json',
      ]),
    );
    expect(signed.ss58Address).toBe(hotkeyAddress);
    const verify = (message: string) =>
      tessera([
        'wallet',
        'verify',
        '--address',
        hotkeyAddress,
        '--signature',
        signed.signature,
        '--message',
        message,
        '--json',
      ]);
    expect(json(await verify('hello'))).toEqual({ valid: true });
    const forged = await verify('hellO');
    expect(forged.code).toBe(1);
    expect(JSON.parse(forged.stdout)).toEqual({ valid: false });
  });

  it('changes the password; the coldkey then decrypts with the new one only', async () => {
    const changed = await tessera(
      ['wallet', 'change-password', 'miner', '--password-stdin', '--json'],
      `${PASSWORD}\n${NEW_PASSWORD}\n`,
    );
    expect(json(changed).wallet.coldkeyAddress).toBe(coldkeyAddress);
    const coldkey = join(wallets, 'miner', 'coldkey');
    const inspected = await tessera(
      ['wallet', 'inspect', coldkey, '--password-stdin', '--json'],
      `${NEW_PASSWORD}\n`,
    );
    expect(json(inspected)).toMatchObject({
      format: 'nacl',
      encrypted: true,
      ss58Address: coldkeyAddress,
    });
  }, 180_000);

  it('says a wrong password is wrong, with exit code 1 and the file unchanged', async () => {
    const before = await snapshotTree(wallets);
    const run = await tessera(
      ['wallet', 'inspect', join(wallets, 'miner', 'coldkey'), '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Wrong password for .*coldkey/);
    expect(await snapshotTree(wallets)).toEqual(before);
  }, 120_000);

  it('imports the upstream mnemonic to the upstream address', async () => {
    const run = await tessera(
      ['wallet', 'import', 'old', '--mnemonic', '--password-stdin', '--json'],
      `${UPSTREAM.mnemonic}\n${PASSWORD}\n`,
    );
    expect(json(run).wallet.coldkeyAddress).toBe(UPSTREAM.ss58Address);
  }, 120_000);

  it.each([
    [
      'a mnemonic with a bad checksum',
      ['wallet', 'import', 'bad', '--mnemonic', '--password-stdin'],
      `${UPSTREAM.mnemonic.replace(/review$/, 'abandon')}\n${PASSWORD}\n`,
      /fails its checksum/,
    ],
    [
      'a taken wallet name',
      ['wallet', 'create', 'miner', '--password-stdin'],
      `${PASSWORD}\n`,
      /already exists/,
    ],
  ])('refuses %s with exit code 1, changing nothing', async (_name, args, input, message) => {
    const before = await snapshotTree(wallets);
    const run = await tessera(args, input);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(await snapshotTree(wallets)).toEqual(before);
  });

  it('reads an old Fernet coldkey (legacy format) given its password', async () => {
    const legacy = join(home, 'fernet-coldkey');
    await writeFile(legacy, FERNET.token);
    const run = await tessera(
      ['wallet', 'inspect', legacy, '--password-stdin', '--json'],
      `${FERNET.password}\n`,
    );
    expect(json(run)).toEqual({
      format: 'fernet',
      encrypted: true,
      ss58Address: UPSTREAM.ss58Address,
      publicKey: UPSTREAM.publicKey,
    });
  }, 60_000);

  it('imports a btcli wallet folder, and uses btcli’s folder in place with --btcli', async () => {
    const btcli = join(home, 'bittensor-wallets');
    const env = { BT_WALLET_PATH: btcli };
    // A btcli folder: the wallet imported above, as btcli would have left it.
    await cp(join(wallets, 'old'), join(btcli, 'default'), { recursive: true });
    const inPlace = json(await tessera(['wallet', 'list', '--btcli', '--json'], '', env));
    expect(inPlace.wallets.map((w: { name: string }) => w.name)).toEqual(['default']);

    const imported = json(
      await tessera(['wallet', 'import', '--btcli-folder', join(btcli, 'default'), '--json']),
    );
    expect(imported.wallet).toMatchObject({
      name: 'default',
      coldkeyAddress: UPSTREAM.ss58Address,
    });
    expect(await readFile(join(wallets, 'default', 'coldkey'))).toEqual(
      await readFile(join(btcli, 'default', 'coldkey')),
    );
  }, 120_000);

  it('asks for passwords at a terminal without echoing them, twice for a new one', async () => {
    const { code, screen } = await tesseraAtTerminal(
      ['wallet', 'create', 'x'],
      ['password one', 'password two'],
    );
    expect(code).toBe(2);
    expect(screen).toContain('Password for the new coldkey: ');
    expect(screen).toContain('Retype password for the new coldkey: ');
    expect(screen).toMatch(/the two entries of the password for the new coldkey differ/);
    expect(screen).not.toMatch(/password (one|two)/);
  });

  it.each([
    [['wallet', 'create', 'x'], /no terminal to ask for secrets; pass --password-stdin/],
    [['wallet', 'create', 'x', '--password', 'hunter22'], /unknown option '--password'/i],
    [['wallet', 'import', 'x', '--mnemonic', '--seed'], /exactly one of --mnemonic, --seed/],
    [['wallet', 'sign', 'miner', '--message', 'm'], /exactly one of --hotkey NAME or --coldkey/],
    [
      ['wallet', 'create', '--words', '13', '--password-stdin'],
      /--words must be one of 12, 15, 18, 21, 24/,
    ],
    [['wallet', 'inspect'], /the keyfile is missing/],
    [['wallet', 'shred'], /unknown wallet subcommand 'shred'/],
  ])('refuses %j with exit code 2 and one line', async (args, message) => {
    const run = await tessera(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
