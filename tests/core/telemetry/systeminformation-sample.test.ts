import type { Systeminformation } from 'systeminformation';
import { describe, expect, it } from 'vitest';
import { telemetrySnapshotSchema } from '../../../electron/contract/telemetry';
import { snapshotFromControllers } from '../../../electron/core/telemetry/systeminformation-sample';

/** Controllers shaped as systeminformation's `graphics()` gives them. */
const controller = (
  fields: Partial<Systeminformation.GraphicsControllerData>,
): Systeminformation.GraphicsControllerData => ({
  vendor: '',
  model: '',
  bus: 'PCIe',
  vram: null,
  vramDynamic: false,
  ...fields,
});

const radeon = controller({
  vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]',
  model: 'Navi 31 [Radeon RX 7900 XTX]',
  vram: 24576,
});
const appleM2 = controller({
  vendor: 'Apple',
  model: 'Apple M2',
  bus: 'Built-In',
  vramDynamic: true,
  temperatureGpu: 47.25,
});
const geforce = controller({
  vendor: 'NVIDIA Corporation',
  model: 'GeForce RTX 3070',
  vram: 8192,
  memoryTotal: 8192,
  memoryUsed: 611,
  utilizationGpu: 3,
  temperatureGpu: 44,
  powerDraw: 21.5,
  powerLimit: 220,
  clockCore: 210,
  clockMemory: 405,
  fanSpeed: 0,
});

describe('snapshotFromControllers', () => {
  it.each([
    {
      case: 'an AMD card that reports only its memory',
      controllers: [radeon],
      gpu: {
        index: 0,
        name: 'Navi 31 [Radeon RX 7900 XTX]',
        vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]',
        source: 'systeminformation',
        utilizationPct: null,
        temperatureC: null,
        powerW: null,
        powerLimitW: null,
        memoryUsedMiB: null,
        memoryTotalMiB: 24576,
        clockMHz: null,
        memoryClockMHz: null,
        fanPct: null,
      },
      unavailable: /^No live GPU readings: nvidia-smi was not found/,
    },
    {
      case: 'an Apple GPU with a temperature',
      controllers: [appleM2],
      gpu: { name: 'Apple M2', vendor: 'Apple', temperatureC: 47.25, memoryTotalMiB: null },
      unavailable: null,
    },
    {
      case: 'an NVIDIA card with every reading',
      controllers: [geforce],
      gpu: {
        utilizationPct: 3,
        temperatureC: 44,
        powerW: 21.5,
        powerLimitW: 220,
        memoryUsedMiB: 611,
        memoryTotalMiB: 8192,
        clockMHz: 210,
        memoryClockMHz: 405,
        fanPct: 0,
      },
      unavailable: null,
    },
  ])('maps $case', (row) => {
    const snapshot = snapshotFromControllers(row.controllers, 1_000);
    expect(telemetrySnapshotSchema.parse(snapshot)).toEqual(snapshot);
    expect(snapshot.gpus[0]).toMatchObject(row.gpu);
    if (row.unavailable === null) expect(snapshot.unavailableReason).toBeNull();
    else expect(snapshot.unavailableReason).toMatch(row.unavailable);
  });

  it('numbers the GPUs in the order the system lists them', () => {
    const snapshot = snapshotFromControllers([appleM2, radeon], 1_000);
    expect(snapshot.gpus.map((gpu) => [gpu.index, gpu.name])).toEqual([
      [0, 'Apple M2'],
      [1, 'Navi 31 [Radeon RX 7900 XTX]'],
    ]);
  });

  it('says so when the system lists no GPU', () => {
    expect(snapshotFromControllers([], 1_000)).toEqual({
      at: 1_000,
      gpus: [],
      unavailableReason: 'No GPU found',
    });
  });
});
