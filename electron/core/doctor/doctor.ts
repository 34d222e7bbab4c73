import { executionProvidersFor } from '../../engine/runtime/execution-providers';
import { probeProviders } from '../../engine/runtime/provider-probe';
import type { ProviderReport } from '../../engine/runtime/provider-report';
import { dataDirectory } from '../paths';
import { listGpus } from './gpus';
import type { DoctorReport, GpuReport } from './report';
import { readSystemInfo } from './system-info';

export interface DoctorOptions {
  /** Time limit for each provider's probe. */
  probeTimeoutMs: number;
  /** The data directory whose disk is checked; default the user's. */
  dataDir?: string;
}

/** Everything `tessera doctor` reports: the machine, and what each execution provider can do. */
export async function runDoctor({
  probeTimeoutMs,
  dataDir = dataDirectory(),
}: DoctorOptions): Promise<DoctorReport> {
  const [system, gpus] = await Promise.all([readSystemInfo(dataDir), listGpus()]);
  const providers = await probeProviders(executionProvidersFor(), { timeoutMs: probeTimeoutMs });
  return { ...system, dataDir, gpus, providers: providers.map((p) => withCudaDevice(p, gpus)) };
}

/** With one NVIDIA GPU there is no doubt which device CUDA ran on; with several there is. */
function withCudaDevice(report: ProviderReport, gpus: readonly GpuReport[]): ProviderReport {
  const nvidia = gpus.filter((gpu) => gpu.source === 'nvidia-smi');
  if (report.name !== 'cuda' || !report.available || nvidia.length !== 1) return report;
  return { ...report, device: nvidia[0]!.name };
}

/** The doctor's verdict: the machine can contribute when at least one provider works. */
export const canContribute = (report: DoctorReport): boolean =>
  report.providers.some((provider) => provider.available);
