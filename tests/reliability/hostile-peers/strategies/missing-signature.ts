import { decodeSafetensors, encodeSafetensors } from '../../../../electron/protocol/safetensors';
import { noiseUpdate, signed } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/** A well-formed payload without its `signature` entry (§4 step 3, `metadata`). */
export const missingSignature: HostileStrategy = {
  behaviour: 'missing signature',
  timing: 'mid-window',
  async payload(ctx, window) {
    const file = decodeSafetensors(await signed(ctx, window, noiseUpdate(ctx, window)));
    const { signature: _, ...unsigned } = file.metadata;
    return encodeSafetensors(file.tensors, unsigned);
  },
  caught: rejectedAs('metadata'),
};
