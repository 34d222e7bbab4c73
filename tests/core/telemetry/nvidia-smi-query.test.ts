import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NvidiaSmiError,
  nvidiaSmiCandidates,
  parseNvidiaSmiRows,
  runNvidiaSmiQuery,
} from '../../../electron/core/telemetry/nvidia-smi-query';
import { TELEMETRY_FIELDS } from '../../../electron/core/telemetry/nvidia-smi-sample';
import { StandInNvidiaSmi } from './stand-in-nvidia-smi';

describe('nvidiaSmiCandidates', () => {
  it.each([
    { platform: 'linux', env: {}, expected: ['nvidia-smi'] },
    { platform: 'darwin', env: { WINDIR: 'C:\\Windows' }, expected: ['nvidia-smi'] },
    {
      platform: 'win32',
      env: { WINDIR: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' },
      expected: [
        'nvidia-smi',
        join('C:\\Windows', 'System32', 'nvidia-smi.exe'),
        join('C:\\Program Files', 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe'),
      ],
    },
    { platform: 'win32', env: {}, expected: ['nvidia-smi'] },
  ] as const)('on $platform with $env', (row) => {
    expect(nvidiaSmiCandidates(row.platform, row.env)).toEqual(row.expected);
  });
});

describe('parseNvidiaSmiRows', () => {
  it.each([
    { csv: 'a, 1, [N/A]\n', rows: [['a', '1', undefined]] },
    {
      csv: 'a, [Not Supported]\r\nb, 2\r\n',
      rows: [
        ['a', undefined],
        ['b', '2'],
      ],
    },
    { csv: '\n\n', rows: [] },
  ])('splits $csv', (row) => {
    expect(parseNvidiaSmiRows(row.csv)).toEqual(row.rows);
  });
});

describe('runNvidiaSmiQuery', () => {
  let standIn: StandInNvidiaSmi | undefined;
  let empty: string | undefined;
  afterEach(() => {
    standIn?.remove();
    if (empty !== undefined) rmSync(empty, { recursive: true, force: true });
    standIn = empty = undefined;
  });

  const failure = (work: Promise<unknown>) =>
    work.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('returns one row per GPU from the stand-in', async () => {
    standIn = new StandInNvidiaSmi().prints('h100-sxm-two-gpus.csv');
    const rows = await runNvidiaSmiQuery(TELEMETRY_FIELDS, { timeoutMs: 10_000, env: standIn.env });
    expect(rows.map((row) => row[1])).toEqual(['NVIDIA H100 80GB HBM3', 'NVIDIA H100 80GB HBM3']);
  });

  it('says not-installed when nvidia-smi is nowhere on PATH', async () => {
    empty = mkdtempSync(join(tmpdir(), 'tessera-empty-path-'));
    const error = await failure(
      runNvidiaSmiQuery(TELEMETRY_FIELDS, { timeoutMs: 10_000, env: { PATH: empty } }),
    );
    expect(error).toBeInstanceOf(NvidiaSmiError);
    expect(error).toMatchObject({ kind: 'not-installed' });
  });

  it("says failed with nvidia-smi's own first line when it exits with an error", async () => {
    standIn = new StandInNvidiaSmi().fails();
    const error = await failure(
      runNvidiaSmiQuery(TELEMETRY_FIELDS, { timeoutMs: 10_000, env: standIn.env }),
    );
    expect(error).toMatchObject({
      kind: 'failed',
      message:
        "nvidia-smi failed: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
    });
  });

  it('says timeout and kills nvidia-smi when it hangs', async () => {
    standIn = new StandInNvidiaSmi().hangs();
    const error = await failure(
      runNvidiaSmiQuery(TELEMETRY_FIELDS, { timeoutMs: 300, env: standIn.env }),
    );
    expect(error).toMatchObject({
      kind: 'timeout',
      message: 'nvidia-smi did not answer within 0.3 s',
    });
  });
});
