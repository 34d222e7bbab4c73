/**
 * The parent's side of `faults-core-process.ts`: the core in its own process, what it prints,
 * and its processes (the core, the miner's trainer, every trainer) for the checks to kill, sample
 * or stop.
 */
import type { ContractEvent } from '../../electron/contract';
import type { LogLine } from '../../electron/contract/diagnostics';
import type { DevnetParams } from '../../electron/devnet/params';
import type { RunParams } from '../../electron/protocol/windows';
import { ChildLines } from './faults-child';
import type { CoreLine, CoreProcessOptions } from './faults-core-process';
import { childPids, isAlive } from './faults-proc';

export class CoreProcess extends ChildLines<CoreLine> {
  constructor(options: CoreProcessOptions) {
    super(new URL('./faults-core-process.ts', import.meta.url), options);
  }

  /** The living trainer the miner trains in (the validator's only evaluates). */
  minerTrainer(): number | undefined {
    const training = this.lines.flatMap((l) => (l.type === 'train' ? [l.pid] : []));
    return training.reverse().find((pid) => isAlive(pid));
  }

  /** Every trainer process the core has now. */
  trainers(): number[] {
    return childPids(this.pid);
  }

  logLines(): LogLine[] {
    return this.lines.flatMap((l) =>
      l.type === 'event' && l.event.event === 'log.line' ? [l.event.payload] : [],
    );
  }

  override stop(): Promise<void> {
    return super.stop(() => this.trainers());
  }
}

/**
 * 250 ms blocks, 20-block windows (5 s) and rewards every window, as the integration test: fast
 * enough for dozens of windows in minutes.
 */
export const FAST_DEVNET: Partial<DevnetParams> = {
  blockMs: 250,
  blocksPerWindow: 20,
  tempo: 20,
  immunityBlocks: 0,
};

/**
 * nano with a smaller step than the product's (H = 15 of 4 x 64 tokens): measured at a load
 * average of 18 on the 2 shared cores, the product's step took 6.5-9 s, longer than a fast
 * window; 6 steps of 2 x 64 tokens and 4 evaluation pages end well inside one.
 */
export const SMALL_RUN: Partial<RunParams> = { innerSteps: 6, batch: 2, seq: 64, evalPages: 4 };

export function windowMs(params: Partial<DevnetParams>): number {
  return (params.blockMs ?? 1_000) * (params.blocksPerWindow ?? 1);
}

export const isTrain = (l: CoreLine): l is Extract<CoreLine, { type: 'train' }> =>
  l.type === 'train';

type LogEventLine = { type: 'event'; event: Extract<ContractEvent, { event: 'log.line' }> };

/** A log line of the core whose message matches. */
export const logMatching =
  (pattern: RegExp) =>
  (l: CoreLine): l is LogEventLine =>
    l.type === 'event' && l.event.event === 'log.line' && pattern.test(l.event.payload.message);
