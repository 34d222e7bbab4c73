import { graphics } from 'systeminformation';
import { queryNvidiaSmi } from './nvidia-smi';
import type { GpuReport } from './report';

const SYSTEMINFORMATION_TIMEOUT_MS = 15_000;

/**
 * The machine's GPUs: NVIDIA ones from nvidia-smi when it is installed (exact driver and memory),
 * everything else from the operating system through systeminformation.
 */
export async function listGpus(): Promise<GpuReport[]> {
  const [nvidia, others] = await Promise.all([queryNvidiaSmi(), graphicsControllers()]);
  if (nvidia === undefined) return others;
  return [...nvidia, ...others.filter((gpu) => !/nvidia/i.test(`${gpu.vendor} ${gpu.name}`))];
}

async function graphicsControllers(): Promise<GpuReport[]> {
  const data = await withTimeout(graphics(), SYSTEMINFORMATION_TIMEOUT_MS);
  return (data?.controllers ?? []).map((controller) => ({
    name: controller.model || controller.name || 'unknown GPU',
    ...(controller.vendor ? { vendor: controller.vendor } : {}),
    ...(controller.driverVersion ? { driver: controller.driverVersion } : {}),
    ...(controller.vram ? { memoryMiB: controller.vram } : {}),
    source: 'systeminformation' as const,
  }));
}

/** systeminformation shells out to OS tools; one that stalls must not stall the doctor. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
