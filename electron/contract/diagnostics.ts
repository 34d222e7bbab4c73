/**
 * The hardware check, recent log lines and a diagnostics text a user can paste into a bug report.
 * The doctor report is the same shape `tessera doctor --json` prints. Sizes are bytes, except GPU
 * memory, which drivers report in MiB.
 */
import { z } from 'zod';
import { PROVIDER_NAMES } from './settings';

export const gpuReportSchema = z.object({
  name: z.string(),
  vendor: z.string().optional(),
  driver: z.string().optional(),
  memoryMiB: z.number().optional(),
  source: z.enum(['nvidia-smi', 'systeminformation']),
});

export const providerReportSchema = z.object({
  name: z.enum(PROVIDER_NAMES),
  available: z.boolean(),
  reason: z.string().optional(),
  device: z.string().optional(),
  gflops: z.number().positive().optional(),
});

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

export const logLineSchema = z.object({
  at: z.number(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  /** Which part of the app wrote it: miner, trainer, validator, devnet, wallet, app. */
  source: z.string(),
  message: z.string(),
});

export const appInfoSchema = z.object({
  version: z.string(),
  /** electron: the desktop app; headless: `tessera start` serving the UI over the bridge. */
  host: z.enum(['electron', 'headless']),
  platform: z.string(),
  arch: z.string(),
  dataDirectory: z.string(),
  /** Whether a wallet exists yet; the UI opens onboarding when it does not. */
  onboarded: z.boolean(),
});

export const diagnosticsMethods = {
  'app.info': { args: z.object({}), result: appInfoSchema },
  /** Runs the hardware check (a few seconds: each provider is probed in its own process). */
  'doctor.report': { args: z.object({}), result: doctorReportSchema },
  'logs.recent': {
    args: z.object({ limit: z.number().int().min(1).max(5_000).default(500) }),
    result: z.object({ lines: z.array(logLineSchema) }),
  },
  /** App version, platform, doctor summary, settings without identity paths, the last log lines. */
  'diagnostics.text': { args: z.object({}), result: z.object({ text: z.string() }) },
} as const;

export const diagnosticsEvents = {
  'log.line': logLineSchema,
} as const;

export type DoctorReport = z.infer<typeof doctorReportSchema>;
export type GpuReport = z.infer<typeof gpuReportSchema>;
export type LogLine = z.infer<typeof logLineSchema>;
export type AppInfo = z.infer<typeof appInfoSchema>;
