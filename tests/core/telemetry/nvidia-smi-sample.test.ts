import { describe, expect, it } from 'vitest';
import { gpuSampleSchema } from '../../../electron/contract/telemetry';
import { parseTelemetryCsv } from '../../../electron/core/telemetry/nvidia-smi-sample';
import { fixture } from './stand-in-nvidia-smi';

// The fixtures are typed by hand in nvidia-smi's documented `csv,noheader,nounits` format for
// this query (no NVIDIA GPU exists here to record them); see tests/fixtures/telemetry/README.md.
describe('parseTelemetryCsv', () => {
  it.each([
    {
      fixture: 'h100-sxm-two-gpus.csv',
      gpus: [
        {
          index: 0,
          name: 'NVIDIA H100 80GB HBM3',
          vendor: 'NVIDIA',
          source: 'nvidia-smi',
          utilizationPct: 97,
          temperatureC: 64,
          powerW: 612.45,
          powerLimitW: 700,
          memoryUsedMiB: 71234,
          memoryTotalMiB: 81559,
          clockMHz: 1980,
          memoryClockMHz: 2619,
          fanPct: null,
        },
        {
          index: 1,
          name: 'NVIDIA H100 80GB HBM3',
          vendor: 'NVIDIA',
          source: 'nvidia-smi',
          utilizationPct: 0,
          temperatureC: 33,
          powerW: 71.2,
          powerLimitW: 700,
          memoryUsedMiB: 1,
          memoryTotalMiB: 81559,
          clockMHz: 345,
          memoryClockMHz: 2619,
          fanPct: null,
        },
      ],
    },
    {
      fixture: 'rtx3060-laptop.csv',
      gpus: [
        {
          index: 0,
          name: 'NVIDIA GeForce RTX 3060 Laptop GPU',
          vendor: 'NVIDIA',
          source: 'nvidia-smi',
          utilizationPct: 41,
          temperatureC: 58,
          powerW: null,
          powerLimitW: null,
          memoryUsedMiB: 1043,
          memoryTotalMiB: 6144,
          clockMHz: 1282,
          memoryClockMHz: 7000,
          fanPct: null,
        },
      ],
    },
    {
      fixture: 'rtx4090.csv',
      gpus: [
        {
          index: 0,
          name: 'NVIDIA GeForce RTX 4090',
          vendor: 'NVIDIA',
          source: 'nvidia-smi',
          utilizationPct: 100,
          temperatureC: 71,
          powerW: 445.12,
          powerLimitW: 450,
          memoryUsedMiB: 20123,
          memoryTotalMiB: 24564,
          clockMHz: 2745,
          memoryClockMHz: 10501,
          fanPct: 62,
        },
      ],
    },
  ])('reads $fixture', (row) => {
    const gpus = parseTelemetryCsv(fixture(row.fixture));
    expect(gpus).toEqual(row.gpus);
    for (const gpu of gpus) gpuSampleSchema.parse(gpu);
  });

  it.each([
    { field: '[Not Supported]' },
    { field: '[Unknown Error]' },
    { field: '[N/A]' },
    { field: 'N/A' },
    { field: '' },
    { field: 'ERR!' },
  ])('reads $field as no reading', (row) => {
    const [gpu] = parseTelemetryCsv(
      `0, Tesla T4, ${row.field}, 40, 27.5, 70.00, 0, 15360, 300, 5000, [N/A]\r\n`,
    );
    expect(gpu?.utilizationPct).toBeNull();
    expect(gpu?.temperatureC).toBe(40);
  });

  it('numbers GPUs by their line when nvidia-smi gives no index', () => {
    const csv = '[N/A], A, 1, 1, 1, 1, 1, 1, 1, 1, 1\n[N/A], B, 1, 1, 1, 1, 1, 1, 1, 1, 1\n';
    expect(parseTelemetryCsv(csv).map((gpu) => gpu.index)).toEqual([0, 1]);
  });

  it('finds no GPU in empty output', () => {
    expect(parseTelemetryCsv('\n')).toEqual([]);
  });
});
