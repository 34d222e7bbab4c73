import type { PauseReason } from '../../contract/node';
import { formatLocalTime } from './local-time';

/**
 * One on/off cycle. Long enough that pausing and resuming the trainer costs little of it, short
 * enough that a minute's average (what a power meter or a fan curve sees) sits near the target.
 */
export const DUTY_PERIOD_MS = 60_000;
/** Below a tenth of the time, training makes too little progress to be worth the GPU's time. */
export const MIN_RUN_FRACTION = 0.1;
/** Weight of a new reading in the running-power average: steady, yet follows a new workload. */
const SMOOTHING = 0.3;

export interface DutyCycle {
  targetW: number;
  /** Average board power while training, from readings taken while it trained. */
  runningPowerW: number;
  /** Share of each period spent training, MIN_RUN_FRACTION..1. */
  fraction: number;
  periodMs: number;
}

export interface DutyVerdict {
  cycle?: DutyCycle;
  reason?: PauseReason;
}

/**
 * Holds average GPU power near a target by training for `fraction` of each period, where
 * fraction = target / power drawn while training. The periods are aligned to the epoch, so the
 * decision is a pure function of `now` and the measured power. The GPU's idle draw in the off
 * share comes on top of the target; it is small next to training's and not measured cleanly (a
 * game may be running while training is paused), so it is not subtracted.
 */
export class PowerDutyCycle {
  #runningPowerW: number | null = null;

  /** A reading counts only when the GPU trained through the interval before it. */
  observe(powerW: number | undefined, trainedBefore: boolean): void {
    if (powerW === undefined || !trainedBefore || !(powerW > 0)) return;
    this.#runningPowerW =
      this.#runningPowerW === null
        ? powerW
        : this.#runningPowerW + SMOOTHING * (powerW - this.#runningPowerW);
  }

  evaluate(now: number, targetW: number | null): DutyVerdict {
    if (targetW === null || this.#runningPowerW === null) return {};
    const fraction = Math.min(1, Math.max(MIN_RUN_FRACTION, targetW / this.#runningPowerW));
    const cycle = {
      targetW,
      runningPowerW: this.#runningPowerW,
      fraction,
      periodMs: DUTY_PERIOD_MS,
    };
    const intoPeriod = ((now % DUTY_PERIOD_MS) + DUTY_PERIOD_MS) % DUTY_PERIOD_MS;
    if (intoPeriod < fraction * DUTY_PERIOD_MS) return { cycle };
    const until = now - intoPeriod + DUTY_PERIOD_MS;
    return {
      cycle,
      reason: {
        kind: 'power',
        message:
          `Paused: keeping the GPU near ${Math.round(targetW)} W, training ` +
          `${Math.round(fraction * 100)}% of the time; resumes at ${formatLocalTime(until, now)}`,
        until,
      },
    };
  }
}
