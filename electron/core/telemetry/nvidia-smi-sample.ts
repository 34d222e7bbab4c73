import type { GpuSample } from '../../contract/telemetry';
import {
  type NvidiaSmiQueryOptions,
  parseNvidiaSmiRows,
  runNvidiaSmiQuery,
} from './nvidia-smi-query';

/** The fields asked of nvidia-smi, in the order its CSV rows give them. */
export const TELEMETRY_FIELDS = [
  'index',
  'name',
  'utilization.gpu',
  'temperature.gpu',
  'power.draw',
  'power.limit',
  'memory.used',
  'memory.total',
  'clocks.gr',
  'clocks.mem',
  'fan.speed',
] as const;

/** One reading of every NVIDIA GPU; rejects with an `NvidiaSmiError`. */
export async function readNvidiaSmi(options: NvidiaSmiQueryOptions): Promise<GpuSample[]> {
  return (await runNvidiaSmiQuery(TELEMETRY_FIELDS, options)).map(gpuSample);
}

/** Parses `--format=csv,noheader,nounits` output of `TELEMETRY_FIELDS`. */
export function parseTelemetryCsv(csv: string): GpuSample[] {
  return parseNvidiaSmiRows(csv).map(gpuSample);
}

function gpuSample(row: (string | undefined)[], position: number): GpuSample {
  const [index, name, utilization, temperature, power, powerLimit, memoryUsed, memoryTotal] = row;
  const [clock, memoryClock, fan] = row.slice(8);
  return {
    index: reading(index) ?? position,
    name: name ?? 'NVIDIA GPU',
    vendor: 'NVIDIA',
    source: 'nvidia-smi',
    utilizationPct: reading(utilization),
    temperatureC: reading(temperature),
    powerW: reading(power),
    powerLimitW: reading(powerLimit),
    memoryUsedMiB: reading(memoryUsed),
    memoryTotalMiB: reading(memoryTotal),
    clockMHz: reading(clock),
    memoryClockMHz: reading(memoryClock),
    fanPct: reading(fan),
  };
}

function reading(field: string | undefined): number | null {
  if (field === undefined) return null;
  const value = Number(field);
  return Number.isFinite(value) ? value : null;
}
