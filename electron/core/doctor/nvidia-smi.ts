import { execFile } from 'node:child_process';
import type { GpuReport } from './report';

/** The fields asked of nvidia-smi, in the order its CSV rows give them. */
export const NVIDIA_SMI_FIELDS = ['name', 'driver_version', 'memory.total'] as const;

const QUERY_TIMEOUT_MS = 10_000;

/** GPUs as nvidia-smi lists them; undefined when nvidia-smi is not installed or fails. */
export function queryNvidiaSmi(): Promise<GpuReport[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'nvidia-smi',
      [`--query-gpu=${NVIDIA_SMI_FIELDS.join(',')}`, '--format=csv,noheader,nounits'],
      { timeout: QUERY_TIMEOUT_MS, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : parseNvidiaSmiCsv(stdout)),
    );
  });
}

/**
 * Parses `--format=csv,noheader,nounits` output: one GPU a line, fields split by ", ", memory in
 * MiB. nvidia-smi writes "[N/A]" (or "[Not Supported]") for what a GPU cannot report.
 */
export function parseNvidiaSmiCsv(csv: string): GpuReport[] {
  return csv
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name, driver, memoryMiB] = line.split(',').map((field) => known(field.trim()));
      const memory = memoryMiB === undefined ? Number.NaN : Number(memoryMiB);
      return {
        name: name ?? 'NVIDIA GPU',
        vendor: 'NVIDIA',
        ...(driver === undefined ? {} : { driver }),
        ...(Number.isFinite(memory) ? { memoryMiB: memory } : {}),
        source: 'nvidia-smi' as const,
      };
    });
}

const known = (field: string | undefined): string | undefined =>
  field === undefined || field === '' || /^\[.*\]$/.test(field) ? undefined : field;
