import { CliUsageError } from './usage-error';

/** A whole number within [min, max] from a flag's text, or a usage error naming the flag. */
export function integerFlag(
  name: string,
  text: string | undefined,
  fallback: number,
  min = 1,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CliUsageError(
      'invalid-value',
      `--${name} needs a whole number from ${min} to ${max}, got '${text}'`,
    );
  }
  return value;
}

/** A positive finite number from a flag's text. */
export function positiveFlag(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliUsageError('invalid-value', `--${name} needs a positive number, got '${text}'`);
  }
  return value;
}

/** One of `choices`, or a usage error listing them. */
export function choiceFlag<const T extends string>(
  name: string,
  text: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) {
    throw new CliUsageError(
      'invalid-value',
      `--${name} must be one of ${choices.join(', ')}, got '${text}'`,
    );
  }
  return text as T;
}
