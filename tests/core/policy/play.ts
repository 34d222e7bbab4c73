import { type SettingsPatch, settingsSchema } from '../../../electron/contract/settings';
import type { CourtesyPolicy, PolicyDecision } from '../../../electron/core/policy/courtesy-policy';
import type { HostSignals } from '../../../electron/core/policy/signals';

/** Saturday 28 November 2026, 13:00 on the local clock, so the tests hold in any time zone. */
export const T0 = new Date(2026, 10, 28, 13, 0).getTime();

export const settings = (patch: SettingsPatch = {}) => settingsSchema.parse(patch);

/** What the user did just before a step's evaluation. */
export type UserAction = 'start' | 'resume' | 'pause' | { pauseForSeconds: number };

export interface Step {
  /** Seconds after T0. */
  t: number;
  user?: UserAction;
  signals?: Omit<HostSignals, 'now'>;
  /** See `summary`. */
  expect: string;
}

/**
 * A decision in a few words: "run", "run auto" (started by the idle rule), or
 * "held kind,kind" with "notice +310" when an automatic start is announced for T0 + 310 s.
 */
export function summary(decision: PolicyDecision): string {
  if (decision.run) return decision.startedAutomatically ? 'run auto' : 'run';
  const held = `held ${decision.reasons.map((reason) => reason.kind).join(',')}`;
  return decision.startingAt === null
    ? held
    : `${held} notice +${(decision.startingAt - T0) / 1000}`;
}

/** Runs the steps through one policy and returns each decision's summary, in order. */
export function play(policy: CourtesyPolicy, steps: readonly Step[]): string[] {
  return steps.map((step) => {
    act(policy, step.user, step.t);
    return summary(policy.evaluate({ now: T0 + step.t * 1000, ...step.signals }));
  });
}

function act(policy: CourtesyPolicy, action: UserAction | undefined, t: number): void {
  if (action === undefined) return;
  if (action === 'start') policy.userStart();
  else if (action === 'resume') policy.resumeByUser();
  else if (action === 'pause') policy.pauseByUser();
  else policy.pauseByUser(T0 + (t + action.pauseForSeconds) * 1000);
}

export const expected = (steps: readonly Step[]) => steps.map((step) => step.expect);
