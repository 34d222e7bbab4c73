/**
 * Changes a wallet's password and dies by SIGKILL at the n-th rename or hard link, the moments a
 * written and synced file takes its place. Usage:
 * node --import tsx crash-child.ts <home> <wallet> <old password> <new password> <n>
 */
import { writeSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { cheapKeystore } from './helpers';

const [home, wallet, oldPassword, newPassword, n] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];

let calls = 0;
const { rename, link } = fsp;
const dieAtCall =
  <A extends unknown[]>(name: string, original: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    if (++calls === Number(n)) {
      writeSync(2, `${name} ${String(args[1])}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
    return original(...args);
  };
fsp.rename = dieAtCall('rename', rename);
fsp.link = dieAtCall('link', link);
// atomic-write imports these by name; this pushes the patched functions into those bindings.
syncBuiltinESMExports();

const keystore = await cheapKeystore(home);
await keystore.changePassword({ wallet, oldPassword, newPassword });
writeSync(2, 'finished: the crash did not happen\n');
