/**
 * A simplified Gauntlet (reference/templar.md §6): per miner, an exponential moving average of
 * its gradient score (relative loss improvement on random pages when its update is applied
 * alone) and a moving average of an indicator (1 when it improved its own pages more than random
 * ones: evidence it trained on its assignment, 0 otherwise). Final score =
 * max(0, EMA gradient score) × max(0, indicator average).
 *
 * Templar's indicator is ±1 and its average must stay above 0; early in training an honest
 * update helps random pages about as much as its own (the model is still learning what all text
 * shares), so on a short run one unlucky window would zero an honest miner. With 0/1 the average
 * is the recent share of windows that showed assignment-specific learning: a miner that ignores
 * its pages keeps about half its pay instead of none (docs/PROTOCOL.md §8.6). Penalties for missing, invalid and copied
 * updates act on the EMA. Pure functions over plain records, so the rules read as a table.
 */

export interface ScoringParams {
  /** Weight of the newest gradient score in its EMA. */
  gradientAlpha: number;
  /** Weight of the newest indicator in its moving average (Templar: 0.05 over thousands of windows). */
  indicatorAlpha: number;
  /** EMA multiplier for the 1st, 2nd, ... consecutive missing update; past the list: 0. */
  missingFactors: readonly number[];
  /** EMA multiplier for the later uploader of a copied update. */
  copyFactor: number;
}

/**
 * Where a new miner's indicator average starts: undecided. From 0, an honest miner whose first
 * update happened to help random pages a little more than its own would earn nothing until a
 * later window said otherwise, and a short run pays whoever else happens to be positive.
 */
export const INDICATOR_PRIOR = 0.5;

/** Faster than Templar's so that a short devnet run tells honest from lazy within a few windows. */
export const DEFAULT_SCORING: ScoringParams = {
  gradientAlpha: 0.3,
  indicatorAlpha: 0.2,
  missingFactors: [0.75, 0.5],
  copyFactor: 0.5,
};

export interface MinerRecord {
  hotkey: string;
  uid: number;
  gradientEma: number;
  indicatorAverage: number;
  evaluations: number;
  missingStreak: number;
  /** Sent an invalid update; stays out of the peer list until a valid evaluation. */
  flagged: boolean;
  lastGradientScore: number | undefined;
}

export function newRecord(hotkey: string, uid: number): MinerRecord {
  return {
    hotkey,
    uid,
    gradientEma: 0,
    indicatorAverage: INDICATOR_PRIOR,
    evaluations: 0,
    missingStreak: 0,
    flagged: false,
    lastGradientScore: undefined,
  };
}

export interface Evaluation {
  /** Relative loss improvement on random pages: (before − after) / before. */
  gradientScore: number;
  /** Relative loss improvement on the miner's own pages. */
  ownImprovement: number;
}

export function recordEvaluation(
  r: MinerRecord,
  e: Evaluation,
  p: ScoringParams = DEFAULT_SCORING,
): void {
  const score = Number.isFinite(e.gradientScore) ? e.gradientScore : -1;
  const indicator = Number.isFinite(e.ownImprovement) && e.ownImprovement > score ? 1 : 0;
  r.gradientEma = p.gradientAlpha * score + (1 - p.gradientAlpha) * r.gradientEma;
  r.indicatorAverage = p.indicatorAlpha * indicator + (1 - p.indicatorAlpha) * r.indicatorAverage;
  r.evaluations++;
  r.missingStreak = 0;
  r.flagged = false;
  r.lastGradientScore = score;
}

/** No update, a late one, or an unreachable bucket: the same to everyone who gathers. */
export function recordMissing(r: MinerRecord, p: ScoringParams = DEFAULT_SCORING): void {
  r.gradientEma *= p.missingFactors[r.missingStreak] ?? 0;
  r.missingStreak++;
}

/** An update that fails the payload checks: any positive standing is gone. */
export function recordInvalid(r: MinerRecord): void {
  r.gradientEma = Math.min(0, r.gradientEma);
  r.flagged = true;
}

export function recordCopy(r: MinerRecord, p: ScoringParams = DEFAULT_SCORING): void {
  r.gradientEma *= p.copyFactor;
  r.flagged = true;
}

export function finalScore(r: MinerRecord): number {
  return Math.max(0, r.gradientEma) * Math.max(0, r.indicatorAverage);
}

/** Weights for the chain: final scores of the miners that have one above 0 (the chain normalises). */
export function weightsFrom(records: Iterable<MinerRecord>): { uid: number; weight: number }[] {
  const weights: { uid: number; weight: number }[] = [];
  for (const r of records) {
    const s = finalScore(r);
    if (s > 0 && Number.isFinite(s)) weights.push({ uid: r.uid, weight: s });
  }
  return weights.sort((a, b) => a.uid - b.uid);
}

/**
 * Who is aggregated next window: everyone not yet judged (newcomers get a chance) and everyone
 * whose updates help on average (positive gradient EMA); flagged miners stay out. The indicator
 * decides pay, not membership: an update that lowers everyone's loss is worth applying.
 */
export function nextPeers(records: Iterable<MinerRecord>, registered: readonly string[]): string[] {
  const byHotkey = new Map([...records].map((r) => [r.hotkey, r]));
  return registered
    .filter((hotkey) => {
      const r = byHotkey.get(hotkey);
      if (!r) return true;
      if (r.flagged) return false;
      return r.evaluations === 0 || r.gradientEma > 0;
    })
    .sort();
}
