import { describe, expect, it } from 'vitest';
import { initWeights } from '../../../electron/engine/model/init';
import { TrainSession } from '../../../electron/engine/runtime/train-session';
import { tinyConfig } from '../tiny-config';

const batch = 2;
const seq = 8;
const tokens = Int32Array.from({ length: batch * seq }, (_, i) => (i * 13) % 256);
const targets = Int32Array.from({ length: batch * seq }, (_, i) => (i * 29 + 5) % 256);

describe('a training session on the CPU', () => {
  it('lowers the loss on a repeated batch and counts its optimizer steps', async () => {
    const s = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights: initWeights(tinyConfig, 'a'),
    });
    const first = await s.step(tokens, targets, 1e-2);
    let last = first;
    for (let i = 0; i < 20; i++) last = await s.step(tokens, targets, 1e-2);
    expect(first.loss).toBeGreaterThan(5);
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    expect(s.steps).toBe(21);
    expect(last.runMs).toBeGreaterThan(0);
    expect(last.totalMs).toBeGreaterThanOrEqual(last.runMs);
    await s.release();
  });

  it('skips a step whose loss is not finite and keeps the last good state', async () => {
    const weights = initWeights(tinyConfig, 'b');
    const s = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights,
    });
    await s.step(tokens, targets, 1e-2);
    const before = await s.state();
    // A NaN in one projection makes the loss NaN; the step must leave every tensor as it was.
    const poisoned = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights: new Map(
        [...before.weights].map(([k, v]) => [
          k,
          v.map((x) => (k.includes('q_proj') ? Number.NaN : x)),
        ]),
      ),
      optimizer: before.optimizer,
    });
    const r = await poisoned.step(tokens, targets, 1e-2);
    expect(r.skipped).toBe(true);
    expect(Number.isNaN(r.loss)).toBe(true);
    expect(poisoned.steps).toBe(before.optimizer.step);
    const after = await poisoned.state();
    const name = 'model.layers.0.mlp.up_proj.weight';
    expect(Array.from(after.weights.get(name)!)).toEqual(Array.from(before.weights.get(name)!));
    expect(Array.from(after.optimizer.m.get(name)!)).toEqual(
      Array.from(before.optimizer.m.get(name)!),
    );
    await s.release();
    await poisoned.release();
  });

  it('continues exactly from a saved state', async () => {
    const weights = initWeights(tinyConfig, 'c');
    const copy = () => new Map([...weights].map(([k, v]) => [k, Float32Array.from(v)]));
    const straight = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights: copy(),
    });
    for (let i = 0; i < 3; i++) await straight.step(tokens, targets, 1e-2);
    const expected = await straight.step(tokens, targets, 1e-2);

    const first = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights: copy(),
    });
    for (let i = 0; i < 3; i++) await first.step(tokens, targets, 1e-2);
    const saved = await first.state();
    const resumed = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights: saved.weights,
      optimizer: saved.optimizer,
    });
    const r = await resumed.step(tokens, targets, 1e-2);
    expect(r.loss).toBe(expected.loss);
    expect(resumed.steps).toBe(4);
    for (const s of [straight, first, resumed]) await s.release();
  });

  it('loads new weights and keeps its moments unless given new ones', async () => {
    const weights = initWeights(tinyConfig, 'e');
    const s = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights,
    });
    await s.step(tokens, targets, 1e-2);
    const trained = await s.state();
    const fresh = initWeights(tinyConfig, 'f');
    s.load(fresh);
    const loaded = await s.state();
    const name = 'model.layers.1.self_attn.v_proj.weight';
    expect(Array.from(loaded.weights.get(name)!)).toEqual(Array.from(fresh.get(name)!));
    expect(Array.from(loaded.optimizer.m.get(name)!)).toEqual(
      Array.from(trained.optimizer.m.get(name)!),
    );
    expect(s.steps).toBe(1);
    const zeros = new Map([...fresh].map(([k, v]) => [k, new Float32Array(v.length)]));
    s.load(fresh, { m: zeros, v: zeros, step: 0 });
    expect((await s.state()).optimizer.m.get(name)!.every((x) => x === 0)).toBe(true);
    expect(s.steps).toBe(0);
    await s.release();
  });

  it('refuses weights of the wrong size, naming the parameter', async () => {
    const weights = initWeights(tinyConfig, 'd');
    weights.set('model.norm.weight', new Float32Array(3));
    await expect(
      TrainSession.create({ config: tinyConfig, batch, seq, provider: 'cpu', weights }),
    ).rejects.toThrow(/model\.norm\.weight/);
  });
});
