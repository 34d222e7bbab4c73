/**
 * Found by the trainer-kill check: a request sent to a trainer that has just been killed, before
 * the host has seen it go, must reject with `TrainerCrashedError` rather than take the host down
 * (the failed IPC write used to be an unhandled 'error' event on the child process).
 */
import { describe, expect, it } from 'vitest';
import { TrainerCrashedError } from '../../electron/engine/worker/spawn-trainer';
import { isAlive } from './faults-proc';
import { recordingTrainers, type TrainerLine } from './faults-trainer-recorder';

describe('a trainer killed between two requests', () => {
  it('rejects the next request as a crash and the host carries on', async () => {
    const lines: TrainerLine[] = [];
    const trainer = recordingTrainers((l) => lines.push(l))();
    const { pid } = lines[0]!;
    process.kill(pid, 'SIGKILL');
    // Wait without yielding, so the host has not yet seen the exit when it writes the request.
    while (isAlive(pid)) {}
    await expect(trainer.weights()).rejects.toBeInstanceOf(TrainerCrashedError);
    expect(trainer.running).toBe(false);
  });
});
