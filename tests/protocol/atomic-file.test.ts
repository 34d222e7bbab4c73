import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/protocol/atomic-file';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A pid that belonged to a process that has exited: a finished `true`. */
const deadPid = () => spawnSync('true').pid!;

describe('writeFileAtomic', () => {
  it("removes temporary files that killed writers left behind, but not a live writer's", async () => {
    dir = await mkdtemp(join(tmpdir(), 'tessera-atomic-'));
    const target = join(dir, 'model.safetensors');
    const orphan = `.model.safetensors.${deadPid()}.0badc0de.tmp`;
    const live = `.model.safetensors.${process.ppid}.0badc0de.tmp`;
    const other = `.other.safetensors.${deadPid()}.0badc0de.tmp`;
    for (const name of [orphan, live, other]) await writeFile(join(dir, name), 'half a checkpoint');
    await writeFileAtomic(target, Buffer.from('the whole checkpoint'));
    expect(await readFile(target, 'utf8')).toBe('the whole checkpoint');
    expect((await readdir(dir)).sort()).toEqual([live, other, 'model.safetensors'].sort());
  });
});
