const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/**
 * A moment as the user reads it on their own clock: "14:05" when it falls on the same local day
 * as `now`, "Mon 14:05" otherwise. 24-hour, because the schedule settings use it too.
 */
export function formatLocalTime(at: number, now: number): string {
  const time = new Date(at);
  const clock = `${pad(time.getHours())}:${pad(time.getMinutes())}`;
  return new Date(now).toDateString() === time.toDateString()
    ? clock
    : `${WEEKDAYS[time.getDay()]} ${clock}`;
}

/** "1 minute", "5 minutes". */
export function minutes(count: number): string {
  return count === 1 ? '1 minute' : `${count} minutes`;
}

const pad = (value: number): string => String(value).padStart(2, '0');
