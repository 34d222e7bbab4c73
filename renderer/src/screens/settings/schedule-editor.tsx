import { useId } from 'react';
import type { ScheduleSlot } from '../../../../electron/contract/settings';
import { strings } from '../../i18n';

const text = strings.settings.schedule;
const NEW_SLOT: ScheduleSlot = { day: 1, start: '09:00', end: '17:00' };

/** The weekly slots in which training may run, one row per slot. */
export function ScheduleEditor({
  slots,
  onChange,
}: {
  slots: ScheduleSlot[];
  onChange: (slots: ScheduleSlot[]) => void;
}) {
  const id = useId();
  const edit = (index: number, patch: Partial<ScheduleSlot>) =>
    onChange(slots.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)));
  return (
    <fieldset>
      <legend>{text.title}</legend>
      {slots.length === 0 && <p className="muted">{text.empty}</p>}
      {slots.map((slot, i) => {
        const row = `${id}-${i}`;
        return (
          // Slots have no identity of their own; the position is what the list edits.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <fieldset key={i}>
            <legend>{text.slot(i + 1)}</legend>
            <label htmlFor={`${row}-day`}>{text.day}</label>
            <select
              id={`${row}-day`}
              value={slot.day}
              onChange={(e) => edit(i, { day: Number(e.target.value) })}
            >
              {text.days.map((day, n) => (
                <option key={day} value={n}>
                  {day}
                </option>
              ))}
            </select>
            <label htmlFor={`${row}-start`}>{text.start}</label>
            <input
              id={`${row}-start`}
              type="time"
              value={slot.start}
              onChange={(e) => edit(i, { start: e.target.value })}
            />
            <label htmlFor={`${row}-end`}>{text.end}</label>
            <input
              id={`${row}-end`}
              type="time"
              value={slot.end}
              onChange={(e) => edit(i, { end: e.target.value })}
            />
            <div className="actions">
              <button type="button" onClick={() => onChange(slots.filter((_, n) => n !== i))}>
                {text.remove(i + 1)}
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...slots, NEW_SLOT])}>
        {text.add}
      </button>
    </fieldset>
  );
}
