import { decodePayload } from '../../../../electron/protocol/payload';
import { honestUpload, signed } from './forge';
import type { HostileStrategy } from './strategy';

/**
 * Waits for an honest miner's upload of this window, then publishes the same update re-signed
 * under its own hotkey: a valid payload, caught only by index overlap, and as the later uploader
 * it is the one flagged (§8.6 step 3).
 */
export const copiedUpdate: HostileStrategy = {
  behaviour: "an honest peer's update copied under another hotkey",
  timing: 'after-honest',
  async payload(ctx, window) {
    const original = await honestUpload(ctx, window);
    if (!original) return undefined;
    const decoded = decodePayload(original.bytes, {
      runId: ctx.run.runId,
      window,
      configHash: ctx.configHash,
      codec: ctx.run.codec,
      layout: ctx.layout,
      hotkey: original.hotkey,
    });
    return decoded.ok ? signed(ctx, window, decoded.payload.pseudoGradient) : undefined;
  },
  caught: (v) => v.outcome === 'copy',
};
