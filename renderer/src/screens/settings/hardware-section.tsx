import { useId } from 'react';
import { PROVIDER_NAMES, type Settings } from '../../../../electron/contract/settings';
import type { GpuSample } from '../../../../electron/contract/telemetry';
import { strings } from '../../i18n';
import type { SectionProps } from './section-props';

const text = strings.settings.hardware;
const AUTO = 'auto';

export function HardwareSection({
  value,
  change,
  gpus,
}: SectionProps & { gpus: GpuSample[] | null }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <label htmlFor={`${id}-gpu`}>{text.gpu}</label>
      <select
        id={`${id}-gpu`}
        value={value.gpuIndex === null ? AUTO : String(value.gpuIndex)}
        onChange={(e) =>
          change({ gpuIndex: e.target.value === AUTO ? null : Number(e.target.value) })
        }
      >
        <option value={AUTO}>{text.gpuAuto}</option>
        {(gpus ?? []).map((gpu) => (
          <option key={gpu.index} value={gpu.index}>
            {text.gpuOption(gpu.index, gpu.name)}
          </option>
        ))}
      </select>
      {gpus?.length === 0 && <p className="muted">{text.gpuUnknown}</p>}
      <label htmlFor={`${id}-provider`}>{text.provider}</label>
      <select
        id={`${id}-provider`}
        value={value.provider}
        onChange={(e) => change({ provider: e.target.value as Settings['provider'] })}
      >
        <option value={AUTO}>{strings.providers.auto}</option>
        {PROVIDER_NAMES.map((name) => (
          <option key={name} value={name}>
            {strings.providers.names[name]}
          </option>
        ))}
      </select>
    </section>
  );
}
