import { describe, expect, it } from 'vitest';
import { runWindows } from '../../../electron/core/miner/window-loop';
import { TrainerCrashedError } from '../../../electron/engine/worker/spawn-trainer';

describe('the window loop as the trainer supervisor', () => {
  it('restarts a crashed trainer with a doubling wait, says why, and starts over after a good window', async () => {
    const abort = new AbortController();
    const script = ['crash', 'crash', 'ok', 'crash', 'ok', 'stop'];
    const problems: string[] = [];
    let restarts = 0;
    await runWindows({
      signal: abort.signal,
      retryMs: 1,
      restartDelayMs: 2,
      async window() {
        const step = script.shift();
        if (step === 'crash') throw new TrainerCrashedError(null, 'SIGKILL', 'killed by the test');
        if (step === 'stop') abort.abort();
      },
      async restartTrainer() {
        restarts++;
      },
      problem: (kind, message) => problems.push(`${kind}: ${message}`),
    });
    expect(restarts).toBe(3);
    expect(problems).toEqual([
      'trainer-crashed: the trainer process exited (SIGKILL): killed by the test; restarting it in 0 s (attempt 1)',
      'trainer-crashed: the trainer process exited (SIGKILL): killed by the test; restarting it in 0 s (attempt 2)',
      'trainer-crashed: the trainer process exited (SIGKILL): killed by the test; restarting it in 0 s (attempt 1)',
    ]);
  });

  it('keeps supervising when the replacement trainer fails to start', async () => {
    const abort = new AbortController();
    const problems: string[] = [];
    let windows = 0;
    await runWindows({
      signal: abort.signal,
      retryMs: 1,
      restartDelayMs: 1,
      async window() {
        windows++;
        if (windows === 3) abort.abort();
        else throw new TrainerCrashedError(1, null, '');
      },
      restartTrainer: () => Promise.reject(new Error('no device')),
      problem: (kind) => problems.push(kind),
    });
    expect(problems).toEqual([
      'trainer-crashed',
      'trainer-start',
      'trainer-crashed',
      'trainer-start',
    ]);
  });
});
