/**
 * Dies by SIGKILL at the instant `writeFileAtomic` renames its temporary file over the target,
 * i.e. after the new bytes are written and synced but before they replace the old file.
 * Usage: node --import tsx crash-child.ts <target> <byte count>
 */
import { writeSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { writeFileAtomic } from '../../../electron/protocol/atomic-file';

const [target, count] = process.argv.slice(2) as [string, string];

fsp.rename = async (from) => {
  writeSync(2, `renaming ${String(from)}\n`);
  process.kill(process.pid, 'SIGKILL');
};
// atomic-write imports `rename` by name; this pushes the patched function into that binding.
syncBuiltinESMExports();

await writeFileAtomic(target, new Uint8Array(Number(count)).fill(0x4e));
writeSync(2, 'rename returned: the crash did not happen\n');
