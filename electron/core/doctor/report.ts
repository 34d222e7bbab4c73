import { z } from 'zod';
import { EXECUTION_PROVIDERS } from '../../engine/runtime/execution-providers';
import type { ProviderReport } from '../../engine/runtime/provider-report';

/**
 * What `tessera doctor` reports, as a schema: `--json` prints exactly this, and the UI will read
 * the same shape. Sizes are bytes, except GPU memory, which drivers report in MiB.
 */
export const gpuReportSchema = z.object({
  name: z.string(),
  vendor: z.string().optional(),
  driver: z.string().optional(),
  memoryMiB: z.number().optional(),
  source: z.enum(['nvidia-smi', 'systeminformation']),
});

export const providerReportSchema = z.object({
  name: z.enum(EXECUTION_PROVIDERS),
  available: z.boolean(),
  reason: z.string().optional(),
  device: z.string().optional(),
  gflops: z.number().positive().optional(),
}) satisfies z.ZodType<ProviderReport>;

export const doctorReportSchema = z.object({
  os: z.object({
    name: z.string(),
    platform: z.string(),
    arch: z.string(),
    release: z.string(),
  }),
  cpu: z.object({ model: z.string(), cores: z.number().int().positive() }),
  ram: z.object({ totalBytes: z.number(), availableBytes: z.number() }),
  dataDir: z.string(),
  disk: z.union([
    z.object({ freeBytes: z.number(), totalBytes: z.number() }),
    z.object({ reason: z.string() }),
  ]),
  gpus: z.array(gpuReportSchema),
  providers: z.array(providerReportSchema),
});

export type GpuReport = z.infer<typeof gpuReportSchema>;
export type DoctorReport = z.infer<typeof doctorReportSchema>;
