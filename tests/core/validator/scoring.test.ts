import { describe, expect, it } from 'vitest';
import type { GatheredPeer } from '../../../electron/core/miner/gather';
import { findCopies } from '../../../electron/core/validator/copy-detection';
import {
  finalScore,
  newRecord,
  nextPeers,
  recordCopy,
  recordEvaluation,
  recordInvalid,
  recordMissing,
  weightsFrom,
} from '../../../electron/core/validator/scoring';
import {
  type CodecParams,
  compressTensor,
  type ParameterLayout,
} from '../../../electron/protocol/codec';

describe('the simplified Gauntlet', () => {
  it('rewards an update that helps on random pages and more on its own pages', () => {
    const honest = newRecord('honest', 1);
    const lazy = newRecord('lazy', 2);
    for (let w = 0; w < 3; w++) {
      recordEvaluation(honest, { gradientScore: 0.05, ownImprovement: 0.08 });
      recordEvaluation(lazy, { gradientScore: 0, ownImprovement: 0 });
    }
    expect(finalScore(honest)).toBeGreaterThan(0);
    // No improvement anywhere: the indicator says it did not train on its pages.
    expect(finalScore(lazy)).toBe(0);
    expect(weightsFrom([honest, lazy])).toEqual([{ uid: 1, weight: finalScore(honest) }]);
  });

  it('keeps paying an honest miner through a window where its own pages improved no more than random ones', () => {
    const honest = newRecord('honest', 1);
    recordEvaluation(honest, { gradientScore: 0.045, ownImprovement: 0.05 });
    recordEvaluation(honest, { gradientScore: 0.081, ownImprovement: 0.076 });
    expect(finalScore(honest)).toBeGreaterThan(0);
  });

  it('gives nothing for an update that hurts, and less to one that never helps its own pages more', () => {
    const harmful = newRecord('harmful', 1);
    recordEvaluation(harmful, { gradientScore: -0.2, ownImprovement: -0.1 });
    expect(finalScore(harmful)).toBe(0);
    expect(weightsFrom([harmful])).toEqual([]);
    const generic = newRecord('generic', 2);
    const specific = newRecord('specific', 3);
    for (let w = 0; w < 10; w++) {
      recordEvaluation(generic, { gradientScore: 0.05, ownImprovement: 0.01 });
      recordEvaluation(specific, { gradientScore: 0.05, ownImprovement: 0.08 });
    }
    expect(finalScore(generic)).toBeLessThan(finalScore(specific) / 5);
  });

  it('decays a missing miner, zeroes an invalid one and halves a copier', () => {
    const r = newRecord('m', 1);
    for (let w = 0; w < 4; w++) recordEvaluation(r, { gradientScore: 0.1, ownImprovement: 0.2 });
    const ema = r.gradientEma;
    recordMissing(r);
    expect(r.gradientEma).toBeCloseTo(ema * 0.75);
    recordMissing(r);
    expect(r.gradientEma).toBeCloseTo(ema * 0.375);
    recordMissing(r);
    expect(r.gradientEma).toBe(0);
    recordEvaluation(r, { gradientScore: 0.1, ownImprovement: 0.2 });
    const before = r.gradientEma;
    recordCopy(r);
    expect(r.gradientEma).toBeCloseTo(before / 2);
    recordInvalid(r);
    expect(finalScore(r)).toBe(0);
  });

  it('lists newcomers and positive miners as next peers, never flagged or judged-useless ones', () => {
    const good = newRecord('good', 1);
    recordEvaluation(good, { gradientScore: 0.1, ownImprovement: 0.2 });
    const useless = newRecord('useless', 2);
    recordEvaluation(useless, { gradientScore: -0.1, ownImprovement: -0.2 });
    const bad = newRecord('bad', 3);
    recordInvalid(bad);
    expect(nextPeers([good, useless, bad], ['useless', 'newcomer', 'good', 'bad'])).toEqual([
      'good',
      'newcomer',
    ]);
  });
});

describe('copy detection', () => {
  const layout: ParameterLayout = [['w', [64, 64]]];
  const codec: CodecParams = { chunk: 64, topk: 64, dct: false, quantRange: 6 };
  const peerOf = (hotkey: string, values: Float32Array, at: number): GatheredPeer => ({
    hotkey,
    uid: 0,
    lastModified: new Date(at),
    pseudoGradient: new Map([['w', compressTensor(values, [64, 64], codec)]]),
  });
  const noise = (seed: number) =>
    Float32Array.from(
      { length: 4096 },
      (_, i) => (Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453) % 1,
    );

  it('flags the later uploader of a near-identical update, and not independent ones', () => {
    const original = noise(1);
    const copy = original.map((x, i) => x * (1 + 0.001 * Math.sin(i)));
    const findings = findCopies(
      [
        peerOf('first', original, 1_000),
        peerOf('copier', copy, 2_000),
        peerOf('other', noise(2), 1_500),
      ],
      layout,
      codec,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ offender: 'copier', original: 'first' });
    expect(findings[0]!.overlap).toBeGreaterThan(0.9);
  });
});
