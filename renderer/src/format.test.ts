import { describe, expect, it } from 'vitest';
import { formatAmount, formatCharge, formatTao, raoToNumber } from './format';

describe('amounts', () => {
  it('writes rao in the unit they count, cutting rather than rounding', () => {
    expect(formatAmount('12500000000', 'alpha')).toBe('12.5000 α');
    expect(formatAmount('1234567890123', 'tao')).toBe('1,234.5678 TAO');
    expect(formatTao(-1_999_999_999n, 2)).toBe('-1.99 TAO');
    expect(formatTao('3000000000', 0)).toBe('3 TAO');
  });

  it('shows a charge to its last non-zero digit, so a small fee never reads as nothing', () => {
    expect(formatCharge('125000')).toBe('0.000125 TAO');
    expect(formatCharge('100000000')).toBe('0.1000 TAO');
    expect(formatCharge('1')).toBe('0.000000001 TAO');
    expect(formatCharge('0')).toBe('0.0000 TAO');
  });

  it('turns rao into a number of units for charts', () => {
    expect(raoToNumber('1500000000')).toBe(1.5);
  });
});
