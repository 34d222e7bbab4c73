import { honestUpload } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/**
 * Replays an honest miner's payload of the previous window, bytes unchanged, as its own upload
 * for this one: validly signed, but for another window (§4 step 4, `window`).
 */
export const replayedWindow: HostileStrategy = {
  behaviour: 'replayed update from an old window',
  timing: 'mid-window',
  payload: async (ctx, window) => (await honestUpload(ctx, window - 1))?.bytes,
  caught: rejectedAs('window'),
};
