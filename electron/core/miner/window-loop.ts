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
  /** The first wait before restarting a crashed trainer; it doubles per crash in a row. */
  restartDelayMs?: number;
}

/** A trainer that keeps crashing is restarted at most this often. */
const MAX_RESTART_DELAY_MS = 60_000;

/**
 * Runs windows until stopped. A node never gives up because of one bad window: a crashed trainer
 * is replaced (after a pause that doubles while it keeps crashing, so a broken driver does not
 * spin), any other failure is reported and retried a block later.
 */
export async function runWindows(loop: WindowLoop): Promise<void> {
  let crashes = 0;
  while (!loop.signal.aborted) {
    try {
      await loop.window();
      crashes = 0;
    } catch (error) {
      if (error instanceof Stopped || loop.signal.aborted) break;
      if (error instanceof TrainerCrashedError) {
        crashes++;
        const delay = Math.min(
          MAX_RESTART_DELAY_MS,
          (loop.restartDelayMs ?? 1_000) * 2 ** (crashes - 1),
        );
        loop.problem(
          error.kind,
          `${error.message}; restarting it in ${Math.round(delay / 1000)} s (attempt ${crashes})`,
        );
        await sleep(delay, loop.signal);
        if (loop.signal.aborted) break;
        // A trainer that dies while starting is one more crash: the next window finds it dead.
        await loop.restartTrainer().catch((e: Error) => loop.problem('trainer-start', e.message));
        continue;
      }
      const e = error as Error & { kind?: string };
      loop.problem(e.kind ?? e.name, e.message);
      await sleep(loop.retryMs, loop.signal);
    }
  }
}
