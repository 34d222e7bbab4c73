/**
 * How hard a password is to guess, in bits, as an attacker who tries common passwords, keyboard
 * runs and repeats first would see it. Each character costs the bits of the character set it
 * comes from, except characters an attacker gets nearly free: runs of repeats or sequences
 * (aaa, abc, 321, qwerty) and common words (leetspeak included), which cost a few bits in total.
 */
const COMMON_WORDS = [
  'password',
  'passwort',
  'qwerty',
  'letmein',
  'welcome',
  'admin',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'master',
  'shadow',
  'sunshine',
  'princess',
  'superman',
  'trustno1',
  'secret',
  'wallet',
  'bitcoin',
  'crypto',
  'tessera',
  'bittensor',
  'login',
  'hello',
  'love',
  'test',
  'user',
  'guest',
  'abc123',
  'changeme',
];
const SEQUENCES = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
];
const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

export type StrengthWarning = 'short' | 'common' | 'repeat' | 'sequence';

export interface Strength {
  bits: number;
  /** 0 very weak … 4 very strong. */
  score: 0 | 1 | 2 | 3 | 4;
  warnings: StrengthWarning[];
}

/** The weakest score a new wallet password may have. */
export const MIN_SCORE = 2;

export function estimateStrength(password: string): Strength {
  const chars = [...password];
  const warnings = new Set<StrengthWarning>();
  const perChar = log2(charsetSize(chars));
  // A doubled letter or a neighbouring pair is ordinary; three in a row is a pattern.
  const bits = chars.map((c, i) => {
    const triple = chars.slice(Math.max(0, i - 2), i + 1).join('');
    if (triple.length < 3) return perChar;
    if (triple === c.repeat(3)) {
      warnings.add('repeat');
      return 1;
    }
    if (inSequence(triple)) {
      warnings.add('sequence');
      return 1.5;
    }
    return perChar;
  });
  const normalised = chars.map((c) => LEET[c] ?? c.toLowerCase()).join('');
  for (const word of COMMON_WORDS) {
    for (let at = normalised.indexOf(word); at >= 0; at = normalised.indexOf(word, at + 1)) {
      warnings.add('common');
      bits.fill(0, at, at + word.length);
      bits[at] = log2(COMMON_WORDS.length) + 1;
    }
  }
  if (chars.length < 10) warnings.add('short');
  const total = Math.round(bits.reduce((sum, b) => sum + b, 0));
  return { bits: total, score: scoreOf(total), warnings: [...warnings] };
}

const log2 = (n: number) => Math.log(n) / Math.LN2;

function charsetSize(chars: string[]): number {
  let size = 0;
  if (chars.some((c) => /[a-z]/.test(c))) size += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) size += 26;
  if (chars.some((c) => /[0-9]/.test(c))) size += 10;
  if (chars.some((c) => /[ -/:-@[-`{-~]/.test(c))) size += 33;
  if (chars.some((c) => c > '~')) size += 100;
  return Math.max(size, 1);
}

function inSequence(run: string): boolean {
  const forward = run.toLowerCase();
  const backward = [...forward].reverse().join('');
  return SEQUENCES.some((s) => s.includes(forward) || s.includes(backward));
}

function scoreOf(bits: number): Strength['score'] {
  if (bits < 28) return 0;
  if (bits < 40) return 1;
  if (bits < 60) return 2;
  if (bits < 80) return 3;
  return 4;
}
