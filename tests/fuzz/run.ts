/**
 * The full fuzz run, outside `npm test`: every target at its full size times `--scale`
 * (1 000 000 payloads and 100 000 of everything else at scale 1). With `--json`, prints one JSON
 * summary (per target: cases, failures with examples, slowest case, heap growth); exits 1 when
 * any target broke its promise.
 *
 *   node --import tsx tests/fuzz/run.ts --json [--scale 1] [--seed N] [--target NAME]...
 */
import { parseArgs } from 'node:util';
import { runFuzz } from './run-all';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    scale: { type: 'string', default: '1' },
    seed: { type: 'string' },
    target: { type: 'string', multiple: true },
  },
});
const scale = Number(values.scale);
if (!(scale > 0)) throw new Error(`--scale needs a positive number, got ${values.scale}`);

const summary = await runFuzz({
  scale,
  ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
  ...(values.target ? { targets: values.target } : {}),
  onTarget: (t) => {
    if (values.json) return;
    process.stdout.write(
      `${t.target}: ${t.cases} cases, ${t.failures} failures, slowest ${t.slowestCaseMs.toFixed(1)} ms, ` +
        `${(t.totalMs / 1000).toFixed(1)} s, heap ${t.heapGrowthMb.toFixed(1)} MB\n`,
    );
    for (const example of t.examples) process.stdout.write(`  ${example}\n`);
  },
});
if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exitCode = summary.failures > 0 ? 1 : 0;
