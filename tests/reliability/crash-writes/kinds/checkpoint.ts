import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint } from '../../../../electron/engine/checkpoint/checkpoint';
import { parameterShapes } from '../../../../electron/engine/model/config';
import { tinyConfig } from '../../../engine/tiny-config';
import type { DurableKind } from './kind';

const file = (dir: string) => join(dir, 'model.safetensors');

/** A model checkpoint: every weight of version v holds v, and the info says v too. */
export const checkpointKind: DurableKind = {
  name: 'checkpoint',
  target: file,
  write: (dir, version) =>
    saveCheckpoint(file(dir), {
      config: tinyConfig,
      weights: new Map(
        parameterShapes(tinyConfig).map(([name, shape]) => [
          name,
          new Float32Array(shape.reduce((a, b) => a * b, 1)).fill(version),
        ]),
      ),
      info: { version: String(version) },
    }),
  async read(dir) {
    const checkpoint = await loadCheckpoint(file(dir), tinyConfig);
    const version = Number(checkpoint.info?.version);
    for (const [name, values] of checkpoint.weights) {
      if (!values.every((x) => x === version)) throw new Error(`${name} is not all ${version}`);
    }
    return version;
  },
};
