import { chunkGeometry, packIndices, unpackIndices } from '../../../../electron/protocol/codec';
import { noiseUpdate, signed } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/**
 * A signed update whose last index in the first chunk of a norm weight (chunks of 64 entries) is
 * 4095: still ascending, fits 12 bits, but outside the chunk (§4 step 12, `index-out-of-range`).
 */
export const outOfRangeIndices: HostileStrategy = {
  behaviour: 'out-of-range indices',
  timing: 'mid-window',
  payload(ctx, window) {
    const update = noiseUpdate(ctx, window);
    const [name, shape] = ctx.layout.find(([, s]) => s.length === 1)!;
    const g = chunkGeometry(shape, ctx.run.codec);
    const t = update.get(name)!;
    const indices = new Uint16Array(g.keptTotal);
    unpackIndices(t.indices, 0, g.keptTotal, indices);
    indices[g.kept - 1] = 4095;
    const packed = new Uint8Array(t.indices.length);
    packIndices(indices, g.keptTotal, packed);
    update.set(name, { ...t, indices: packed });
    return signed(ctx, window, update);
  },
  caught: rejectedAs('index-out-of-range'),
};
