/**
 * The trainer SIGKILLed at random moments of a run on the embedded devnet, twice (the full 50 are
 * `npm run reliability`): the core replaces it each time, the replacement trains from a model the
 * validator vouched for, every checkpoint on disk loads and matches its manifest, and the core
 * itself never exits.
 */
import { describe, expect, it } from 'vitest';
import { measureTrainerKills } from './faults-trainer-kills';

describe('the trainer killed at random moments', () => {
  it('is replaced every time and training resumes from the vouched model', async () => {
    const figures = await measureTrainerKills({ kills: 2 });
    expect(figures.resumes).toBe(2);
    expect(figures.unvouchedModels).toBe(0);
    expect(figures.corrupt).toEqual([]);
    expect(figures.checkpointsVerified).toBeGreaterThan(0);
    expect(figures.windowsTrained).toBeGreaterThan(2);
    expect(figures.coreExited).toBe(false);
  }, 600_000);
});
