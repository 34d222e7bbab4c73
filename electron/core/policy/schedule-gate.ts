import type { PauseReason } from '../../contract/node';
import type { ScheduleSlot } from '../../contract/settings';
import { formatLocalTime } from './local-time';
import { insideSchedule, nextSlotStart } from './schedule';

/**
 * The schedule rule: training runs inside the slots. A Start pressed outside them holds until the
 * schedule next takes over (the next slot begins, and its end then pauses as usual), the way a
 * thermostat's manual hold lasts until the next programmed change.
 */
export class ScheduleGate {
  #held = false;

  /** The user pressed Start or Resume. */
  hold(): void {
    this.#held = true;
  }

  release(): void {
    this.#held = false;
  }

  evaluate(slots: readonly ScheduleSlot[], now: number): PauseReason | undefined {
    if (insideSchedule(slots, now)) {
      this.#held = false;
      return undefined;
    }
    if (this.#held) return undefined;
    const next = nextSlotStart(slots, now);
    if (next === null)
      return { kind: 'schedule', message: 'Waiting: the schedule has no time slots' };
    return {
      kind: 'schedule',
      message: `Waiting: outside the schedule, starts ${formatLocalTime(next, now)}`,
      until: next,
    };
  }
}
