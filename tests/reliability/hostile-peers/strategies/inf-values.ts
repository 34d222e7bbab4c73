import { noiseUpdate, signed } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/** A signed update shifted by +Infinity: §4 step 10, `quantization`. */
export const infValues: HostileStrategy = {
  behaviour: 'Inf values',
  timing: 'mid-window',
  payload(ctx, window) {
    const update = noiseUpdate(ctx, window);
    const [name, t] = [...update].at(-1)!;
    update.set(name, { ...t, quant: { ...t.quant, shift: Number.POSITIVE_INFINITY } });
    return signed(ctx, window, update);
  },
  caught: rejectedAs('quantization'),
};
