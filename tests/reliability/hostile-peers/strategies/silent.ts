import type { HostileStrategy } from './strategy';

/** Registers and never uploads: `missing` every window (§8.6 step 2). */
export const silent: HostileStrategy = {
  behaviour: 'registered, never uploads',
  timing: 'never',
  payload: async () => undefined,
  caught: (v) => v.outcome === 'missing',
};
