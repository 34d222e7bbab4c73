/**
 * Numbers as people read them, always with their unit. Amounts arrive as decimal strings of rao
 * (1 TAO = 10^9 rao) and are formatted without passing through floating point.
 */
const RAO_PER_TAO = 1_000_000_000n;

export function formatTao(rao: string | bigint, digits = 4): string {
  const value = typeof rao === 'bigint' ? rao : BigInt(rao);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / RAO_PER_TAO;
  const fraction = (abs % RAO_PER_TAO).toString().padStart(9, '0').slice(0, digits);
  return `${negative ? '-' : ''}${whole.toLocaleString('en-US')}${digits > 0 ? `.${fraction}` : ''} TAO`;
}

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
