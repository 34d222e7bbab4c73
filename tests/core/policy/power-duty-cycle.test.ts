import { describe, expect, it } from 'vitest';
import { CourtesyPolicy, type PolicyDecision } from '../../../electron/core/policy/courtesy-policy';
import { DUTY_PERIOD_MS } from '../../../electron/core/policy/power-duty-cycle';
import { settings, T0 } from './play';

/** The GPU as the host would see it: `trainingW` while it trains, `idleW` while it is paused. */
function simulate(powerTargetW: number | null, trainingW: number, idleW: number, seconds: number) {
  const policy = new CourtesyPolicy(settings({ powerTargetW }));
  const decisions: PolicyDecision[] = [];
  let training = false;
  for (let t = 0; t < seconds; t++) {
    const decision = policy.evaluate({
      now: T0 + t * 1000,
      gpuPowerW: training ? trainingW : idleW,
    });
    decisions.push(decision);
    training = decision.run;
  }
  return decisions;
}

const share = (decisions: PolicyDecision[]) =>
  decisions.filter((decision) => decision.run).length / decisions.length;

describe('the power duty cycle', () => {
  it('lines T0 up with a period, so the expected shares below are exact', () => {
    expect(T0 % DUTY_PERIOD_MS).toBe(0);
  });

  it.each([
    { targetW: 150, trainingW: 300, fraction: 0.5 },
    { targetW: 100, trainingW: 400, fraction: 0.25 },
    { targetW: 300, trainingW: 300, fraction: 1 },
    { targetW: 450, trainingW: 300, fraction: 1 },
    { targetW: 15, trainingW: 300, fraction: 0.1 },
  ])('trains $fraction of the time for $targetW W when training draws $trainingW W', (row) => {
    const decisions = simulate(row.targetW, row.trainingW, 30, 10 * 60);
    expect(share(decisions)).toBeCloseTo(row.fraction, 10);
    expect(decisions.at(-1)?.dutyCycle).toEqual({
      targetW: row.targetW,
      runningPowerW: row.trainingW,
      fraction: row.fraction,
      periodMs: DUTY_PERIOD_MS,
    });
  });

  it('trains the first part of each period and says when it resumes', () => {
    const decisions = simulate(150, 300, 30, 61);
    expect(decisions.slice(0, 30).every((decision) => decision.run)).toBe(true);
    expect(decisions.slice(30, 60).every((decision) => !decision.run)).toBe(true);
    expect(decisions[60]?.run).toBe(true);
    expect(decisions[45]?.reasons).toEqual([
      {
        kind: 'power',
        message: 'Paused: keeping the GPU near 150 W, training 50% of the time; resumes at 13:01',
        until: T0 + 60_000,
      },
    ]);
  });

  it('counts only readings taken while training, not the idle draw of the pauses', () => {
    const decisions = simulate(150, 300, 5, 10 * 60);
    expect(decisions.at(-1)?.dutyCycle?.runningPowerW).toBe(300);
  });

  it.each([
    { case: 'no target', powerTargetW: null, gpuPowerW: 500 },
    { case: 'an unknown power draw', powerTargetW: 100, gpuPowerW: undefined },
  ])('trains flat out with $case', (row) => {
    const policy = new CourtesyPolicy(settings({ powerTargetW: row.powerTargetW }));
    for (let t = 0; t < 120; t++) {
      const decision = policy.evaluate({ now: T0 + t * 1000, gpuPowerW: row.gpuPowerW });
      expect(decision.run).toBe(true);
      expect(decision.dutyCycle).toBeUndefined();
    }
  });

  it('follows a new workload: a heavier draw lowers the share', () => {
    const policy = new CourtesyPolicy(settings({ powerTargetW: 150 }));
    let training = false;
    let fraction: number | undefined;
    for (let t = 0; t < 600; t++) {
      const trainingW = t < 300 ? 150 : 300;
      const decision = policy.evaluate({
        now: T0 + t * 1000,
        gpuPowerW: training ? trainingW : 20,
      });
      training = decision.run;
      if (t === 299) expect(decision.dutyCycle?.fraction).toBe(1);
      fraction = decision.dutyCycle?.fraction;
    }
    expect(fraction).toBeCloseTo(0.5, 3);
  });
});
