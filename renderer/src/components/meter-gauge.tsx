import { strings } from '../i18n';
import './meter-gauge.css';

export interface MeterGaugeProps {
  label: string;
  /** null when the GPU does not report this reading. */
  value: number | null;
  unit: string;
  min?: number;
  max: number;
  digits?: number;
}

/** The 240° arc the value fills, from bottom left round to bottom right (viewBox 100 × 80). */
const ARC = 'M 15.36 70 A 40 40 0 1 1 84.64 70';

/** One reading as a dial: the arc, the value with its unit, and what it measures. */
export function MeterGauge({ label, value, unit, min = 0, max, digits = 0 }: MeterGaugeProps) {
  if (value === null) {
    return (
      <div className="meter-gauge meter-gauge--missing">
        <svg className="meter-gauge__dial" viewBox="0 0 100 80" aria-hidden="true">
          <path className="meter-gauge__track" d={ARC} pathLength={100} />
        </svg>
        <div className="meter-gauge__value">{strings.common.notAvailable}</div>
        <div className="meter-gauge__label">{label}</div>
      </div>
    );
  }
  const fraction = Math.min(1, Math.max(0, (value - min) / (max - min)));
  const text = `${value.toFixed(digits)} ${unit}`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: the reading is drawn as an SVG dial; a <meter> element would draw a bar of its own
    <div
      className="meter-gauge"
      role="meter"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={text}
    >
      <svg className="meter-gauge__dial" viewBox="0 0 100 80" aria-hidden="true">
        <path className="meter-gauge__track" d={ARC} pathLength={100} />
        <path
          className="meter-gauge__fill"
          d={ARC}
          pathLength={100}
          strokeDasharray={`${fraction * 100} 100`}
        />
      </svg>
      <div className="meter-gauge__value" aria-hidden="true">
        {text}
      </div>
      <div className="meter-gauge__label" aria-hidden="true">
        {label}
      </div>
    </div>
  );
}
