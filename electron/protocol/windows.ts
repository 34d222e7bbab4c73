/**
 * What miners and validators agree on about time and names (docs/PROTOCOL.md §8): which
 * blocks make a window, when an upload for it is due, when gathering starts, where each object
 * lives, and the run's parameters. Pure functions and one validated object, so every participant
 * computes the same deadlines and keys from the same chain height.
 */
import { type CodecParams, defaultCodecParams, validateCodecParams } from './codec';

/** Window `w` is blocks [w * blocksPerWindow, (w + 1) * blocksPerWindow), as in Templar. */
export function windowStartBlock(window: number, blocksPerWindow: number): number {
  return window * blocksPerWindow;
}

/**
 * The last block at which an upload for `window` is on time: the first block of the next window
 * plus `graceBlocks`. A payload depends on the aggregate of the window before, which is only
 * known once that window's gather has run, so miners finish late in their window; the grace
 * covers the upload itself (Templar allows 70 s after the next window starts, §2.2).
 */
export function uploadDeadlineBlock(window: number, run: WindowTiming): number {
  return windowStartBlock(window + 1, run.blocksPerWindow) + run.graceBlocks;
}

/**
 * The block at which gathering `window`'s payloads begins: `settleBlocks` after the deadline, so
 * an object written just before the deadline is listed by everyone who gathers. Miners and the
 * validator gather at the same height and apply the same acceptance rule, so they see one set.
 */
export function gatherStartBlock(window: number, run: WindowTiming): number {
  return uploadDeadlineBlock(window, run) + run.settleBlocks;
}

export interface WindowTiming {
  blocksPerWindow: number;
  graceBlocks: number;
  settleBlocks: number;
}

/** Object keys. Miners write to their own bucket, the validator to its own. */
export const objectKeys = {
  /** A miner's payload for a window, in its own bucket. */
  gradient: (window: number, hotkey: string) => `gradients/${window}/${hotkey}.safetensors`,
  gradientPrefix: (window: number) => `gradients/${window}/`,
  /** The model everyone trains from in `window` (after the outer step of window - 1). */
  checkpoint: (window: number) => `checkpoints/${window}.safetensors`,
  /** A small manifest for that model: its hash and the peers whose updates made it. */
  checkpointManifest: (window: number) => `checkpoints/${window}.json`,
  checkpointPrefix: 'checkpoints/',
  /** The peers whose payloads of `window` are aggregated (published during `window`). */
  peers: (window: number) => `peers/${window}.json`,
  peersPrefix: 'peers/',
  /** The run's parameters (RunParams), published by the validator once. */
  run: 'run.json',
} as const;

/** Windows named by `<window>.<ext>` under a prefix, ascending (other keys are ignored). */
export function windowsInKeys(keys: readonly string[], prefix: string, ext: string): number[] {
  const found: number[] = [];
  for (const key of keys) {
    if (!key.startsWith(prefix) || !key.endsWith(ext)) continue;
    const text = key.slice(prefix.length, key.length - ext.length);
    if (/^(0|[1-9][0-9]{0,14})$/.test(text)) found.push(Number(text));
  }
  return found.sort((a, b) => a - b);
}

/** Everything participants of one run must agree on, beyond the chain's own parameters. */
export interface RunParams extends WindowTiming {
  /** Names the run; payloads carry it, data assignment and the initial weights are seeded by it. */
  runId: string;
  /** A model configuration name (engine/model/config.ts), e.g. `nano`. */
  model: string;
  /** Inner AdamW steps per window (H). */
  innerSteps: number;
  /** Sequences per inner step. */
  batch: number;
  /** Tokens per sequence. */
  seq: number;
  /** Pages a miner is assigned per window: innerSteps × batch, each page used once. */
  pagesPerWindow: number;
  /** Inner learning rate schedule: linear warm-up then cosine to the floor (engine/optim). */
  innerLr: { peakLr: number; minLr: number; warmupSteps: number; decaySteps: number };
  /** Outer SGD learning rate (bench:comm's codec arm: plain SGD, lr 1; error feedback is the momentum). */
  outerLr: number;
  codec: CodecParams;
  /** Error-feedback decay β. */
  feedbackDecay: number;
  /** Pages per evaluation (own and random) when the validator scores a miner. */
  evalPages: number;
  /** The validator applies one miner's update alone at outerLr × evalFactor. */
  evalFactor: number;
}

/**
 * Defaults sized so that a 2-core CPU trains nano, uploads and is scored within one 15-block
 * window of 1 s blocks (measured in docs/PROTOCOL.md §8.8).
 */
export const DEFAULT_RUN: Omit<RunParams, 'runId' | 'blocksPerWindow'> = {
  model: 'nano',
  innerSteps: 15,
  batch: 4,
  seq: 64,
  pagesPerWindow: 60,
  innerLr: { peakLr: 3e-3, minLr: 3e-4, warmupSteps: 5, decaySteps: 2_000 },
  outerLr: 1,
  codec: defaultCodecParams,
  feedbackDecay: 0.95,
  graceBlocks: 2,
  settleBlocks: 1,
  evalPages: 8,
  evalFactor: 0.5,
};

/** The run of an embedded devnet: named after its chain id, the rest from the defaults. */
export function devnetRun(
  chain: { chainId: string; blocksPerWindow: number },
  overrides: Partial<RunParams> = {},
): RunParams {
  const merged: RunParams = {
    ...DEFAULT_RUN,
    runId: `devnet-${chain.chainId.slice(0, 16)}`,
    blocksPerWindow: chain.blocksPerWindow,
    ...overrides,
  };
  if (overrides.innerSteps !== undefined || overrides.batch !== undefined) {
    merged.pagesPerWindow = overrides.pagesPerWindow ?? merged.innerSteps * merged.batch;
  }
  return checkRunParams(merged);
}

