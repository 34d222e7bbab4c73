import { noiseUpdate, signed } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/** A signed update whose dequantisation table holds NaN: §4 step 10, `quantization`. */
export const nanValues: HostileStrategy = {
  behaviour: 'NaN values',
  timing: 'mid-window',
  payload(ctx, window) {
    const update = noiseUpdate(ctx, window);
    const [name, t] = [...update][0]!;
    const lookup = Float32Array.from(t.quant.lookup);
    lookup[1] = Number.NaN;
    update.set(name, { ...t, quant: { ...t.quant, lookup } });
    return signed(ctx, window, update);
  },
  caught: rejectedAs('quantization'),
};
