/**
 * The fuzz targets of tests/fuzz/properties at a bounded size, with a fixed seed so a failure
 * here reproduces: `node --import tsx tests/fuzz/run.ts --seed 20261128 --scale 0.01`
 * runs the same inputs and more. The full run (1 000 000 payloads) is `tests/fuzz/run.ts`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_TARGETS } from './properties/index';
import type { FuzzTarget } from './properties/target';
import { runTarget } from './runner';

const SEED = 20_261_128;

/**
 * Outcomes a bounded run must reach, so that a generator which stopped producing deep cases (every
 * input rejected at the first check, say) fails here instead of passing vacuously.
 */
const MUST_REACH: Readonly<Record<string, readonly string[]>> = {
  'payload decoder': [
    'accepted',
    'too-large',
    'malformed',
    'metadata',
    'run',
    'window',
    'codec',
    'layout',
    'non-canonical',
    'signature',
    'quantization',
    'padding',
    'index-order',
  ],
  'keyfile reader': [
    'opened plain',
    'opened nacl',
    'opened fernet',
    'wrong-password',
    'corrupt-keyfile',
    'unknown-format',
  ],
  'contract argument schemas': ['valid -> reached-handler', 'invalid -> invalid-arguments'],
  'command-line parsing': ['runCli exit 2', 'runCli exit 0', 'parseFlags', 'integerFlag'],
  'settings loader': ['read', 'missing', 'not-json', 'invalid', 'too-large'],
};

describe('fuzz targets, bounded', () => {
  it.each(FUZZ_TARGETS.map((t) => [t.name, t] as const))(
    '%s keeps its promise on every case',
    async (name, target) => {
      const summary = await runTarget(target, target.testCases, SEED);
      expect(summary.examples, JSON.stringify(summary.examples)).toEqual([]);
      expect(summary.failures).toBe(0);
      expect(summary.cases).toBe(target.testCases);
      for (const outcome of MUST_REACH[name] ?? []) {
        expect(summary.outcomes[outcome] ?? 0, outcome).toBeGreaterThan(0);
      }
    },
    60_000,
  );

  it('counts a broken promise as a failure with its input, and keeps going', async () => {
    const broken: FuzzTarget<number> = {
      name: 'a reader that throws on multiples of 7',
      fullCases: 0,
      testCases: 0,
      prepare: async () => ({
        arbitrary: fc.integer({ min: 0, max: 69 }),
        check: (n) => {
          if (n % 7 === 0) throw new TypeError(`cannot read ${n}`);
          return n === 1 ? 'returned the wrong thing' : undefined;
        },
      }),
    };
    const summary = await runTarget(broken as FuzzTarget<never>, 500, SEED);
    expect(summary.cases).toBe(500);
    expect(summary.failures).toBeGreaterThan(10);
    expect(summary.examples.join('\n')).toMatch(
      /threw TypeError: cannot read \d+ <- \d+|returned the wrong thing <- 1/,
    );
  });
});
