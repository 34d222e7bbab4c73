import type { ScheduleSlot } from '../../contract/settings';

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/**
 * Whether local time `now` falls inside one of the weekly slots. A slot belongs to the day it
 * starts on: `end` before `start` runs past midnight into the next day (Saturday night runs into
 * Sunday), and `end` equal to `start` is a whole day.
 */
export function insideSchedule(slots: readonly ScheduleSlot[], now: number): boolean {
  const time = new Date(now);
  const minuteOfWeek =
    time.getDay() * MINUTES_PER_DAY +
    time.getHours() * 60 +
    time.getMinutes() +
    time.getSeconds() / 60;
  return slots.some((slot) => {
    const start = slot.day * MINUTES_PER_DAY + clockMinutes(slot.start);
    const length = slotLength(slot);
    return (minuteOfWeek - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < length;
  });
}

/** When the next slot starts after `now` (ms since the epoch), or null when there are no slots. */
export function nextSlotStart(slots: readonly ScheduleSlot[], now: number): number | null {
  let next: number | null = null;
  for (const slot of slots) {
    const minute = clockMinutes(slot.start);
    const candidate = new Date(now);
    // Calendar arithmetic on local dates, so a daylight-saving change lands on the right hour.
    candidate.setHours(Math.floor(minute / 60), minute % 60, 0, 0);
    candidate.setDate(candidate.getDate() + ((slot.day - candidate.getDay() + 7) % 7));
    if (candidate.getTime() <= now) candidate.setDate(candidate.getDate() + 7);
    if (next === null || candidate.getTime() < next) next = candidate.getTime();
  }
  return next;
}

function slotLength(slot: ScheduleSlot): number {
  const length = clockMinutes(slot.end) - clockMinutes(slot.start);
  return length > 0 ? length : length + MINUTES_PER_DAY;
}

/** "HH:MM", already checked by the settings schema. */
function clockMinutes(clock: string): number {
  const [hours, minutesPart] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutesPart ?? 0);
}
