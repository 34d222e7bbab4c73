import { spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileAtomic,
  makeDirectory,
  writeFileAtomic,
} from '../../../electron/protocol/atomic-file';
import { cheapKeystore, PASSWORD, temporaryFolder } from './helpers';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const NEW_PASSWORD = 'the new password';

let home: Awaited<ReturnType<typeof temporaryFolder>>;
beforeEach(async () => {
  home = await temporaryFolder();
});
afterEach(() => home.remove());

describe('atomic writes for core', () => {
  it('replace a file owner-only, create new ones only where nothing is, make private folders', async () => {
    const dir = join(home.path, 'a', 'b');
    await makeDirectory(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(home.path, 'a'))).mode & 0o777).toBe(0o700);

    const path = join(dir, 'key');
    await createFileAtomic(path, Buffer.from('first'));
    await expect(createFileAtomic(path, Buffer.from('second'))).rejects.toMatchObject({
      code: 'EEXIST',
    });
    expect(await readFile(path, 'utf8')).toBe('first');
    await writeFileAtomic(path, Buffer.from('third'));
    expect(await readFile(path, 'utf8')).toBe('third');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['key']);
  });
});

describe('a crash while the password changes', () => {
  /** What each rename or link of the change puts in place, in order. */
  const steps: [number, string, 'old' | 'new'][] = [
    [1, 'link of the backup', 'old'],
    [2, 'rename of the digests that admit the new file', 'old'],
    [3, 'rename of the new coldkey over the old', 'old'],
    [4, 'rename of the digests that keep only the new file', 'new'],
  ];
  const operation = (n: number) => (n === 1 ? 'link' : 'rename');

  it.each(steps)(
    'at step %i (%s) leaves a coldkey that opens with the %s password',
    async (n, _what, opens) => {
      const keystore = await cheapKeystore(home.path);
      const { wallet } = await keystore.create({ name: 'miner', password: PASSWORD });
      const original = await readFile(join(wallet.path, 'coldkey'));

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', CHILD, home.path, 'miner', PASSWORD, NEW_PASSWORD, String(n)],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const signal = await new Promise((resolve) =>
        child.on('close', (_code, sig) => resolve(sig)),
      );
      expect(signal, stderr).toBe('SIGKILL');
      expect(stderr.startsWith(`${operation(n)} `), stderr).toBe(true);
      const backups = (await readdir(wallet.path)).filter((f) => f.startsWith('coldkey.backup-'));
      expect(backups).toHaveLength(n === 1 ? 0 : 1);
      for (const backup of backups) {
        expect(await readFile(join(wallet.path, backup))).toEqual(original);
      }

      const after = await cheapKeystore(home.path);
      const [right, other] = opens === 'old' ? [PASSWORD, NEW_PASSWORD] : [NEW_PASSWORD, PASSWORD];
      const signer = await after.unlock({ wallet: 'miner', password: right });
      expect(signer.ss58Address).toBe(wallet.coldkeyAddress);
      after.lock();
      // The other password is plainly wrong; the file is not mistaken for a damaged one.
      await expect(after.unlock({ wallet: 'miner', password: other })).rejects.toMatchObject({
        kind: 'wrong-password',
      });
    },
    60_000,
  );

  it('runs to the end when nothing crashes', async () => {
    const keystore = await cheapKeystore(home.path);
    await keystore.create({ name: 'miner', password: PASSWORD });
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, home.path, 'miner', PASSWORD, NEW_PASSWORD, '99'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('finished');
    const names = await readdir(join(keystore.root, 'miner'));
    expect(names.sort()).toEqual(['.tessera-digests.json', 'coldkey', 'coldkeypub.txt', 'hotkeys']);
  }, 60_000);
});
