import type { ModelConfig } from '../../engine/model/config';
import type { ExecutionProviderName } from '../../engine/runtime/execution-providers';
import type { Ready } from '../../engine/worker/messages';
import type { Trainer } from '../../engine/worker/spawn-trainer';
import type { RunParams } from '../../protocol/windows';

/**
 * Sets a fresh trainer up for the run: the miner and the validator train the same model with the
 * same batch shape and seed, so both start (and restart after a crash) their trainers this way.
 */
export function initTrainer(
  trainer: Trainer,
  run: RunParams,
  config: ModelConfig,
  choice: { providers?: ExecutionProviderName[]; threads?: number },
): Promise<Ready> {
  return trainer.init({
    config,
    batch: run.batch,
    seq: run.seq,
    seed: run.runId,
    ...(choice.providers ? { providers: choice.providers } : {}),
    ...(choice.threads ? { threads: choice.threads } : {}),
  });
}
