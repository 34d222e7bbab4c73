/**
 * The trainer killed with SIGKILL at random moments of a run: each time, the core's supervisor
 * replaces it and the replacement trains from the core's model, which must be one the validator
 * vouched for (its manifest's modelHash); every checkpoint on disk must load and match its
 * manifest; and training must go on after the last kill.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevnetParams } from '../../electron/devnet/params';
import { auditCheckpoints, validatorBucket } from './faults-checkpoints';
import { CoreProcess, FAST_DEVNET, isTrain, logMatching, SMALL_RUN, windowMs } from './faults-core';
import type { TrainerLine } from './faults-trainer-recorder';
import { delay, seededRandom, until } from './faults-wait';

export interface TrainerKillOptions {
  kills: number;
  devnetParams?: Partial<DevnetParams>;
  seed?: number;
  log?: (line: string) => void;
}

export interface TrainerKillFigures {
  kills: number;
  /** Kills after which a replacement trainer was handed the model and asked to train. */
  resumes: number;
  /** Replacements handed a model that no manifest of the validator names. */
  unvouchedModels: number;
  /** Distinct checkpoints loaded and matched to their manifest, over audits after every resume. */
  checkpointsVerified: number;
  /** Checkpoint or manifest files that did not load or match (goal 0), with why. */
  corruptFiles: number;
  corrupt: string[];
  /** Windows the miner trained over the run. */
  windowsTrained: number;
  /** From the kill to the replacement's first training request. */
  secondsToResume: { median: number; max: number };
  coreExited: boolean;
  seconds: number;
  seed: number;
}

const STARTUP_MS = 180_000;
/** The supervisor's backoff doubles while a trainer keeps dying; a minute is its ceiling. */
const RESUME_MS = 180_000;

export async function measureTrainerKills(
  options: TrainerKillOptions,
): Promise<TrainerKillFigures> {
  const params = options.devnetParams ?? FAST_DEVNET;
  const seed = options.seed ?? Date.now() % 2 ** 31;
  const random = seededRandom(seed);
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-faults-kills-'));
  const started = performance.now();
  const core = new CoreProcess({ dataDir: dir, devnetParams: params, devnetRun: SMALL_RUN });
  const resumeMs: number[] = [];
  const replacements: number[] = [];
  const verified = new Set<number>();
  const corrupt = new Set<string>();
  const audit = async () => {
    const store = validatorBucket(join(dir, 'network', 'buckets'));
    const result = store ? await auditCheckpoints(store) : undefined;
    for (const w of result?.verified ?? []) verified.add(w);
    for (const c of result?.corrupt ?? []) corrupt.add(c);
    return result;
  };
  try {
    try {
      let { index: from } = await core.line('the miner training', 0, isTrain, STARTUP_MS);
      for (let kill = 1; kill <= options.kills; kill++) {
        // The next window's training request means the last one completed, which resets the
        // supervisor's backoff; the kill lands at a random moment of that window.
        await core.line('the next window', from + 1, isTrain, RESUME_MS);
        await delay(random() * windowMs(params));
        const pid = await until('a living miner trainer', () => core.minerTrainer(), RESUME_MS);
        const before = core.lines.length;
        process.kill(pid, 'SIGKILL');
        const killedAt = performance.now();
        const resumed = await core.line(
          `a replacement for trainer ${pid}`,
          before,
          (l): l is Extract<typeof l, { type: 'train' }> => isTrain(l) && l.pid !== pid,
          RESUME_MS,
        );
        resumeMs.push(performance.now() - killedAt);
        replacements.push(resumed.line.pid);
        from = resumed.index;
        await audit();
        log(
          `kill ${kill}: trainer ${pid} replaced by ${resumed.line.pid} in ${(resumeMs.at(-1)! / 1000).toFixed(1)} s`,
        );
      }
      await core.line('an upload after the last kill', from, logMatching(/uploaded/), RESUME_MS);
    } finally {
      await core.stop();
    }
    const final = await audit();
    const vouched = new Set(final?.manifests.values() ?? []);
    // The first model each replacement was handed, before its first training request.
    const handed = replacements.map(
      (pid) =>
        core.lines.find((l) => l.type === 'weights' && l.pid === pid) as TrainerLine | undefined,
    );
    const sorted = [...resumeMs].sort((a, b) => a - b);
    return {
      kills: options.kills,
      resumes: resumeMs.length,
      unvouchedModels: handed.filter((w) => w?.type !== 'weights' || !vouched.has(w.hash)).length,
      checkpointsVerified: verified.size,
      corruptFiles: corrupt.size,
      corrupt: [...corrupt].slice(0, 10),
      windowsTrained: core.logLines().filter((l) => /: trained, loss/.test(l.message)).length,
      secondsToResume: {
        median: (sorted[Math.floor(sorted.length / 2)] ?? 0) / 1000,
        max: (sorted.at(-1) ?? 0) / 1000,
      },
      coreExited: core.exitedByItself,
      seconds: (performance.now() - started) / 1000,
      seed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
