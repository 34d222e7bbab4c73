import type { PauseReason } from '../../contract/node';
import type { Settings } from '../../contract/settings';
import { IdleGate } from './idle-gate';
import { formatLocalTime } from './local-time';
import { pauseProgramReasons } from './pause-programs';
import { type DutyCycle, PowerDutyCycle } from './power-duty-cycle';
import { ScheduleGate } from './schedule-gate';
import type { HostSignals } from './signals';
import { TemperatureGuard } from './temperature-guard';

export interface PolicyDecision {
  run: boolean;
  /** Every reason that holds training now, most important first; empty exactly when `run`. */
  reasons: PauseReason[];
  /** During the notice before an automatic idle start: when it will start (ms). */
  startingAt: number | null;
  /** The run was started by the idle rule, so the user's return stops it. */
  startedAutomatically: boolean;
  /** Keep the machine from sleeping (the host holds a power-save blocker while this is true). */
  keepAwake: boolean;
  /** Present while a power target is set and the GPU's training draw is known. */
  dutyCycle?: DutyCycle;
}

/**
 * Most important first: the user's own choice, then the hardware's safety, then what the user is
 * doing with the machine, then the waiting rules, and last the power duty cycle, which flips
 * every few seconds and says least about why the GPU is quiet.
 */
const REASON_ORDER: readonly PauseReason['kind'][] = [
  'user',
  'temperature',
  'battery',
  'program',
  'schedule',
  'idle-wait',
  'power',
];

type UserPause = { until?: number } | null;

/**
 * When training may use the GPU: the courtesy rules of a volunteer-compute client, decided from
 * the host's signals and the user's settings. Pure apart from the state the rules need across
 * calls (the temperature latch, the idle notice, the power average, the user's pause), and free
 * of timers: the host calls `evaluate` every second or two with the current signals.
 */
export class CourtesyPolicy {
  #settings: Settings;
  #userPause: UserPause = null;
  #idle = new IdleGate();
  #schedule = new ScheduleGate();
  #temperature = new TemperatureGuard();
  #power = new PowerDutyCycle();
  #lastRun = false;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /** A new run mode starts its rule afresh; the other rules keep what they measured. */
  setSettings(settings: Settings): void {
    if (settings.runMode !== this.#settings.runMode) {
      this.#idle.reset();
      this.#schedule.release();
    }
    this.#settings = settings;
  }

  /**
   * Until `untilMs`, or until resumed. A pause ends the user's manual start: when a timed pause
   * runs out, the run mode decides again (an idle-mode run waits for the user to be away).
   */
  pauseByUser(untilMs?: number): void {
    this.#userPause = untilMs === undefined ? {} : { until: untilMs };
    this.#idle.reset();
    this.#schedule.release();
  }

  resumeByUser(): void {
    this.userStart();
  }

  /** The user pressed Start: run now, even if idle mode or the schedule would wait. */
  userStart(): void {
    this.#userPause = null;
    this.#idle.startManually();
    this.#schedule.hold();
  }

  evaluate(signals: HostSignals): PolicyDecision {
    const { now } = signals;
    const settings = this.#settings;
    if (this.#userPause?.until !== undefined && now >= this.#userPause.until) {
      this.#userPause = null;
    }
    this.#power.observe(signals.gpuPowerW, this.#lastRun);

    const reasons: PauseReason[] = [];
    const add = (reason: PauseReason | undefined) => {
      if (reason !== undefined) reasons.push(reason);
    };
    add(this.#userPauseReason(now));
    add(
      this.#temperature.evaluate(
        signals.gpuTemperatureC,
        settings.temperatureLimitC,
        settings.temperatureHysteresisC,
      ),
    );
    if (settings.pauseOnBattery && signals.onBattery === true) {
      add({ kind: 'battery', message: 'Paused: on battery power' });
    }
    reasons.push(...pauseProgramReasons(settings.pausePrograms, signals.runningPrograms));
    if (settings.runMode === 'schedule') add(this.#schedule.evaluate(settings.schedule, now));
    const power = this.#power.evaluate(now, settings.powerTargetW);
    add(power.reason);

    let startingAt: number | null = null;
    let automatic = false;
    if (settings.runMode === 'idle') {
      const idle = this.#idle.evaluate(
        now,
        signals.idleSeconds,
        settings.idleMinutes,
        reasons.length > 0,
      );
      add(idle.reason);
      startingAt = idle.startingAt;
      automatic = idle.automatic;
    }

    reasons.sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind));
    const run = reasons.length === 0;
    this.#lastRun = run;
    return {
      run,
      reasons,
      startingAt,
      startedAutomatically: run && automatic,
      keepAwake: run && settings.keepAwake,
      ...(power.cycle === undefined ? {} : { dutyCycle: power.cycle }),
    };
  }

  #userPauseReason(now: number): PauseReason | undefined {
    const pause = this.#userPause;
    if (pause === null) return undefined;
    if (pause.until === undefined) return { kind: 'user', message: 'Paused by you' };
    return {
      kind: 'user',
      message: `Paused by you until ${formatLocalTime(pause.until, now)}`,
      until: pause.until,
    };
  }
}
