import { describe, expect, it } from 'vitest';
import type { ContractEvent } from '../../electron/contract';
import {
  formatEarned,
  NotificationPolicy,
  REWARD_NOTICE_INTERVAL_MS,
} from '../../electron/main/notifications';

const problem = (needsUser: boolean): ContractEvent => ({
  event: 'node.problem',
  payload: { kind: 'wallet-locked', message: 'Unlock your wallet to keep training.', needsUser },
});
const reward = (amount: string, window = 1, unit: 'tao' | 'alpha' = 'tao'): ContractEvent => ({
  event: 'node.reward',
  payload: { window, amount, unit, at: 0 },
});

describe('NotificationPolicy', () => {
  it('shows a problem that needs the user while the window is hidden', () => {
    expect(new NotificationPolicy().noticeFor(problem(true), false, 0)).toEqual({
      title: 'Tessera needs your attention',
      body: 'Unlock your wallet to keep training.',
    });
  });

  it('leaves problems to the page while it is visible, and minor ones to the log', () => {
    const policy = new NotificationPolicy();
    expect(policy.noticeFor(problem(true), true, 0)).toBeUndefined();
    expect(policy.noticeFor(problem(false), false, 0)).toBeUndefined();
  });

  it('announces the first reward, then sums the next ones into one notice an hour later', () => {
    const policy = new NotificationPolicy();
    const start = 1_000_000;

    expect(policy.noticeFor(reward('1500000000'), false, start)?.title).toBe(
      'Tessera earned 1.5 TAO',
    );
    expect(policy.noticeFor(reward('250000000', 2), false, start + 60_000)).toBeUndefined();
    expect(
      policy.noticeFor(reward('250000000', 3), false, start + REWARD_NOTICE_INTERVAL_MS),
    ).toEqual({ title: 'Tessera earned 0.5 TAO', body: 'Rewards for 2 of your updates.' });
  });

  it('never adds TAO and alpha together: a new unit starts a new sum', () => {
    const policy = new NotificationPolicy();
    const start = 1_000_000;
    policy.noticeFor(reward('1000000000'), false, start);
    expect(policy.noticeFor(reward('700000000', 2), false, start + 60_000)).toBeUndefined();
    expect(
      policy.noticeFor(reward('250000000', 3, 'alpha'), false, start + REWARD_NOTICE_INTERVAL_MS),
    ).toEqual({ title: 'Tessera earned 0.25 α', body: 'Your GPU’s update was rewarded.' });
  });

  it('does not announce rewards while the window shows them', () => {
    expect(new NotificationPolicy().noticeFor(reward('5'), true, 0)).toBeUndefined();
  });

  it('ignores other events', () => {
    const event = { event: 'settings.changed', payload: {} } as unknown as ContractEvent;
    expect(new NotificationPolicy().noticeFor(event, false, 0)).toBeUndefined();
  });
});

describe('formatEarned', () => {
  it.each([
    [1_000_000_000n, '1 TAO'],
    [1_234_567_890n, '1.2345 TAO'],
    [100_000n, '0.0001 TAO'],
    [99_999n, '< 0.0001 TAO'],
    [12_000_000_000_000n, '12000 TAO'],
  ])('shows %s rao as %s, never rounding up', (rao, text) => {
    expect(formatEarned(rao)).toBe(text);
  });

  it('counts Bittensor earnings in the subnet token', () => {
    expect(formatEarned(1_234_567_890n, 'alpha')).toBe('1.2345 α');
    expect(formatEarned(1n, 'alpha')).toBe('< 0.0001 α');
  });
});
