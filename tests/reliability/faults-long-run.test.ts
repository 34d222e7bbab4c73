/**
 * A short version of the long run (the 200-window one is `npm run reliability`): with a 4 KiB log
 * limit the log rotates within its file count and size, descriptors do not pile up, and the core
 * and its trainer keep running. Memory growth is only reported: ten windows are mostly warm-up.
 */
import { describe, expect, it } from 'vitest';
import { measureLongRun } from './faults-long-run';

describe('a run of many windows', () => {
  it('rotates its log and holds its file descriptors', async () => {
    const figures = await measureLongRun({
      windows: 10,
      logFiles: { maxFileBytes: 4096, keepFiles: 2 },
    });
    expect(figures.logs.rotated).toBeGreaterThan(0);
    expect(figures.logs.files).toBeLessThanOrEqual(3);
    expect(figures.logs.largestBytes).toBeLessThanOrEqual(4096);
    expect(figures.fds.core.late).toBeLessThanOrEqual(figures.fds.core.early + 4);
    expect(figures.fds.trainer.late).toBeLessThanOrEqual(figures.fds.trainer.early + 4);
    expect(figures.trainerRestarts).toBe(0);
    expect(figures.coreExited).toBe(false);
  }, 600_000);
});
