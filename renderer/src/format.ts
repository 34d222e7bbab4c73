/**
 * Numbers as people read them, always with their unit. Amounts arrive as decimal strings of rao
 * (10^-9 of a unit: TAO, or a subnet's alpha) and are formatted without passing through floating
 * point.
 */
import type { EarningsUnit } from '../../electron/contract/node';

const RAO_PER_UNIT = 1_000_000_000n;

const UNIT_SYMBOLS: Record<EarningsUnit, string> = { tao: 'TAO', alpha: 'α' };

/** How an amount's unit is written after it: "TAO" or "α". */
export const unitSymbol = (unit: EarningsUnit): string => UNIT_SYMBOLS[unit];

/** `digits` decimals cut (never rounded up), or with `exact` every digit down to the last non-zero. */
function decimal(rao: string | bigint, digits: number, exact = false): string {
  const value = typeof rao === 'bigint' ? rao : BigInt(rao);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / RAO_PER_UNIT;
  const nine = (abs % RAO_PER_UNIT).toString().padStart(9, '0');
  const fraction = exact ? nine.replace(/0+$/, '').padEnd(digits, '0') : nine.slice(0, digits);
  return `${negative ? '-' : ''}${whole.toLocaleString('en-US')}${fraction ? `.${fraction}` : ''}`;
}

/** An amount in its unit: "12.5000 TAO", "12.5000 α". */
export const formatAmount = (rao: string | bigint, unit: EarningsUnit, digits = 4): string =>
  `${decimal(rao, digits)} ${unitSymbol(unit)}`;

/** An amount that is TAO whatever the network pays in: balances, stakes, costs. */
export const formatTao = (rao: string | bigint, digits = 4): string =>
  formatAmount(rao, 'tao', digits);

/**
 * A charge the user is asked to agree to, in TAO to its last non-zero digit (at least four), so a
 * small fee never reads as "0.0000 TAO".
 */
export const formatCharge = (rao: string | bigint): string => `${decimal(rao, 4, true)} TAO`;

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export const formatPercent = (fraction: number, digits = 1): string =>
  `${(fraction * 100).toFixed(digits)} %`;

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A value that may be missing, with its unit: "72 °C" or "–". */
export const withUnit = (value: number | null | undefined, unit: string, digits = 0): string =>
  value === null || value === undefined ? '–' : `${value.toFixed(digits)} ${unit}`;

/** A count with thousands separators: "12,345". */
export const formatCount = (value: number): string => Math.round(value).toLocaleString('en-US');

/** A rate per second with its unit: "1,234 tokens/s". */
export const formatRate = (value: number | null | undefined, unit: string): string =>
  value === null || value === undefined ? '–' : `${formatCount(value)} ${unit}/s`;

/** A training loss, which people compare at three decimals. */
export const formatLoss = (loss: number): string => loss.toFixed(3);

/** Rao as a number of units, for charts only: floating point is fine for drawing, never for sums. */
export function raoToNumber(rao: string): number {
  const value = BigInt(rao);
  return Number(value / RAO_PER_UNIT) + Number(value % RAO_PER_UNIT) / 1e9;
}

/** A clock time in the user's locale, minutes precision: "14:05". */
export const formatTimeOfDay = (ms: number): string =>
  new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/** Compute speed as the hardware check measures it: "5,400 GFLOP/s". */
export const formatGflops = (gflops: number): string =>
  `${gflops.toLocaleString('en-US', { maximumFractionDigits: gflops < 10 ? 1 : 0 })} GFLOP/s`;

/** A log line's time of day, to the second, in the local time zone: "14:03:07". */
export const formatClock = (ms: number): string =>
  new Date(ms).toLocaleTimeString('en-GB', { hour12: false });

/** An SS58 address short enough for a table cell: "5FHneW…694ty". The full one goes in a title. */
export const shortAddress = (address: string): string =>
  address.length <= 14 ? address : `${address.slice(0, 6)}…${address.slice(-5)}`;
