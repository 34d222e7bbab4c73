import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../../electron/engine/checkpoint/checkpoint';
import { configs } from '../../../electron/engine/model/config';
import type { Progress } from '../../../electron/engine/worker/messages';
import {
  spawnTrainer,
  TrainerCrashedError,
  TrainerRequestError,
} from '../../../electron/engine/worker/spawn-trainer';
import { tinyConfig } from '../tiny-config';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-trainer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schedule = { peakLr: 3e-3, minLr: 3e-4, warmupSteps: 10, decaySteps: 120 };
const pages = Array.from({ length: 960 }, (_, i) => i * 53);

describe('the trainer process', () => {
  it('trains nano on the corpus from about ln(256) to well below 3 nats per token', async () => {
    const trainer = spawnTrainer();
    try {
      const ready = await trainer.init({
        config: configs.nano,
        batch: 8,
        seq: 128,
        seed: 'test',
        providers: ['cpu'],
      });
      expect(ready.provider).toBe('cpu');
      expect(ready.parameters).toBe(1_345_152);
      expect(ready.pageCount).toBeGreaterThan(50_000);
      const progress: Progress[] = [];
      const result = await trainer.train({ pages, innerSteps: 120, schedule }, (p) =>
        progress.push(p),
      );
      expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
      expect(result.startLoss).toBeGreaterThan(5.2);
      expect(result.startLoss).toBeLessThan(5.8);
      expect(result.finalLoss).toBeLessThan(2.6);
      expect(result.skippedSteps).toBe(0);
      expect(result.tokensPerSec).toBeGreaterThan(0);
      expect([...result.pseudoGradient.keys()]).toHaveLength(57);
      const delta = result.pseudoGradient.get('model.layers.0.mlp.up_proj.weight')!;
      expect(delta.some((x) => x !== 0)).toBe(true);
    } finally {
      await trainer.stop();
    }
    // 120 steps take ~30 s alone on two cores; the limit leaves room for a busy CI machine.
  }, 240_000);

  it('pauses within one step and resumes where it stopped', async () => {
    const trainer = spawnTrainer();
    try {
      await trainer.init({
        config: tinyConfig,
        batch: 2,
        seq: 16,
        seed: 'pause',
        providers: ['cpu'],
      });
      const seen: number[] = [];
      let pausedAt = -1;
      const paused = new Promise<void>((resolve) =>
        trainer.onStatus((s) => s === 'paused' && resolve()),
      );
      const training = trainer.train({ pages, innerSteps: 40, schedule }, (p) => {
        seen.push(p.step);
        if (p.step === 3) trainer.pause();
      });
      await paused;
      pausedAt = seen.length;
      await new Promise((r) => setTimeout(r, 1500));
      // The step running when the pause arrived may finish; no further step may start.
      expect(seen.length).toBeLessThanOrEqual(pausedAt + 1);
      expect(seen.length).toBeLessThan(40);
      trainer.resume();
      const result = await training;
      expect(result.steps).toBe(40);
      expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await trainer.stop();
    }
  });

  it('saves a checkpoint that a new trainer resumes from', async () => {
    const path = join(dir, 'tiny.safetensors');
    const first = spawnTrainer();
    try {
      await first.init({ config: tinyConfig, batch: 2, seq: 16, seed: 'ckpt', providers: ['cpu'] });
      await first.train({ pages, innerSteps: 5, schedule });
      await first.save(path, { window: '7' });
    } finally {
      await first.stop();
    }
    const saved = await loadCheckpoint(path, tinyConfig);
    expect(saved.optimizer?.step).toBe(5);
    expect(saved.info).toEqual({ window: '7' });
    const second = spawnTrainer();
    try {
      const ready = await second.init({
        config: tinyConfig,
        batch: 2,
        seq: 16,
        seed: 'other',
        providers: ['cpu'],
        checkpoint: path,
      });
      expect(ready.optimizerStep).toBe(5);
    } finally {
      await second.stop();
    }
  });

  it('evaluates a split at the current weights, with an update applied, and after setWeights', async () => {
    const trainer = spawnTrainer();
    try {
      await trainer.init({
        config: tinyConfig,
        batch: 4,
        seq: 16,
        seed: 'eval',
        providers: ['cpu'],
      });
      const start = await trainer.weights();
      const own = pages.slice(0, 8);
      const before = await trainer.evaluate({ pages: own, split: 'train' });
      const result = await trainer.train({ pages: own, innerSteps: 30, schedule });
      const after = await trainer.evaluate({ pages: own, split: 'train' });
      expect(after.losses).toHaveLength(2);
      expect(after.loss).toBeLessThan(before.loss - 0.5);
      // end - (-1) * (start - end) = start: undoing the pseudo-gradient restores the old loss.
      const undone = await trainer.evaluate({
        pages: own,
        split: 'train',
        delta: { tensors: result.pseudoGradient, scale: -1 },
      });
      expect(undone.loss).toBeCloseTo(before.loss, 4);
      const heldOut = await trainer.evaluate({ pages: [0, 1, 2, 3], split: 'heldOut' });
      expect(heldOut.loss).toBeGreaterThan(0);
      await trainer.setWeights(start);
      expect((await trainer.evaluate({ pages: own, split: 'train' })).loss).toBeCloseTo(
        before.loss,
        5,
      );
      const bad = await trainer
        .evaluate({ pages: own, split: 'train', delta: { tensors: new Map(), scale: 1 } })
        .catch((e: unknown) => e);
      expect((bad as TrainerRequestError).kind).toBe('invalid-request');
    } finally {
      await trainer.stop();
    }
  });

  it('reports a killed trainer as crashed instead of hanging', async () => {
    const trainer = spawnTrainer();
    await trainer.init({ config: tinyConfig, batch: 2, seq: 16, seed: 'kill', providers: ['cpu'] });
    const training = trainer.train({ pages, innerSteps: 10_000, schedule }, (p) => {
      if (p.step === 2) trainer.kill();
    });
    const error = await training.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainerCrashedError);
    expect((error as TrainerCrashedError).signal).toBe('SIGKILL');
    await expect(trainer.save(join(dir, 'never.safetensors'))).rejects.toBeInstanceOf(
      TrainerCrashedError,
    );
  });

  it('answers a bad request with a typed error and keeps running', async () => {
    const trainer = spawnTrainer();
    try {
      const early = await trainer
        .train({ pages, innerSteps: 1, schedule })
        .catch((e: unknown) => e);
      expect(early).toBeInstanceOf(TrainerRequestError);
      expect((early as TrainerRequestError).kind).toBe('not-initialised');
      await trainer.init({
        config: tinyConfig,
        batch: 2,
        seq: 16,
        seed: 'bad',
        providers: ['cpu'],
      });
      const empty = await trainer
        .train({ pages: [], innerSteps: 1, schedule })
        .catch((e: unknown) => e);
      expect((empty as TrainerRequestError).kind).toBe('invalid-request');
      const result = await trainer.train({ pages, innerSteps: 1, schedule });
      expect(result.steps).toBe(1);
    } finally {
      await trainer.stop();
    }
  });
});
