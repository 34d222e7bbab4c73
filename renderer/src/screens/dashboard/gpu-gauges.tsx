import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { GpuSample } from '../../../../electron/contract/telemetry';
import { MeterGauge } from '../../components/meter-gauge';
import { strings } from '../../i18n';
import type { TelemetryStore } from '../../stores/telemetry';

const text = strings.dashboard.gpu;

/** A scale for the power dial when the GPU does not report its limit. */
const DEFAULT_POWER_SCALE_W = 350;

function GpuDials({ gpu }: { gpu: GpuSample }) {
  const powerMax = gpu.powerLimitW ?? Math.max(DEFAULT_POWER_SCALE_W, gpu.powerW ?? 0);
  return (
    <div className="gpu-gauges__gpu">
      <h3>{gpu.name}</h3>
      <div className="gpu-gauges__dials">
        <MeterGauge label={text.utilization} value={gpu.utilizationPct} unit="%" max={100} />
        <MeterGauge label={text.temperature} value={gpu.temperatureC} unit="°C" max={100} />
        <MeterGauge label={text.power} value={gpu.powerW} unit="W" max={powerMax} />
      </div>
    </div>
  );
}

/** Busy, temperature and power for each GPU, live from telemetry samples. */
export function GpuGauges({ store }: { store: TelemetryStore }) {
  const snapshot = useStore(store, (s) => s.snapshot);
  const loadError = useStore(store, (s) => s.loadError);
  let body: ReactNode;
  if (snapshot?.unavailableReason) body = <p>{text.unavailable(snapshot.unavailableReason)}</p>;
  else if (snapshot && snapshot.gpus.length > 0)
    body = snapshot.gpus.map((gpu) => <GpuDials key={gpu.index} gpu={gpu} />);
  else if (loadError) body = <p>{text.unavailable(loadError.message)}</p>;
  else body = <p>{text.none}</p>;
  return (
    <section className="dashboard-card gpu-gauges" aria-labelledby="gpu-title">
      <h2 id="gpu-title">{text.title}</h2>
      {body}
    </section>
  );
}
