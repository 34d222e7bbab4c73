import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiCsv } from '../../../electron/core/doctor/nvidia-smi';

// Recorded from `nvidia-smi --query-gpu=name,driver_version,memory.total
// --format=csv,noheader,nounits` on a two-GPU machine; the second line is how a GPU without
// memory reporting (some vGPU and MIG setups) answers.
const TWO_GPUS = `NVIDIA GeForce RTX 4090, 550.54.15, 24564
NVIDIA A100-SXM4-40GB, 550.54.15, [N/A]
`;

describe('parseNvidiaSmiCsv', () => {
  it('reads name, driver and memory in MiB, one GPU a line', () => {
    expect(parseNvidiaSmiCsv(TWO_GPUS)[0]).toEqual({
      name: 'NVIDIA GeForce RTX 4090',
      vendor: 'NVIDIA',
      driver: '550.54.15',
      memoryMiB: 24564,
      source: 'nvidia-smi',
    });
  });

  it('leaves out fields that nvidia-smi reports as [N/A] or [Not Supported]', () => {
    expect(parseNvidiaSmiCsv(TWO_GPUS)[1]).toEqual({
      name: 'NVIDIA A100-SXM4-40GB',
      vendor: 'NVIDIA',
      driver: '550.54.15',
      source: 'nvidia-smi',
    });
    expect(parseNvidiaSmiCsv('[Not Supported], [N/A], [N/A]\r\n')).toEqual([
      { name: 'NVIDIA GPU', vendor: 'NVIDIA', source: 'nvidia-smi' },
    ]);
  });

  it('finds no GPU in empty output', () => {
    expect(parseNvidiaSmiCsv('\n')).toEqual([]);
  });
});
