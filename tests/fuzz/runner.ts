import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describeThrown, type FuzzTarget } from './properties/target';

export interface TargetSummary {
  target: string;
  cases: number;
  failures: number;
  /** The first few broken promises, each with the input that broke it (shortened). */
  examples: string[];
  slowestCaseMs: number;
  totalMs: number;
  /** Heap after a full collection, minus the same before the cases. */
  heapGrowthMb: number;
  seed: number;
  /** How the cases ended (rejection kinds, acceptances), most frequent first. */
  outcomes: Record<string, number>;
}

const MAX_EXAMPLES = 3;

// A full collection before and after makes the heap figure mean "kept", not "not yet collected".
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function heapMb(): number {
  collect();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function show(input: unknown): string {
  const text = fc.stringify(input);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * Runs `cases` inputs through a target. A broken promise does not stop the run: every case is
 * counted, so the figure "failures" means what it says, and the first few are kept to be turned
 * into regression tests.
 */
export async function runTarget(
  target: FuzzTarget,
  cases: number,
  seed: number,
): Promise<TargetSummary> {
  const fuzzCase = await target.prepare();
  const summary: TargetSummary = {
    target: target.name,
    cases: 0,
    failures: 0,
    examples: [],
    slowestCaseMs: 0,
    totalMs: 0,
    heapGrowthMb: 0,
    seed,
    outcomes: {},
  };
  const fail = (problem: string, input: unknown) => {
    summary.failures++;
    if (summary.examples.length < MAX_EXAMPLES)
      summary.examples.push(`${problem} <- ${show(input)}`);
  };
  const heapBefore = heapMb();
  const started = performance.now();
  try {
    const details = await fc.check(
      fc.asyncProperty(fuzzCase.arbitrary, async (input) => {
        const caseStarted = performance.now();
        let problem: string | undefined;
        try {
          problem = await fuzzCase.check(input);
        } catch (error) {
          problem = `threw ${describeThrown(error)}`;
        }
        summary.slowestCaseMs = Math.max(summary.slowestCaseMs, performance.now() - caseStarted);
        summary.cases++;
        if (problem !== undefined) fail(problem, input);
        return true;
      }),
      { numRuns: cases, seed },
    );
    // Only the generators themselves can fail the property: that is a broken harness.
    if (details.failed)
      fail(`the harness failed: ${String(details.errorInstance)}`, details.counterexample);
  } finally {
    await fuzzCase.dispose?.();
  }
  summary.totalMs = performance.now() - started;
  summary.outcomes = Object.fromEntries([...(fuzzCase.outcomes ?? [])].sort((a, b) => b[1] - a[1]));
  summary.heapGrowthMb = heapMb() - heapBefore;
  return summary;
}
