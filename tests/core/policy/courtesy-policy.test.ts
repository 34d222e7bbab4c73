import { describe, expect, it } from 'vitest';
import type { SettingsPatch } from '../../../electron/contract/settings';
import { CourtesyPolicy } from '../../../electron/core/policy/courtesy-policy';
import type { HostSignals } from '../../../electron/core/policy/signals';
import { expected, play, type Step, settings, T0 } from './play';

interface MessageRow {
  rule: string;
  patch: SettingsPatch;
  act: (policy: CourtesyPolicy) => void;
  signals: Omit<HostSignals, 'now'>;
  message: string;
}

interface Scenario {
  name: string;
  settings: SettingsPatch;
  steps: Step[];
}

const idle5: SettingsPatch = { runMode: 'idle', idleMinutes: 5 };
/** Saturday 22:00 to Sunday 02:00: a slot that runs past midnight (T0 is Saturday 13:00). */
const saturdayNight: SettingsPatch = {
  runMode: 'schedule',
  schedule: [{ day: 6, start: '22:00', end: '02:00' }],
};
const at = (hours: number, minutes = 0, day = 0) =>
  (hours - 13) * 3600 + minutes * 60 + day * 86_400;

const scenarios: Scenario[] = [
  {
    name: 'always mode runs when nothing is known',
    settings: {},
    steps: [{ t: 0, expect: 'run' }],
  },
  {
    name: 'battery pauses when the setting says so, and resumes on AC',
    settings: { pauseOnBattery: true },
    steps: [
      { t: 0, signals: { onBattery: false }, expect: 'run' },
      { t: 1, signals: { onBattery: true }, expect: 'held battery' },
      { t: 2, signals: { onBattery: false }, expect: 'run' },
    ],
  },
  {
    name: 'battery is ignored when pauseOnBattery is off',
    settings: { pauseOnBattery: false },
    steps: [{ t: 0, signals: { onBattery: true }, expect: 'run' }],
  },
  {
    name: 'battery and temperature together, temperature first',
    settings: { temperatureLimitC: 83, temperatureHysteresisC: 8 },
    steps: [
      {
        t: 0,
        signals: { onBattery: true, gpuTemperatureC: 90 },
        expect: 'held temperature,battery',
      },
      { t: 1, signals: { onBattery: false, gpuTemperatureC: 80 }, expect: 'held temperature' },
      { t: 2, signals: { onBattery: true, gpuTemperatureC: 70 }, expect: 'held battery' },
      { t: 3, signals: { onBattery: false, gpuTemperatureC: 70 }, expect: 'run' },
    ],
  },
  {
    name: 'temperature hysteresis: pause at the limit, resume only below limit minus hysteresis',
    settings: { temperatureLimitC: 83, temperatureHysteresisC: 8 },
    steps: [
      { t: 0, signals: { gpuTemperatureC: 82.9 }, expect: 'run' },
      { t: 1, signals: { gpuTemperatureC: 83 }, expect: 'held temperature' },
      { t: 2, signals: { gpuTemperatureC: 86 }, expect: 'held temperature' },
      { t: 3, signals: { gpuTemperatureC: 80 }, expect: 'held temperature' },
      { t: 4, signals: { gpuTemperatureC: 75 }, expect: 'held temperature' },
      { t: 5, signals: { gpuTemperatureC: 74.9 }, expect: 'run' },
      { t: 6, signals: { gpuTemperatureC: 80 }, expect: 'run' },
      { t: 7, signals: { gpuTemperatureC: 83.5 }, expect: 'held temperature' },
    ],
  },
  {
    name: 'a missing temperature pauses nothing but keeps the latch for the next reading',
    settings: { temperatureLimitC: 83, temperatureHysteresisC: 8 },
    steps: [
      { t: 0, signals: { gpuTemperatureC: 84 }, expect: 'held temperature' },
      { t: 1, signals: {}, expect: 'run' },
      { t: 2, signals: { gpuTemperatureC: 78 }, expect: 'held temperature' },
      { t: 3, signals: { gpuTemperatureC: 60 }, expect: 'run' },
    ],
  },
  {
    name: 'idle mode: notice, automatic start, then the user comes back and it stops',
    settings: idle5,
    steps: [
      { t: 0, signals: { idleSeconds: 0 }, expect: 'held idle-wait' },
      { t: 299, signals: { idleSeconds: 299 }, expect: 'held idle-wait' },
      { t: 300, signals: { idleSeconds: 300 }, expect: 'held idle-wait notice +310' },
      { t: 305, signals: { idleSeconds: 305 }, expect: 'held idle-wait notice +310' },
      { t: 310, signals: { idleSeconds: 310 }, expect: 'run auto' },
      { t: 900, signals: { idleSeconds: 900 }, expect: 'run auto' },
      { t: 901, signals: { idleSeconds: 0 }, expect: 'held idle-wait' },
      { t: 1000, signals: { idleSeconds: 99 }, expect: 'held idle-wait' },
    ],
  },
  {
    name: 'idle mode: the user pressed Start, so coming back does not stop it',
    settings: idle5,
    steps: [
      { t: 0, user: 'start', signals: { idleSeconds: 0 }, expect: 'run' },
      { t: 400, signals: { idleSeconds: 400 }, expect: 'run' },
      { t: 401, signals: { idleSeconds: 0 }, expect: 'run' },
    ],
  },
  {
    name: "idle mode: Start during an automatic run makes it the user's",
    settings: idle5,
    steps: [
      { t: 300, signals: { idleSeconds: 300 }, expect: 'held idle-wait notice +310' },
      { t: 310, signals: { idleSeconds: 310 }, expect: 'run auto' },
      { t: 311, user: 'start', signals: { idleSeconds: 0 }, expect: 'run' },
      { t: 312, signals: { idleSeconds: 1 }, expect: 'run' },
    ],
  },
  {
    name: 'idle mode: input during the notice cancels it, the next idle spell gives a new one',
    settings: idle5,
    steps: [
      { t: 300, signals: { idleSeconds: 300 }, expect: 'held idle-wait notice +310' },
      { t: 305, signals: { idleSeconds: 2 }, expect: 'held idle-wait' },
      { t: 310, signals: { idleSeconds: 7 }, expect: 'held idle-wait' },
      { t: 603, signals: { idleSeconds: 300 }, expect: 'held idle-wait notice +613' },
      { t: 613, signals: { idleSeconds: 310 }, expect: 'run auto' },
    ],
  },
  {
    name: 'idle mode: the notice waits while another rule blocks, then is shown in full',
    settings: idle5,
    steps: [
      { t: 300, signals: { idleSeconds: 300, onBattery: true }, expect: 'held battery,idle-wait' },
      { t: 305, signals: { idleSeconds: 305 }, expect: 'held idle-wait notice +315' },
      { t: 310, signals: { idleSeconds: 310, onBattery: true }, expect: 'held battery,idle-wait' },
      { t: 320, signals: { idleSeconds: 320 }, expect: 'held idle-wait notice +330' },
      { t: 330, signals: { idleSeconds: 330 }, expect: 'run auto' },
    ],
  },
  {
    name: 'idle mode: an automatic run held by heat resumes without a new notice',
    settings: idle5,
    steps: [
      { t: 300, signals: { idleSeconds: 300 }, expect: 'held idle-wait notice +310' },
      { t: 310, signals: { idleSeconds: 310 }, expect: 'run auto' },
      { t: 311, signals: { idleSeconds: 311, gpuTemperatureC: 90 }, expect: 'held temperature' },
      { t: 312, signals: { idleSeconds: 312, gpuTemperatureC: 60 }, expect: 'run auto' },
      { t: 313, signals: { idleSeconds: 0, gpuTemperatureC: 60 }, expect: 'held idle-wait' },
    ],
  },
  {
    name: 'idle mode: an unknown idle time neither starts nor stops anything',
    settings: idle5,
    steps: [
      { t: 0, signals: {}, expect: 'held idle-wait' },
      { t: 300, signals: { idleSeconds: 300 }, expect: 'held idle-wait notice +310' },
      { t: 311, signals: {}, expect: 'held idle-wait notice +310' },
      { t: 312, signals: { idleSeconds: 312 }, expect: 'run auto' },
      { t: 313, signals: {}, expect: 'run auto' },
    ],
  },
  {
    name: 'idle mode: a pause ends the manual start; after it the rule waits for idleness again',
    settings: idle5,
    steps: [
      { t: 0, user: 'start', signals: { idleSeconds: 0 }, expect: 'run' },
      {
        t: 1,
        user: { pauseForSeconds: 60 },
        signals: { idleSeconds: 0 },
        expect: 'held user,idle-wait',
      },
      { t: 61, signals: { idleSeconds: 0 }, expect: 'held idle-wait' },
      { t: 62, user: 'resume', signals: { idleSeconds: 0 }, expect: 'run' },
    ],
  },
  {
    name: 'schedule: a slot running past midnight covers the night and nothing else',
    settings: saturdayNight,
    steps: [
      { t: at(21, 59), expect: 'held schedule' },
      { t: at(22, 0), expect: 'run' },
      { t: at(23, 30), expect: 'run' },
      { t: at(1, 59, 1), expect: 'run' },
      { t: at(2, 0, 1), expect: 'held schedule' },
      { t: at(23, 0, 1), expect: 'held schedule' },
    ],
  },
  {
    name: 'schedule: Start outside the slots holds until the next slot, whose end then pauses',
    settings: saturdayNight,
    steps: [
      { t: at(20, 0), expect: 'held schedule' },
      { t: at(20, 1), user: 'start', expect: 'run' },
      { t: at(23, 0), expect: 'run' },
      { t: at(2, 0, 1), expect: 'held schedule' },
    ],
  },
  {
    name: 'schedule: battery holds even inside a slot',
    settings: saturdayNight,
    steps: [{ t: at(23, 0), signals: { onBattery: true }, expect: 'held battery' }],
  },
  {
    name: 'listed programs pause, matched without case, folder or .exe',
    settings: { pausePrograms: ['EldenRing.exe', 'obs64'] },
    steps: [
      { t: 0, signals: { runningPrograms: ['node', 'eldenring.exe'] }, expect: 'held program' },
      { t: 1, signals: { runningPrograms: ['ELDENRING'] }, expect: 'held program' },
      { t: 2, signals: { runningPrograms: ['C:\\Games\\eldenring.exe'] }, expect: 'held program' },
      {
        t: 3,
        signals: { runningPrograms: ['OBS64.EXE', 'eldenring'] },
        expect: 'held program,program',
      },
      { t: 4, signals: { runningPrograms: ['eldenring2.exe', 'obs'] }, expect: 'run' },
      { t: 5, signals: {}, expect: 'run' },
    ],
  },
  {
    name: 'a timed pause expires by itself',
    settings: {},
    steps: [
      { t: 0, user: { pauseForSeconds: 600 }, expect: 'held user' },
      { t: 599, expect: 'held user' },
      { t: 600, expect: 'run' },
    ],
  },
  {
    name: 'a pause without a time lasts until resumed, and comes before every other reason',
    settings: {},
    steps: [
      { t: 0, user: 'pause', expect: 'held user' },
      {
        t: 86_400,
        signals: { onBattery: true, gpuTemperatureC: 95 },
        expect: 'held user,temperature,battery',
      },
      { t: 86_401, user: 'resume', expect: 'run' },
    ],
  },
  {
    name: 'Start also ends a pause',
    settings: {},
    steps: [
      { t: 0, user: 'pause', expect: 'held user' },
      { t: 1, user: 'start', expect: 'run' },
    ],
  },
];

