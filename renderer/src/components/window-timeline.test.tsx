// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { WindowTimeline, windowPosition } from './window-timeline';

afterEach(cleanup);

const clock = {
  window: 7,
  block: 720,
  startBlock: 700,
  uploadDeadlineBlock: 780,
  endBlock: 800,
  blockMs: 12_000,
  blockAt: 1_000_000,
};

describe('windowPosition', () => {
  it('places the last known block in the window and times the deadline and the end from it', () => {
    expect(windowPosition(clock, clock.blockAt)).toEqual({
      block: 720,
      fraction: 0.2,
      uploadDeadlineFraction: 0.8,
      msToUploadDeadline: 60 * 12_000,
      msToEnd: 80 * 12_000,
    });
  });

  it('runs the clock on between pushes', () => {
    const later = windowPosition(clock, clock.blockAt + 10 * 12_000);
    expect(later.block).toBe(730);
    expect(later.fraction).toBeCloseTo(0.3);
    expect(later.msToUploadDeadline).toBe(50 * 12_000);
  });

  it('stops at the window end and counts a passed deadline as negative', () => {
    const late = windowPosition(clock, clock.blockAt + 200 * 12_000);
    expect(late.block).toBe(800);
    expect(late.fraction).toBe(1);
    expect(late.msToUploadDeadline).toBeLessThan(0);
  });
});

describe('WindowTimeline', () => {
  it('waits in words when there is no clock', () => {
    render(<WindowTimeline clock={null} phase="idle" />);
    expect(screen.getByText('Waiting for the network clock.')).toBeTruthy();
  });

  it('marks phases before the current one done and the current one as the step', () => {
    render(<WindowTimeline clock={clock} phase="upload" />);
    const steps = screen.getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      '✓ Sync (done)',
      '✓ Train (done)',
      '● Upload (now)',
      '○ Gather (next)',
      '○ Apply (next)',
    ]);
    expect(steps[2]!.getAttribute('aria-current')).toBe('step');
    expect(screen.getByText('Sending your compressed update.')).toBeTruthy();
  });
});
