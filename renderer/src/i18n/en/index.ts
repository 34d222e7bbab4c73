import { common } from './common';

/** English; each screen adds its part here. */
export const en = {
  common,
};
