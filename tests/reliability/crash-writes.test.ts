/**
 * Durable writes under SIGKILL (crash-writes/): for checkpoints, wallet keyfiles, settings and the
 * devnet's ledger, a writer process killed at random moments leaves the old or the new version,
 * never a broken one, and a truncated temporary file beside the target changes nothing. The report
 * (`runCrashWrites`) kills 50 times per kind; here a few per kind keep the suite short.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashKind } from './crash-writes/index';
import { DURABLE_KIND_NAMES, loadDurableKind } from './crash-writes/kinds/index';

const KILLS = 5;

describe('durable writes killed mid-way', () => {
  it.each(DURABLE_KIND_NAMES)(
    '%s: the loader finds the old or the new version after every kill',
    async (name) => {
      const figures = await crashKind(await loadDurableKind(name), KILLS);
      console.log(JSON.stringify(figures));
      expect(figures.problems).toEqual([]);
      expect(figures.corrupt).toBe(0);
      expect(figures.kills).toBe(KILLS);
      // The kills landed while the writer was writing, not only while it was starting.
      expect(figures.killsMidLoop).toBeGreaterThan(0);
      expect(figures.truncatedTempIgnored).not.toBe(false);
    },
    300_000,
  );

  it('a broken file is reported as such: a reader that finds a torn checkpoint fails', async () => {
    // Guards the figures above against a reader that cannot fail.
    const kind = await loadDurableKind('checkpoint');
    const dir = await mkdtemp(join(tmpdir(), 'tessera-torn-'));
    try {
      await kind.write(dir, 3);
      const target = kind.target!(dir);
      const whole = await readFile(target);
      await writeFile(target, whole.subarray(0, whole.length - 100));
      await expect(kind.read(dir, 3)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
