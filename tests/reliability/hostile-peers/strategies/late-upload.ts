import { noiseUpdate, signed } from './forge';
import type { HostileStrategy } from './strategy';

/** A valid, signed update written just after the upload deadline (§8.1 timing check: `late`). */
export const lateUpload: HostileStrategy = {
  behaviour: 'late upload',
  timing: 'after-deadline',
  payload: (ctx, window) => signed(ctx, window, noiseUpdate(ctx, window)),
  caught: (v) => v.outcome === 'late',
};
