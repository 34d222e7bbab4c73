import { TrainerCrashedError } from '../../engine/worker/spawn-trainer';
import { Stopped, sleep } from './persist';

export interface WindowLoop {
  signal: AbortSignal;
  /** One window's work; returns when the node should look at the next window. */
  window(): Promise<void>;
  /** Replaces a crashed trainer and hands it the model back. */
  restartTrainer(): Promise<void>;
  problem(kind: string, message: string): void;
  /** How long to wait after a failure before trying again (one block). */
  retryMs: number;
}

/**
 * Runs windows until stopped. A node never gives up because of one bad window: a crashed trainer
 * is replaced, any other failure is reported and retried a block later.
 */
export async function runWindows(loop: WindowLoop): Promise<void> {
  while (!loop.signal.aborted) {
    try {
      await loop.window();
    } catch (error) {
      if (error instanceof Stopped || loop.signal.aborted) break;
      if (error instanceof TrainerCrashedError) {
        loop.problem(error.kind, error.message);
        await loop.restartTrainer();
        continue;
      }
      const e = error as Error & { kind?: string };
      loop.problem(e.kind ?? e.name, e.message);
      await sleep(loop.retryMs, loop.signal);
    }
  }
}
