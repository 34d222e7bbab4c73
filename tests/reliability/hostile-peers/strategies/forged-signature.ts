import { noiseUpdate, signed } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/** Claims its own hotkey but is signed by another key (§4 step 9, `signature`). */
export const forgedSignature: HostileStrategy = {
  behaviour: 'forged signature',
  timing: 'mid-window',
  payload: (ctx, window) =>
    signed(ctx, window, noiseUpdate(ctx, window), {
      signer: { ss58Address: ctx.signer.ss58Address, sign: (m) => ctx.other.sign(m) },
    }),
  caught: rejectedAs('signature'),
};
