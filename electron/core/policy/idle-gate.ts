import type { PauseReason } from '../../contract/node';
import { minutes } from './local-time';

/** How long the user is told before an automatic start, so they can object (FAH, Salad). */
export const START_NOTICE_MS = 10_000;

/**
 * waiting: for `idleMinutes` without input; notice: idle long enough, starting at `startingAt`;
 * automatic: started by this rule, so input stops it; manual: the user pressed Start or Resume,
 * so their input is expected and does not stop it.
 */
type IdlePhase =
  | { name: 'waiting' }
  | { name: 'notice'; startingAt: number }
  | { name: 'automatic' }
  | { name: 'manual' };

export interface IdleVerdict {
  reason?: PauseReason;
  startingAt: number | null;
  /** The idle rule, not the user, started the current run. */
  automatic: boolean;
}

/**
 * The "only when idle" rule. An unknown idle time changes nothing: a run keeps going, a wait keeps
 * waiting, because idleness has to be seen before the rule starts anything.
 */
export class IdleGate {
  #phase: IdlePhase = { name: 'waiting' };

  /** The user pressed Start or Resume. */
  startManually(): void {
    this.#phase = { name: 'manual' };
  }

  /** The user paused: the next start waits for idleness again. */
  reset(): void {
    this.#phase = { name: 'waiting' };
  }

  /**
   * `blocked`: another rule holds training now. The notice only runs while nothing else blocks,
   * so the user always sees it right before the GPU actually starts.
   */
  evaluate(
    now: number,
    idleSeconds: number | undefined,
    idleMinutes: number,
    blocked: boolean,
  ): IdleVerdict {
    const idle = idleSeconds === undefined ? undefined : idleSeconds >= idleMinutes * 60;
    const phase = this.#phase;
    if (phase.name === 'manual') return { startingAt: null, automatic: false };
    if (phase.name === 'automatic') {
      if (idle !== false) return { startingAt: null, automatic: true };
      this.#phase = { name: 'waiting' };
    }
    if (this.#phase.name === 'notice') {
      if (idle === false || blocked) this.#phase = { name: 'waiting' };
      else if (idle === true && now >= this.#phase.startingAt) {
        this.#phase = { name: 'automatic' };
        return { startingAt: null, automatic: true };
      }
    }
    if (this.#phase.name === 'waiting' && idle === true && !blocked) {
      this.#phase = { name: 'notice', startingAt: now + START_NOTICE_MS };
    }
    if (this.#phase.name === 'notice') {
      const { startingAt } = this.#phase;
      const seconds = Math.max(1, Math.ceil((startingAt - now) / 1000));
      return {
        reason: {
          kind: 'idle-wait',
          message: `Starting in ${seconds} s: no input for ${minutes(idleMinutes)}`,
          until: startingAt,
        },
        startingAt,
        automatic: false,
      };
    }
    return {
      reason: {
        kind: 'idle-wait',
        message: `Waiting: starts after ${minutes(idleMinutes)} without input`,
      },
      startingAt: null,
      automatic: false,
    };
  }
}
