import { describe, expect, it } from 'vitest';
import { estimateStrength, MIN_SCORE } from './password-strength';

describe('estimateStrength', () => {
  it('rates common passwords and their leetspeak as very weak', () => {
    for (const password of ['password', 'P@ssw0rd', 'qwerty123', '123456789', 'letmein!'])
      expect(estimateStrength(password).score, password).toBe(0);
    expect(estimateStrength('P@ssw0rd').warnings).toContain('common');
  });

  it('sees repeats and keyboard runs as nearly free', () => {
    expect(estimateStrength('aaaaaaaaaaaaaaaa').score).toBe(0);
    expect(estimateStrength('aaaaaaaaaaaaaaaa').warnings).toContain('repeat');
    expect(estimateStrength('abcdefghijklmnop').warnings).toContain('sequence');
    expect(estimateStrength('abcdefghijklmnop').score).toBeLessThan(MIN_SCORE);
  });

  it('lets a long passphrase of unrelated words through', () => {
    const { score, warnings } = estimateStrength('violet canoe marble thunder');
    expect(score).toBeGreaterThanOrEqual(3);
    expect(warnings).toEqual([]);
  });

  it('rates a random mixed password of 12 characters as strong', () => {
    expect(estimateStrength('k7#Rq9!vXm2L').score).toBeGreaterThanOrEqual(3);
  });

  it('gains strength with every unpredictable character', () => {
    expect(estimateStrength('k7#Rq9').bits).toBeLessThan(estimateStrength('k7#Rq9!vX').bits);
    expect(estimateStrength('').score).toBe(0);
    expect(estimateStrength('k7#Rq9').warnings).toContain('short');
  });
});
