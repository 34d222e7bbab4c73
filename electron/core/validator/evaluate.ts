/**
 * Measuring one miner's update alone: the loss on its own pages and on random pages, before and
 * after applying its decoded pseudo-gradient at outerLr × evalFactor, in the validator's trainer
 * (which holds the synced model for the window being judged).
 */
import { createHash } from 'node:crypto';
import { assignPages, randomPages } from '../../engine/data';
import type { Trainer } from '../../engine/worker/spawn-trainer';
import { aggregate } from '../../protocol/aggregate';
import type { ParameterLayout } from '../../protocol/codec';
import type { RunParams } from '../../protocol/windows';
import type { GatheredPeer } from '../miner/gather';
import type { Evaluation } from './scoring';

export interface WindowEvaluator {
  evaluate(
    peer: GatheredPeer,
  ): Promise<Evaluation & { lossBeforeOwn: number; lossAfterOwn: number }>;
  lossBeforeRandom: number;
}

/**
 * Sets up the window's baseline. `salt` keeps the random pages secret until used (a fresh one
 * per window), so a miner cannot train on the baseline in advance.
 */
export async function windowEvaluator(options: {
  trainer: Trainer;
  run: RunParams;
  window: number;
  layout: ParameterLayout;
  pageCount: number;
  salt: string;
}): Promise<WindowEvaluator> {
  const { trainer, run, window, layout, pageCount, salt } = options;
  const random = randomPages({
    window,
    runSeed: run.runId,
    pagesPerWindow: run.evalPages,
    totalPages: pageCount,
    salt,
  });
  const lossBeforeRandom = (await trainer.evaluate({ pages: random, split: 'train' })).loss;
  const scale = run.outerLr * run.evalFactor;
  return {
    lossBeforeRandom,
    async evaluate(peer) {
      const assigned = assignPages({
        hotkey: peer.hotkey,
        window,
        runSeed: run.runId,
        pagesPerWindow: run.pagesPerWindow,
        totalPages: pageCount,
      });
      const own = sampleOf(assigned, run.evalPages, `${salt}|${peer.hotkey}`);
      const { update } = aggregate([peer], layout, run.codec);
      const delta = { tensors: update, scale };
      const lossBeforeOwn = (await trainer.evaluate({ pages: own, split: 'train' })).loss;
      const lossAfterOwn = (await trainer.evaluate({ pages: own, split: 'train', delta })).loss;
      const lossAfterRandom = (await trainer.evaluate({ pages: random, split: 'train', delta }))
        .loss;
      return {
        gradientScore: (lossBeforeRandom - lossAfterRandom) / lossBeforeRandom,
        ownImprovement: (lossBeforeOwn - lossAfterOwn) / lossBeforeOwn,
        lossBeforeOwn,
        lossAfterOwn,
      };
    },
  };
}

/** `count` of `pages`, chosen by a hash of the salt: the same draw for anyone with the salt. */
function sampleOf(pages: readonly number[], count: number, salt: string): number[] {
  if (pages.length <= count) return [...pages];
  return pages
    .map((page, i) => ({ page, key: createHash('sha256').update(`${salt}|${i}`).digest('hex') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, count)
    .map((p) => p.page);
}
