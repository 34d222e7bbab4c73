import { describe, expect, it } from 'vitest';
import { listRunningPrograms } from '../../../electron/core/policy/running-programs';

describe('listRunningPrograms', () => {
  it("lists this machine's processes by executable name, each once", async () => {
    const programs = await listRunningPrograms();
    // The vitest worker running this test is a node process.
    expect(programs).toContain('node');
    expect(new Set(programs).size).toBe(programs?.length);
  });

  it.each([
    { case: 'never answers', lister: () => new Promise<never>(() => {}) },
    { case: 'fails', lister: () => Promise.reject(new Error('ps: not found')) },
  ])('gives undefined (unknown) when the process list $case', async (row) => {
    expect(await listRunningPrograms(50, row.lister)).toBeUndefined();
  });

  it('drops nameless entries and repeats', async () => {
    const list = [{ name: 'node' }, { name: '' }, { name: 'node' }, { name: 'steam.exe' }];
    expect(await listRunningPrograms(1_000, async () => ({ list }))).toEqual(['node', 'steam.exe']);
  });
});