export class RunParamsError extends Error {
  readonly kind = 'invalid-run';
  constructor(message: string) {
    super(message);
    this.name = 'RunParamsError';
  }
}

/** The run parameters, checked field by field (they come from a peer's bucket). */
export function checkRunParams(value: unknown): RunParams {
  if (typeof value !== 'object' || value === null)
    throw new RunParamsError('the run is not an object');
  const v = value as Record<string, unknown>;
  const whole = (name: string, min: number, max: number): number => {
    const x = v[name];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) {
      throw new RunParamsError(`${name} must be a whole number from ${min} to ${max}`);
    }
    return x;
  };
  const positive = (name: string, x: unknown, max = 1e6): number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0 || x > max) {
      throw new RunParamsError(`${name} must be a positive number`);
    }
    return x;
  };
  if (typeof v.runId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(v.runId)) {
    throw new RunParamsError('runId must be 1 to 64 letters, digits, dots, dashes or underscores');
  }
  if (typeof v.model !== 'string' || !/^[A-Za-z0-9._-]{1,32}$/.test(v.model)) {
    throw new RunParamsError('model must name a model configuration');
  }
  const lr = v.innerLr as Record<string, unknown> | undefined;
  if (typeof lr !== 'object' || lr === null) throw new RunParamsError('innerLr is missing');
  const codec = v.codec as CodecParams | undefined;
  if (typeof codec !== 'object' || codec === null) throw new RunParamsError('codec is missing');
  try {
    validateCodecParams(codec);
  } catch (error) {
    throw new RunParamsError(`codec: ${(error as Error).message}`);
  }
  const run: RunParams = {
    runId: v.runId,
    model: v.model,
    blocksPerWindow: whole('blocksPerWindow', 1, 100_000),
    graceBlocks: whole('graceBlocks', 0, 100_000),
    settleBlocks: whole('settleBlocks', 0, 100_000),
    innerSteps: whole('innerSteps', 1, 100_000),
    batch: whole('batch', 1, 4096),
    seq: whole('seq', 2, 65_536),
    pagesPerWindow: whole('pagesPerWindow', 1, 10_000_000),
    innerLr: {
      peakLr: positive('innerLr.peakLr', lr.peakLr, 10),
      minLr: positive('innerLr.minLr', lr.minLr, 10),
      warmupSteps:
        Number.isInteger(lr.warmupSteps) && (lr.warmupSteps as number) >= 0
          ? (lr.warmupSteps as number)
          : fail('innerLr.warmupSteps must be a whole number'),
      decaySteps:
        Number.isInteger(lr.decaySteps) && (lr.decaySteps as number) >= 1
          ? (lr.decaySteps as number)
          : fail('innerLr.decaySteps must be a whole number of at least 1'),
    },
    outerLr: positive('outerLr', v.outerLr, 100),
    codec: {
      chunk: codec.chunk,
      topk: codec.topk,
      dct: codec.dct,
      quantRange: codec.quantRange,
    },
    feedbackDecay:
      typeof v.feedbackDecay === 'number' && v.feedbackDecay >= 0 && v.feedbackDecay <= 1
        ? v.feedbackDecay
        : fail('feedbackDecay must be in [0, 1]'),
    evalPages: whole('evalPages', 1, 4096),
    evalFactor: positive('evalFactor', v.evalFactor, 100),
  };
  if (run.graceBlocks + run.settleBlocks >= run.blocksPerWindow) {
    throw new RunParamsError('graceBlocks + settleBlocks must be shorter than a window');
  }
  return run;
}

function fail(message: string): never {
  throw new RunParamsError(message);
}

/**
 * The wall-clock time of a block, for upload deadlines. The devnet's API gives the timestamp of
 * the head block only (and the block feed one per block), so an observer records the timestamps
 * it sees; for a block it did not see it extrapolates from the nearest one it did at the chain's
 * block time. Objects are judged by their store's `lastModified` against this time.
 */
export class BlockTimes {
  private readonly seen = new Map<number, number>();

  constructor(private readonly blockMs: number) {}

  record(block: number, timestamp: number): void {
    this.seen.set(block, timestamp);
    if (this.seen.size > 4096) {
      // Keep the most recent half: deadlines only ever look a few windows back.
      const keep = [...this.seen.keys()].sort((a, b) => b - a).slice(0, 2048);
      for (const b of [...this.seen.keys()]) if (!keep.includes(b)) this.seen.delete(b);
    }
  }

  /** When `block` was (or will be) made, in ms since the epoch; undefined before any record. */
  timeOf(block: number): number | undefined {
    const exact = this.seen.get(block);
    if (exact !== undefined) return exact;
    let nearest: number | undefined;
    for (const b of this.seen.keys()) {
      if (nearest === undefined || Math.abs(b - block) < Math.abs(nearest - block)) nearest = b;
    }
    if (nearest === undefined) return undefined;
    return this.seen.get(nearest)! + (block - nearest) * this.blockMs;
  }
}

/** Is an object written at `lastModified` on time for a deadline block made at `deadlineTime`? */
export function onTime(lastModified: Date, deadlineTime: number): boolean {
  return lastModified.getTime() <= deadlineTime;
}
