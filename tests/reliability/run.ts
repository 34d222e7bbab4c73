/**
 * The reliability report, outside `npm test`: each part at full size (50 trainer kills, network
 * faults of two windows each, a 200-window run; the hostile-peer and crash-write checks at their
 * own defaults) and one JSON summary with `--json`. Exits 1 when a property misses its goal.
 * The fuzz run is its own script (`tests/fuzz/run.ts`).
 *
 *   node --import tsx tests/reliability/run.ts --json [--parts kills,network,long,hostile,crash]
 *     [--kills 50] [--outage-windows 2] [--windows 200] [--crash-kills 50] [--seed N]
 */
import { parseArgs } from 'node:util';
import { runCrashWrites } from './crash-writes/index';
import { measureLongRun } from './faults-long-run';
import { measureNetworkFaults } from './faults-network';
import { measureTrainerKills } from './faults-trainer-kills';
import { runHostilePeers } from './hostile-peers/index';

const PARTS = ['kills', 'network', 'long', 'hostile', 'crash'] as const;
type Part = (typeof PARTS)[number];

/** Resident memory may grow this much over the long run (the goal). */
const MEMORY_GROWTH_GOAL = 0.1;
/** Open descriptors may differ by this many between the run's second and last tenth. */
const FD_SLACK = 4;

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    parts: { type: 'string', default: PARTS.join(',') },
    kills: { type: 'string', default: '50' },
    'outage-windows': { type: 'string', default: '2' },
    windows: { type: 'string', default: '200' },
    'crash-kills': { type: 'string', default: '50' },
    seed: { type: 'string' },
  },
});
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a whole number from 1`);
  return n;
};
const parts = values.parts!.split(',') as Part[];
const unknown = parts.filter((p) => !PARTS.includes(p));
if (unknown.length)
  throw new Error(`unknown parts ${unknown.join(', ')}; choose from ${PARTS.join(', ')}`);

// With --json, stdout carries only the summary; progress goes to stderr.
const progress = (part: string) => (line: string) =>
  (values.json ? process.stderr : process.stdout).write(`[${part}] ${line}\n`);

const started = performance.now();
const summary: Record<string, unknown> = {};
const failures: string[] = [];
const goal = (holds: boolean, property: string) => {
  if (!holds) failures.push(property);
};

/** Runs a part; one that fails to finish is reported as such and the others still run. */
async function part<T>(
  name: Part,
  key: string,
  measure: () => Promise<T>,
  check: (figures: T) => void,
): Promise<void> {
  if (!parts.includes(name)) return;
  try {
    const figures = await measure();
    summary[key] = figures;
    check(figures);
  } catch (error) {
    summary[key] = { error: (error as Error).message };
    failures.push(`${name} did not finish: ${(error as Error).message.split('\n')[0]}`);
  }
}

await part(
  'kills',
  'trainerKills',
  () =>
    measureTrainerKills({
      kills: count('kills'),
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      log: progress('kills'),
    }),
  (k) => {
    goal(k.resumes === k.kills, 'every killed trainer is replaced and trains again');
    goal(k.unvouchedModels === 0, "every replacement trains from the validator's model");
    goal(k.corruptFiles === 0, 'no corrupt checkpoint or manifest');
    goal(!k.coreExited, 'the core never exits');
  },
);
await part(
  'network',
  'networkFaults',
  () => measureNetworkFaults({ outageWindows: count('outage-windows'), log: progress('network') }),
  (n) => {
    goal(
      n.outages.every((o) => o.agreesWithValidator),
      "the miner recovers onto the validator's model",
    );
    goal(n.registrationsKept && n.balancesKept, 'no registration or balance is lost');
    goal(n.processExits === 0, 'no process exits');
  },
);
await part(
  'long',
  'longRun',
  () => measureLongRun({ windows: count('windows'), log: progress('long') }),
  (l) => {
    goal(l.rssMiB.core.growth < MEMORY_GROWTH_GOAL, "the core's resident memory stays flat");
    goal(l.rssMiB.trainer.growth < MEMORY_GROWTH_GOAL, "the trainer's resident memory stays flat");
    goal(
      l.fds.core.late <= l.fds.core.early + FD_SLACK &&
        l.fds.trainer.late <= l.fds.trainer.early + FD_SLACK,
      'no file descriptors leak',
    );
    goal(l.logs.rotated > 0 && l.logs.largestBytes <= l.logs.maxFileBytes, 'log files rotate');
    goal(!l.coreExited, 'the core never exits');
  },
);
await part('hostile', 'hostilePeers', runHostilePeers, (h) => {
  goal(
    h.table.every((r) => r.detected),
    'every hostile behaviour is caught',
  );
  goal(h.honestLoss.withinTolerance, 'hostile peers do not move the honest loss');
});
await part(
  'crash',
  'crashWrites',
  () => runCrashWrites(count('crash-kills')),
  (c) =>
    goal(
      c.every((k) => k.corrupt === 0),
      'a write killed at any moment leaves a loadable state',
    ),
);

const report = { ...summary, failures, seconds: (performance.now() - started) / 1000 };
process.stdout.write(
  values.json ? `${JSON.stringify(report)}\n` : `${JSON.stringify(report, null, 2)}\n`,
);
process.exitCode = failures.length ? 1 : 0;
