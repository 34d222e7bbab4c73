import { signed, zeroUpdate } from './forge';
import type { HostileStrategy } from './strategy';

/**
 * Uploads on time every window without training: its pseudo-gradient is start − end = 0, validly
 * compressed and signed. Nothing in the file is wrong; the evaluation (§8.6 step 4) finds that it
 * improves nothing, so its score stays 0 and it earns nothing.
 */
export const neverTrains: HostileStrategy = {
  behaviour: 'a miner that never trains',
  timing: 'mid-window',
  payload: (ctx, window) => signed(ctx, window, zeroUpdate(ctx)),
  caught: (v) =>
    v.outcome === 'ok' &&
    v.gradientScore !== undefined &&
    v.gradientScore <= 0 &&
    v.finalScore === 0,
};
