import { copiedUpdate } from './copied-update';
import { forgedSignature } from './forged-signature';
import { infValues } from './inf-values';
import { lateUpload } from './late-upload';
import { missingSignature } from './missing-signature';
import { nanValues } from './nan-values';
import { neverTrains } from './never-trains';
import { outOfRangeIndices } from './out-of-range-indices';
import { oversized } from './oversized';
import { replayedWindow } from './replayed-window';
import { silent } from './silent';
import type { HostileStrategy } from './strategy';
import { wrongShape } from './wrong-shape';

/** The catalogue of misbehaving miners, one hotkey each, in the order the report lists them. */
export const HOSTILE_STRATEGIES: readonly HostileStrategy[] = [
  nanValues,
  infValues,
  oversized,
  wrongShape,
  outOfRangeIndices,
  forgedSignature,
  missingSignature,
  replayedWindow,
  copiedUpdate,
  lateUpload,
  neverTrains,
  silent,
];
