import { graphics, type Systeminformation } from 'systeminformation';
import type { GpuSample, TelemetrySnapshot } from '../../contract/telemetry';
import { withinTimeLimit } from './time-limit';

/** graphics() runs lspci, clinfo, xrandr or WMI; one that stalls must not stall telemetry. */
const GRAPHICS_TIME_LIMIT_MS = 15_000;

/** The GPUs the operating system lists, with whatever readings it has for them. */
export async function readSystemGraphics(
  now: () => number,
  timeLimitMs = GRAPHICS_TIME_LIMIT_MS,
): Promise<TelemetrySnapshot> {
  const data = await withinTimeLimit(graphics(), timeLimitMs);
  if (data === undefined) {
    return { at: now(), gpus: [], unavailableReason: 'The system did not list its GPUs in time' };
  }
  return snapshotFromControllers(data.controllers, now());
}

export function snapshotFromControllers(
  controllers: readonly Systeminformation.GraphicsControllerData[],
  at: number,
): TelemetrySnapshot {
  const gpus = controllers.map(gpuSample);
  return { at, gpus, unavailableReason: unavailableReason(gpus) };
}

function unavailableReason(gpus: GpuSample[]): string | null {
  if (gpus.length === 0) return 'No GPU found';
  const live = gpus.some(
    (gpu) =>
      gpu.utilizationPct !== null ||
      gpu.temperatureC !== null ||
      gpu.powerW !== null ||
      gpu.memoryUsedMiB !== null,
  );
  return live
    ? null
    : 'No live GPU readings: nvidia-smi was not found (it comes with the NVIDIA driver), ' +
        'and the system reports none for this GPU';
}

function gpuSample(controller: Systeminformation.GraphicsControllerData, index: number): GpuSample {
  return {
    index,
    name: controller.model || controller.name || 'GPU',
    vendor: controller.vendor || null,
    source: 'systeminformation',
    utilizationPct: reading(controller.utilizationGpu),
    temperatureC: reading(controller.temperatureGpu),
    powerW: reading(controller.powerDraw),
    powerLimitW: reading(controller.powerLimit),
    memoryUsedMiB: reading(controller.memoryUsed),
    memoryTotalMiB: reading(controller.memoryTotal) ?? reading(controller.vram),
    clockMHz: reading(controller.clockCore),
    memoryClockMHz: reading(controller.clockMemory),
    fanPct: reading(controller.fanSpeed),
  };
}

const reading = (value: number | null | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
