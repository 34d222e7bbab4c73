/**
 * Trainer processes as the core makes them (`forkTransport`), with what the fault checks need to
 * see from outside: each process id (to kill it), which trainers are asked to train (the miner's,
 * not the validator's, which only evaluates), and the hash of every model handed to a trainer
 * (to check it against the validator's manifests). Nothing about the trainer itself changes.
 */
import { modelHash } from '../../electron/core/miner/model-state';
import { parameterShapes } from '../../electron/engine/model/config';
import { forkTransport, Trainer } from '../../electron/engine/worker/spawn-trainer';
import type { ParameterLayout } from '../../electron/protocol/codec';
import { childPids } from './faults-proc';

export type TrainerLine =
  | { type: 'trainer'; pid: number }
  | { type: 'train'; pid: number }
  | { type: 'weights'; pid: number; hash: string };

export function recordingTrainers(report: (line: TrainerLine) => void): () => Trainer {
  return () => {
    // fork() is synchronous, so the one new child after it is this trainer.
    const before = new Set(childPids(process.pid));
    const transport = forkTransport();
    const pid = childPids(process.pid).find((p) => !before.has(p));
    if (pid === undefined) throw new Error('the trainer process did not appear in /proc');
    report({ type: 'trainer', pid });
    let layout: ParameterLayout | undefined;
    return new Trainer({
      ...transport,
      send(message) {
        if (message.type === 'init') layout = parameterShapes(message.config);
        else if (message.type === 'train') report({ type: 'train', pid });
        else if (message.type === 'setWeights' && layout)
          report({ type: 'weights', pid, hash: modelHash(message.weights, layout) });
        transport.send(message);
      },
    });
  };
}
