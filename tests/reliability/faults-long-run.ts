/**
 * A long run on a fast clock: the core's and the miner's trainer's resident memory and open file
 * descriptors sampled throughout, and the log files checked for rotation within their limits.
 * Growth compares the run's second tenth (after start-up has allocated what it keeps) with its
 * last tenth, medians both, so one busy sample does not decide it.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevnetParams } from '../../electron/devnet/params';
import { CoreProcess, FAST_DEVNET, logMatching, SMALL_RUN, windowMs } from './faults-core';
import { openFds, residentBytes } from './faults-proc';
import { delay } from './faults-wait';

export interface LongRunOptions {
  windows: number;
  devnetParams?: Partial<DevnetParams>;
  /** Small enough that the run rotates its log several times. */
  logFiles?: { maxFileBytes: number; keepFiles: number };
  log?: (line: string) => void;
}

export interface Trend {
  /** Median of the run's second tenth. */
  early: number;
  /** Median of the run's last tenth. */
  late: number;
  peak: number;
  /** (late - early) / early. */
  growth: number;
}

export interface LongRunFigures {
  windows: number;
  windowsTrained: number;
  rssMiB: { core: Trend; trainer: Trend };
  fds: { core: Trend; trainer: Trend };
  logs: { files: number; rotated: number; largestBytes: number; maxFileBytes: number };
  /** Times the miner's trainer was replaced (it should never crash on its own). */
  trainerRestarts: number;
  coreExited: boolean;
  samples: number;
  seconds: number;
}

/** 200 ms blocks, 20-block windows: 200 windows in about 13 minutes. */
const LONG_DEVNET: Partial<DevnetParams> = { ...FAST_DEVNET, blockMs: 200 };
const STARTUP_MS = 240_000;
const MIB = 1024 * 1024;

function trend(samples: number[]): Trend {
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const early = median(samples.slice(tenth, 2 * tenth));
  const late = median(samples.slice(-tenth));
  return { early, late, peak: Math.max(...samples), growth: early ? (late - early) / early : 0 };
}

function logFiles(dir: string) {
  const names = readdirSync(dir).filter((n) => n.startsWith('tessera.log'));
  return {
    files: names.length,
    rotated: names.filter((n) => n !== 'tessera.log').length,
    largestBytes: Math.max(...names.map((n) => statSync(join(dir, n)).size)),
  };
}

export async function measureLongRun(options: LongRunOptions): Promise<LongRunFigures> {
  const params = options.devnetParams ?? LONG_DEVNET;
  const logLimits = options.logFiles ?? { maxFileBytes: 64 * 1024, keepFiles: 3 };
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-faults-long-'));
  const started = performance.now();
  const core = new CoreProcess({
    dataDir: dir,
    devnetParams: params,
    devnetRun: SMALL_RUN,
    logFiles: logLimits,
  });
  const gathered = /^window (\d+): gathered/;
  const windowOf = (message: string) => Number(gathered.exec(message)?.[1]);
  const rss = { core: [] as number[], trainer: [] as number[] };
  const fds = { core: [] as number[], trainer: [] as number[] };
  try {
    try {
      const first = await core.line('the first window', 0, logMatching(gathered), STARTUP_MS);
      const firstWindow = windowOf(first.line.event.payload.message);
      const lastWindow = () =>
        windowOf(core.logLines().findLast((l) => gathered.test(l.message))?.message ?? '');
      let reported = firstWindow;
      while (lastWindow() < firstWindow + options.windows) {
        if (core.exitedByItself) throw new Error(`the core exited: ${core.stderrTail}`);
        const trainer = core.minerTrainer();
        const sample = [
          residentBytes(core.pid),
          trainer && residentBytes(trainer),
          openFds(core.pid),
          trainer && openFds(trainer),
        ];
        // A trainer mid-replacement has no numbers; skip the sample rather than record a zero.
        if (sample.every((x) => x !== undefined)) {
          const [coreRss, trainerRss, coreFds, trainerFds] = sample as number[];
          rss.core.push(coreRss! / MIB);
          rss.trainer.push(trainerRss! / MIB);
          fds.core.push(coreFds!);
          fds.trainer.push(trainerFds!);
        }
        if (lastWindow() - reported >= 10) {
          reported = lastWindow();
          log(
            `window ${reported - firstWindow}/${options.windows}: core ${rss.core.at(-1)?.toFixed(0)} MiB, trainer ${rss.trainer.at(-1)?.toFixed(0)} MiB`,
          );
        }
        await delay(windowMs(params) / 4);
      }
    } finally {
      await core.stop();
    }
    return {
      windows: options.windows,
      windowsTrained: core.logLines().filter((l) => /: trained, loss/.test(l.message)).length,
      rssMiB: { core: trend(rss.core), trainer: trend(rss.trainer) },
      fds: { core: trend(fds.core), trainer: trend(fds.trainer) },
      logs: { ...logFiles(join(dir, 'logs')), maxFileBytes: logLimits.maxFileBytes },
      trainerRestarts:
        new Set(core.lines.flatMap((l) => (l.type === 'train' ? [l.pid] : []))).size - 1,
      coreExited: core.exitedByItself,
      samples: rss.core.length,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
