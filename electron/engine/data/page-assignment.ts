import { createHash } from 'node:crypto';
import { DataError } from './errors';

/*
 * Which pages a miner trains on in a window, as a pure function anyone can recompute
 * (protocol v1). For draw i = 0, 1, 2, ...:
 *
 *   message   = UTF-8 of `${domain}|${runSeed}|${window}|${party}|${i}`
 *   candidate = (first 8 bytes of SHA-256(message) as a big-endian uint64) mod totalPages
 *
 * window and i are written in decimal without padding. A candidate already drawn (or excluded)
 * is skipped, and drawing stops once `pagesPerWindow` distinct pages are in hand; the result
 * keeps draw order, which is the order pages are trained on. `|` is the field separator, so no
 * field may contain it (SS58 hotkeys never do). The modulo bias, totalPages / 2^64, is negligible.
 *
 *   assignPages: domain `tessera/pages/v1`,        party = the miner's hotkey (SS58)
 *   randomPages: domain `tessera/random-pages/v1`, party = a salt chosen by the validator
 */
export const assignedPagesDomain = 'tessera/pages/v1';
export const randomPagesDomain = 'tessera/random-pages/v1';

export interface AssignPagesInput {
  /** The miner's hotkey, SS58. */
  hotkey: string;
  window: number;
  /** The run's public seed, the same for every participant of the run. */
  runSeed: string;
  pagesPerWindow: number;
  totalPages: number;
}

/** The pages `hotkey` must train on in `window`: distinct, in range, in training order. */
export function assignPages(input: AssignPagesInput): number[] {
  checkField('hotkey', input.hotkey, { allowEmpty: false });
  return drawPages(assignedPagesDomain, input.hotkey, input, new Set());
}

export interface RandomPagesInput {
  window: number;
  runSeed: string;
  pagesPerWindow: number;
  totalPages: number;
  /**
   * Makes the draw the validator's own: its hotkey for a baseline others can reproduce, or a
   * secret nonce so miners cannot learn the baseline pages in advance. Defaults to ''.
   */
  salt?: string;
  /** Pages that must not be drawn, e.g. the miner's own, so the baseline is data it never saw. */
  exclude?: readonly number[];
}

/** Baseline pages a validator compares a miner's loss improvement against. */
export function randomPages(input: RandomPagesInput): number[] {
  const salt = input.salt ?? '';
  checkField('salt', salt, { allowEmpty: true });
  return drawPages(randomPagesDomain, salt, input, new Set(input.exclude ?? []));
}

interface DrawInput {
  window: number;
  runSeed: string;
  pagesPerWindow: number;
  totalPages: number;
}

function drawPages(domain: string, party: string, input: DrawInput, skip: Set<number>): number[] {
  const { window, runSeed, pagesPerWindow, totalPages } = input;
  checkField('runSeed', runSeed, { allowEmpty: false });
  if (!Number.isSafeInteger(window) || window < 0) {
    invalid(`The window must be a whole number of at least 0, not ${window}.`);
  }
  if (!Number.isSafeInteger(totalPages) || totalPages < 1) {
    invalid(`The corpus must have at least one page to assign, not ${totalPages}.`);
  }
  if (!Number.isSafeInteger(pagesPerWindow) || pagesPerWindow < 1) {
    invalid(`Pages per window must be a whole number of at least 1, not ${pagesPerWindow}.`);
  }
  const excludedInRange = [...skip].filter((p) => Number.isInteger(p) && p >= 0 && p < totalPages);
  const available = totalPages - excludedInRange.length;
  if (pagesPerWindow > available) {
    invalid(
      `Cannot draw ${pagesPerWindow} distinct pages per window from ${available} available pages.`,
    );
  }

  const modulus = BigInt(totalPages);
  const prefix = `${domain}|${runSeed}|${window}|${party}|`;
  const drawn: number[] = [];
  const taken = new Set(skip);
  for (let i = 0; drawn.length < pagesPerWindow; i++) {
    const digest = createHash('sha256').update(`${prefix}${i}`, 'utf8').digest();
    const candidate = Number(digest.readBigUInt64BE(0) % modulus);
    if (taken.has(candidate)) continue;
    taken.add(candidate);
    drawn.push(candidate);
  }
  return drawn;
}

function checkField(name: string, value: string, rule: { allowEmpty: boolean }): void {
  if (typeof value !== 'string' || (!rule.allowEmpty && value.length === 0)) {
    invalid(`The ${name} must be a non-empty string.`);
  }
  if (value.includes('|')) {
    invalid(`The ${name} "${value}" contains "|", which separates the fields of a page draw.`);
  }
}

function invalid(message: string): never {
  throw new DataError('invalid-assignment', message);
}
