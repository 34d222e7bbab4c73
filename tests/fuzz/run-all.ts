import { FUZZ_TARGETS } from './properties/index';
import { runTarget, type TargetSummary } from './runner';

export interface FuzzSummary {
  scale: number;
  seed: number;
  /** Broken promises over every target: the goal is 0. */
  failures: number;
  totalMs: number;
  targets: TargetSummary[];
}

/**
 * Every fuzz target at its full size times `scale` (1 000 000 payloads and 100 000 of everything
 * else at scale 1), one after another; `onTarget` hears each summary as it is done.
 */
export async function runFuzz(
  options: {
    scale?: number;
    seed?: number;
    targets?: readonly string[];
    onTarget?: (summary: TargetSummary) => void;
  } = {},
): Promise<FuzzSummary> {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const started = performance.now();
  const targets: TargetSummary[] = [];
  for (const target of FUZZ_TARGETS) {
    if (options.targets && !options.targets.includes(target.name)) continue;
    const cases = Math.max(1, Math.round(target.fullCases * scale));
    const summary = await runTarget(target, cases, seed);
    targets.push(summary);
    options.onTarget?.(summary);
  }
  return {
    scale,
    seed,
    failures: targets.reduce((n, t) => n + t.failures, 0),
    totalMs: Math.round(performance.now() - started),
    targets,
  };
}
