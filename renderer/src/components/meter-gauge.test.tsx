// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../test/axe';
import { MeterGauge } from './meter-gauge';

afterEach(cleanup);

const fill = (container: HTMLElement) =>
  container.querySelector('.meter-gauge__fill')?.getAttribute('stroke-dasharray');

describe('MeterGauge', () => {
  it('is a labelled meter with its value and unit, the arc filled in proportion', async () => {
    const { container } = render(<MeterGauge label="Power" value={150} unit="W" max={300} />);
    const meter = screen.getByRole('meter', { name: 'Power' });
    expect(meter.getAttribute('aria-valuenow')).toBe('150');
    expect(meter.getAttribute('aria-valuemin')).toBe('0');
    expect(meter.getAttribute('aria-valuemax')).toBe('300');
    expect(meter.getAttribute('aria-valuetext')).toBe('150 W');
    expect(fill(container)).toBe('50 100');
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('keeps the arc inside the dial for a value past its maximum', () => {
    const { container } = render(<MeterGauge label="Busy" value={120} unit="%" max={100} />);
    expect(fill(container)).toBe('100 100');
    expect(screen.getByText('120 %')).toBeTruthy();
  });

  it('says "not available" in words when there is no reading', () => {
    render(<MeterGauge label="Temperature" value={null} unit="°C" max={100} />);
    expect(screen.queryByRole('meter')).toBeNull();
    expect(screen.getByText('not available')).toBeTruthy();
    expect(screen.getByText('Temperature')).toBeTruthy();
  });
});
