import { payloadCap } from '../../../../electron/core/miner/gather';
import { type HostileStrategy, rejectedAs } from './strategy';

/** One byte over the largest payload this model can produce: refused before it is read (§4 step 1). */
export const oversized: HostileStrategy = {
  behaviour: 'oversized payload',
  timing: 'mid-window',
  payload: async (ctx) =>
    new Uint8Array(payloadCap({ layout: ctx.layout, codec: ctx.run.codec }) + 1),
  caught: rejectedAs('too-large'),
};
