import { parseNvidiaSmiRows, runNvidiaSmiQuery } from '../telemetry/nvidia-smi-query';
import type { GpuReport } from './report';

/** The fields asked of nvidia-smi, in the order its CSV rows give them. */
export const NVIDIA_SMI_FIELDS = ['name', 'driver_version', 'memory.total'] as const;

const QUERY_TIMEOUT_MS = 10_000;

/** GPUs as nvidia-smi lists them; undefined when nvidia-smi is not installed or fails. */
export function queryNvidiaSmi(): Promise<GpuReport[] | undefined> {
  return runNvidiaSmiQuery(NVIDIA_SMI_FIELDS, { timeoutMs: QUERY_TIMEOUT_MS }).then(
    (rows) => rows.map(gpuReport),
    () => undefined,
  );
}

/** Parses `--format=csv,noheader,nounits` output of the doctor's fields; memory is in MiB. */
export function parseNvidiaSmiCsv(csv: string): GpuReport[] {
  return parseNvidiaSmiRows(csv).map(gpuReport);
}

function gpuReport([name, driver, memoryMiB]: (string | undefined)[]): GpuReport {
  const memory = memoryMiB === undefined ? Number.NaN : Number(memoryMiB);
  return {
    name: name ?? 'NVIDIA GPU',
    vendor: 'NVIDIA',
    ...(driver === undefined ? {} : { driver }),
    ...(Number.isFinite(memory) ? { memoryMiB: memory } : {}),
    source: 'nvidia-smi',
  };
}
