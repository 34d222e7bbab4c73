/**
 * GPU readings as the dashboard draws them. Every reading is nullable: vendors report different
 * subsets, and "not available" is an answer, not an error.
 */
import { z } from 'zod';

export const gpuSampleSchema = z.object({
  index: z.number().int(),
  name: z.string(),
  vendor: z.string().nullable(),
  source: z.enum(['nvidia-smi', 'systeminformation']),
  utilizationPct: z.number().nullable(),
  temperatureC: z.number().nullable(),
  powerW: z.number().nullable(),
  powerLimitW: z.number().nullable(),
  memoryUsedMiB: z.number().nullable(),
  memoryTotalMiB: z.number().nullable(),
  clockMHz: z.number().nullable(),
  memoryClockMHz: z.number().nullable(),
  fanPct: z.number().nullable(),
});

export const telemetrySnapshotSchema = z.object({
  at: z.number(),
  gpus: z.array(gpuSampleSchema),
  /** Why there are no live readings, when there are none (e.g. "no NVIDIA driver found"). */
  unavailableReason: z.string().nullable(),
});

export const telemetryMethods = {
  'telemetry.latest': { args: z.object({}), result: telemetrySnapshotSchema },
} as const;

export const telemetryEvents = {
  'telemetry.sample': telemetrySnapshotSchema,
} as const;

export type GpuSample = z.infer<typeof gpuSampleSchema>;
export type TelemetrySnapshot = z.infer<typeof telemetrySnapshotSchema>;
