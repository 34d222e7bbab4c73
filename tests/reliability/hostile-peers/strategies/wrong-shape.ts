import type { ParameterLayout } from '../../../../electron/protocol/codec';
import { noiseUpdate, signed } from './forge';
import { type HostileStrategy, rejectedAs } from './strategy';

/**
 * A correctly signed update for a model whose first matrix has half the rows: fewer chunks, so
 * the tensors are smaller than this model and codec produce (§4 step 7, `layout`). Smaller, not
 * larger, so the size cap (step 1) does not catch it first.
 */
export const wrongShape: HostileStrategy = {
  behaviour: 'wrong shapes',
  timing: 'mid-window',
  payload(ctx, window) {
    const layout: ParameterLayout = ctx.layout.map(([name, shape], i) =>
      i === 0 ? [name, [shape[0]! / 2, ...shape.slice(1)]] : [name, shape],
    );
    return signed({ ...ctx, layout }, window, noiseUpdate({ ...ctx, layout }, window), { layout });
  },
  caught: rejectedAs('layout'),
};
