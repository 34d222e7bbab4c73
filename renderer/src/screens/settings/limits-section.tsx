import { useId } from 'react';
import { strings } from '../../i18n';
import { CheckboxField } from './checkbox-field';
import { NumberField } from './number-field';
import type { SectionProps } from './section-props';

const text = strings.settings.limits;
/** Where the power target starts when switched on: a typical mid-range card's board power. */
const DEFAULT_POWER_TARGET_W = 200;

export function LimitsSection({ value, change }: SectionProps) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <NumberField
        label={text.temperatureLimit}
        value={value.temperatureLimitC}
        min={40}
        max={105}
        onChange={(temperatureLimitC) => change({ temperatureLimitC })}
      />
      <NumberField
        label={text.hysteresis}
        value={value.temperatureHysteresisC}
        min={1}
        max={30}
        onChange={(temperatureHysteresisC) => change({ temperatureHysteresisC })}
      />
      <CheckboxField
        label={text.limitPower}
        checked={value.powerTargetW !== null}
        onChange={(on) => change({ powerTargetW: on ? DEFAULT_POWER_TARGET_W : null })}
      />
      {value.powerTargetW !== null && (
        <NumberField
          label={text.powerTarget}
          value={value.powerTargetW}
          min={10}
          max={2000}
          onChange={(powerTargetW) => change({ powerTargetW })}
        />
      )}
    </section>
  );
}