describe('CourtesyPolicy', () => {
  it.each(scenarios)('$name', (scenario) => {
    const policy = new CourtesyPolicy(settings(scenario.settings));
    expect(play(policy, scenario.steps)).toEqual(expected(scenario.steps));
  });

  it.each([
    { keepAwake: true, signals: {}, expected: true },
    { keepAwake: false, signals: {}, expected: false },
    { keepAwake: true, signals: { onBattery: true }, expected: false },
  ])('keepAwake is $expected with the setting $keepAwake and signals $signals', (row) => {
    const policy = new CourtesyPolicy(settings({ keepAwake: row.keepAwake }));
    expect(policy.evaluate({ now: T0, ...row.signals }).keepAwake).toBe(row.expected);
  });

  it('lists every active reason in order, each with the message the UI shows', () => {
    const policy = new CourtesyPolicy(
      settings({
        ...idle5,
        pausePrograms: ['eldenring.exe'],
        temperatureLimitC: 83,
        temperatureHysteresisC: 8,
      }),
    );
    const until = new Date(2026, 10, 28, 14, 5).getTime();
    policy.pauseByUser(until);
    const decision = policy.evaluate({
      now: T0,
      idleSeconds: 0,
      onBattery: true,
      runningPrograms: ['EldenRing.exe'],
      gpuTemperatureC: 86,
    });
    expect(decision).toEqual({
      run: false,
      reasons: [
        { kind: 'user', message: 'Paused by you until 14:05', until },
        { kind: 'temperature', message: 'Paused: GPU at 86 °C, resumes below 75 °C' },
        { kind: 'battery', message: 'Paused: on battery power' },
        { kind: 'program', message: 'Paused: eldenring.exe is running' },
        { kind: 'idle-wait', message: 'Waiting: starts after 5 minutes without input' },
      ],
      startingAt: null,
      startedAutomatically: false,
      keepAwake: false,
    });
  });

  it.each([
    {
      rule: 'a pause into another day',
      patch: {},
      act: (policy: CourtesyPolicy) => policy.pauseByUser(new Date(2026, 10, 29, 9, 0).getTime()),
      signals: {},
      message: 'Paused by you until Sun 09:00',
    },
    {
      rule: 'a pause until resumed',
      patch: {},
      act: (policy: CourtesyPolicy) => policy.pauseByUser(),
      signals: {},
      message: 'Paused by you',
    },
    {
      rule: 'idle mode with one minute',
      patch: { runMode: 'idle', idleMinutes: 1 },
      act: () => {},
      signals: { idleSeconds: 3 },
      message: 'Waiting: starts after 1 minute without input',
    },
    {
      rule: 'the idle notice',
      patch: idle5,
      act: () => {},
      signals: { idleSeconds: 300 },
      message: 'Starting in 10 s: no input for 5 minutes',
    },
    {
      rule: 'the schedule',
      patch: { runMode: 'schedule', schedule: [{ day: 1, start: '18:00', end: '23:00' }] },
      act: () => {},
      signals: {},
      message: 'Waiting: outside the schedule, starts Mon 18:00',
    },
    {
      rule: 'the schedule, later today',
      patch: { runMode: 'schedule', schedule: [{ day: 6, start: '18:30', end: '19:00' }] },
      act: () => {},
      signals: {},
      message: 'Waiting: outside the schedule, starts 18:30',
    },
    {
      rule: 'an empty schedule',
      patch: { runMode: 'schedule' },
      act: () => {},
      signals: {},
      message: 'Waiting: the schedule has no time slots',
    },
    {
      rule: 'a fractional hysteresis',
      patch: { temperatureLimitC: 80, temperatureHysteresisC: 2.5 },
      act: () => {},
      signals: { gpuTemperatureC: 80.4 },
      message: 'Paused: GPU at 80 °C, resumes below 77.5 °C',
    },
  ] satisfies MessageRow[])('says $message for $rule', (row) => {
    const policy = new CourtesyPolicy(settings(row.patch));
    row.act(policy);
    const [reason] = policy.evaluate({ now: T0, ...row.signals }).reasons;
    expect(reason?.message).toBe(row.message);
  });

  it('gives the timed pause, the notice and the schedule an end time', () => {
    const timed = new CourtesyPolicy(settings());
    timed.pauseByUser(T0 + 60_000);
    expect(timed.evaluate({ now: T0 }).reasons[0]?.until).toBe(T0 + 60_000);

    const idle = new CourtesyPolicy(settings(idle5));
    const notice = idle.evaluate({ now: T0, idleSeconds: 300 });
    expect(notice.startingAt).toBe(T0 + 10_000);
    expect(notice.reasons[0]?.until).toBe(T0 + 10_000);

    const scheduled = new CourtesyPolicy(settings(saturdayNight));
    expect(scheduled.evaluate({ now: T0 }).reasons[0]?.until).toBe(
      new Date(2026, 10, 28, 22, 0).getTime(),
    );
  });

  it('starts the new run mode afresh when the settings change it', () => {
    const policy = new CourtesyPolicy(settings(idle5));
    policy.userStart();
    expect(policy.evaluate({ now: T0, idleSeconds: 0 }).run).toBe(true);
    policy.setSettings(settings({ ...idle5, runMode: 'always' }));
    policy.setSettings(settings(idle5));
    expect(policy.evaluate({ now: T0 + 1000, idleSeconds: 0 }).reasons).toEqual([
      { kind: 'idle-wait', message: 'Waiting: starts after 5 minutes without input' },
    ]);
  });

  it("keeps the run mode's state when other settings change", () => {
    const policy = new CourtesyPolicy(settings(idle5));
    policy.userStart();
    policy.setSettings(settings({ ...idle5, pauseOnBattery: false }));
    expect(policy.evaluate({ now: T0, idleSeconds: 0 }).run).toBe(true);
  });
});
