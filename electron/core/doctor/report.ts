import type { z } from 'zod';
import type { providerReportSchema } from '../../contract/diagnostics';
import type { ProviderReport } from '../../engine/runtime/provider-report';

/**
 * The doctor's report is part of the contract (the UI reads it); this pins the contract's
 * provider entry to what the engine's probes produce, so the two cannot drift apart.
 */
export type { DoctorReport, GpuReport } from '../../contract/diagnostics';
export type ProviderReportMatchesEngine =
  ProviderReport extends z.infer<typeof providerReportSchema> ? true : never;
