import { describe, expect, it } from 'vitest';
import type { ScheduleSlot } from '../../../electron/contract/settings';
import { insideSchedule, nextSlotStart } from '../../../electron/core/policy/schedule';

/** A local time in the week of Sunday 22 November 2026: day 0 is that Sunday. */
const local = (day: number, hours: number, minutes = 0) =>
  new Date(2026, 10, 22 + day, hours, minutes).getTime();

const weekdayEvenings: ScheduleSlot[] = [1, 2, 3, 4, 5].map((day) => ({
  day,
  start: '18:00',
  end: '23:00',
}));
const saturdayNight: ScheduleSlot[] = [{ day: 6, start: '22:00', end: '02:00' }];
const wholeMonday: ScheduleSlot[] = [{ day: 1, start: '00:00', end: '00:00' }];

describe('insideSchedule', () => {
  it.each([
    {
      slots: weekdayEvenings,
      at: local(1, 18),
      inside: true,
      when: 'Monday 18:00 (start is inside)',
    },
    { slots: weekdayEvenings, at: local(1, 22, 59), inside: true, when: 'Monday 22:59' },
    {
      slots: weekdayEvenings,
      at: local(1, 23),
      inside: false,
      when: 'Monday 23:00 (end is outside)',
    },
    { slots: weekdayEvenings, at: local(0, 19), inside: false, when: 'Sunday 19:00' },
    { slots: weekdayEvenings, at: local(6, 19), inside: false, when: 'Saturday 19:00' },
    { slots: saturdayNight, at: local(6, 23, 30), inside: true, when: 'Saturday 23:30' },
    {
      slots: saturdayNight,
      at: local(7, 1, 59),
      inside: true,
      when: 'Sunday 01:59, past midnight',
    },
    {
      slots: saturdayNight,
      at: local(0, 1),
      inside: true,
      when: 'the Sunday before, 01:00 (week wraps)',
    },
    { slots: saturdayNight, at: local(7, 2), inside: false, when: 'Sunday 02:00' },
    { slots: saturdayNight, at: local(5, 23), inside: false, when: 'Friday 23:00' },
    { slots: wholeMonday, at: local(1, 0), inside: true, when: 'Monday 00:00 of a whole-day slot' },
    {
      slots: wholeMonday,
      at: local(1, 23, 59),
      inside: true,
      when: 'Monday 23:59 of a whole-day slot',
    },
    {
      slots: wholeMonday,
      at: local(2, 0),
      inside: false,
      when: 'Tuesday 00:00 after a whole-day slot',
    },
    { slots: [], at: local(3, 12), inside: false, when: 'any time with no slots' },
  ])('$when: $inside', (row) => {
    expect(insideSchedule(row.slots, row.at)).toBe(row.inside);
  });
});

describe('nextSlotStart', () => {
  it.each([
    { slots: weekdayEvenings, at: local(1, 12), next: local(1, 18), when: 'Monday noon' },
    { slots: weekdayEvenings, at: local(1, 18), next: local(2, 18), when: 'Monday 18:00 exactly' },
    { slots: weekdayEvenings, at: local(5, 23), next: local(8, 18), when: 'Friday night' },
    { slots: saturdayNight, at: local(6, 23), next: local(13, 22), when: 'inside the slot' },
  ])('$when', (row) => {
    expect(nextSlotStart(row.slots, row.at)).toBe(row.next);
  });

  it('is null without slots', () => {
    expect(nextSlotStart([], local(0, 0))).toBeNull();
  });
});
