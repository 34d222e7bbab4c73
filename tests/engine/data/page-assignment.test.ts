import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignPages, randomPages } from '../../../electron/engine/data';

const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const bob = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const base = { hotkey: alice, window: 42, runSeed: 'run-1', pagesPerWindow: 8, totalPages: 1000 };

describe('assignPages', () => {
  it('follows the documented construction (values computed independently, in Python)', () => {
    expect(assignPages(base)).toEqual([963, 745, 564, 458, 228, 448, 914, 921]);
  });

  it('matches sha256 of "tessera/pages/v1|runSeed|window|hotkey|i", first 8 bytes mod pages', () => {
    const digest = createHash('sha256').update(`tessera/pages/v1|run-1|42|${alice}|0`).digest();
    expect(assignPages(base)[0]).toBe(Number(digest.readBigUInt64BE(0) % 1000n));
  });

  it('is deterministic', () => {
    expect(assignPages({ ...base })).toEqual(assignPages({ ...base }));
  });

  it('differs across hotkeys, windows and run seeds', () => {
    const pages = assignPages(base);
    expect(assignPages({ ...base, hotkey: bob })).not.toEqual(pages);
    expect(assignPages({ ...base, window: 43 })).not.toEqual(pages);
    expect(assignPages({ ...base, runSeed: 'run-2' })).not.toEqual(pages);
  });

  it('gives distinct pages in range, even when a window takes every page', () => {
    for (let window = 0; window < 50; window++) {
      const pages = assignPages({ ...base, window, pagesPerWindow: 30, totalPages: 64 });
      expect(pages).toHaveLength(30);
      expect(new Set(pages).size).toBe(30);
      for (const page of pages) {
        expect(Number.isInteger(page)).toBe(true);
        expect(page).toBeGreaterThanOrEqual(0);
        expect(page).toBeLessThan(64);
      }
    }
    const all = assignPages({ ...base, window: 0, pagesPerWindow: 10, totalPages: 10 });
    expect(all).toEqual([3, 5, 4, 7, 9, 1, 8, 2, 0, 6]);
  });

  it('spreads miners over the corpus rather than piling onto a few pages', () => {
    const counts = new Array(100).fill(0);
    for (let window = 0; window < 200; window++) {
      for (const page of assignPages({ ...base, window, pagesPerWindow: 5, totalPages: 100 })) {
        counts[page]++;
      }
    }
    // 1000 draws over 100 pages: 10 expected per page.
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBeLessThan(30);
  });

  it('rejects malformed input with a typed error', () => {
    const bad = [
      { hotkey: '' },
      { hotkey: 'a|b' },
      { runSeed: '' },
      { runSeed: 'seed|1' },
      { window: -1 },
      { window: 1.5 },
      { pagesPerWindow: 0 },
      { pagesPerWindow: 1001 },
      { totalPages: 0 },
      { totalPages: Number.POSITIVE_INFINITY },
    ];
    for (const change of bad) {
      expect(() => assignPages({ ...base, ...change })).toThrow(
        expect.objectContaining({ kind: 'invalid-assignment', name: 'DataError' }),
      );
    }
  });
});

describe('randomPages', () => {
  const window = { window: 42, runSeed: 'run-1', pagesPerWindow: 8, totalPages: 1000 };

  it('uses its own domain tag, so it never reproduces a miner assignment', () => {
    expect(randomPages(window)).toEqual([585, 996, 151, 754, 909, 913, 776, 359]);
    expect(randomPages({ ...window, salt: alice })).not.toEqual(assignPages(base));
  });

  it('is deterministic for a salt and changes with it', () => {
    expect(randomPages({ ...window, salt: 'v1' })).toEqual(randomPages({ ...window, salt: 'v1' }));
    expect(randomPages({ ...window, salt: 'v1' })).not.toEqual(
      randomPages({ ...window, salt: 'v2' }),
    );
    expect(randomPages({ ...window, window: 43 })).not.toEqual(randomPages(window));
  });

  it('never draws an excluded page, such as the miner own', () => {
    const own = assignPages({ ...base, totalPages: 20, pagesPerWindow: 10 });
    const baseline = randomPages({ ...window, totalPages: 20, pagesPerWindow: 10, exclude: own });
    expect(baseline).toHaveLength(10);
    expect(new Set([...own, ...baseline]).size).toBe(20);
  });

  it('refuses to draw more pages than are left after exclusions', () => {
    expect(() =>
      randomPages({ ...window, totalPages: 10, pagesPerWindow: 8, exclude: [0, 1, 2] }),
    ).toThrow(expect.objectContaining({ kind: 'invalid-assignment' }));
    expect(() => randomPages({ ...window, salt: 'x|y' })).toThrow(
      expect.objectContaining({ kind: 'invalid-assignment' }),
    );
  });
});
