import { useId } from 'react';
import type { Settings } from '../../../../electron/contract/settings';
import { strings } from '../../i18n';
import { CheckboxField } from './checkbox-field';
import { NumberField } from './number-field';
import { ProgramsEditor } from './programs-editor';
import { ScheduleEditor } from './schedule-editor';
import type { SectionProps } from './section-props';

const text = strings.settings.when;
const RUN_MODES: Settings['runMode'][] = ['always', 'idle', 'schedule'];

export function WhenSection({ value, change }: SectionProps) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{text.title}</h3>
      <fieldset>
        <legend>{text.runMode}</legend>
        {RUN_MODES.map((mode) => (
          <label className="inline" key={mode}>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={value.runMode === mode}
              onChange={() => change({ runMode: mode })}
            />
            {text.runModes[mode]}
          </label>
        ))}
      </fieldset>
      {value.runMode === 'idle' && (
        <NumberField
          label={text.idleMinutes}
          value={value.idleMinutes}
          min={1}
          max={240}
          onChange={(idleMinutes) => change({ idleMinutes })}
        />
      )}
      {value.runMode === 'schedule' && (
        <ScheduleEditor slots={value.schedule} onChange={(schedule) => change({ schedule })} />
      )}
      <CheckboxField
        label={text.pauseOnBattery}
        checked={value.pauseOnBattery}
        onChange={(pauseOnBattery) => change({ pauseOnBattery })}
      />
      <CheckboxField
        label={text.keepAwake}
        checked={value.keepAwake}
        onChange={(keepAwake) => change({ keepAwake })}
      />
      <ProgramsEditor
        programs={value.pausePrograms}
        onChange={(pausePrograms) => change({ pausePrograms })}
      />
    </section>
  );
}
