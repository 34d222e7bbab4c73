import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initWeights } from '../../../electron/engine/model/init';
import { TrainSession } from '../../../electron/engine/runtime/train-session';
import { tinyConfig } from '../tiny-config';

/** WebGPU runs here on Mesa's lavapipe (software Vulkan), installed by .ci/system-packages.sh. */
describe('the WebGPU provider', () => {
  it('places every node of the training step on the GPU (none falls back to the CPU)', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./placement-child.ts', import.meta.url))],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
      },
    );
    expect(child.status, child.stderr.slice(-2000)).toBe(0);
    const placement = child.stderr.split('\n').filter((l) => l.includes('placed on'));
    expect(placement.join('\n')).toMatch(/All nodes placed on \[WebGpuExecutionProvider\]/);
  });

  it('agrees with the CPU on loss and updated parameters over several steps', async () => {
    const batch = 2;
    const seq = 16;
    const weights = initWeights(tinyConfig, 'webgpu-agreement');
    const copy = () => new Map([...weights].map(([k, v]) => [k, Float32Array.from(v)]));
    const cpu = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'cpu',
      weights: copy(),
    });
    const gpu = await TrainSession.create({
      config: tinyConfig,
      batch,
      seq,
      provider: 'webgpu',
      weights: copy(),
    });
    const lr = 1e-3;
    const steps = 4;
    for (let s = 0; s < steps; s++) {
      const tokens = Int32Array.from({ length: batch * seq }, (_, i) => (i * 31 + s * 7) % 256);
      const targets = Int32Array.from(
        { length: batch * seq },
        (_, i) => (i * 17 + s * 3 + 1) % 256,
      );
      const a = await cpu.step(tokens, targets, lr);
      const b = await gpu.step(tokens, targets, lr);
      expect(b.skipped).toBe(false);
      expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-4 * a.loss);
      expect(Math.abs(a.gradNorm - b.gradNorm)).toBeLessThan(1e-3 * a.gradNorm);
    }
    const [x, y] = [await cpu.state(), await gpu.state()];
    let maxDiff = 0;
    let sumDiff = 0;
    let count = 0;
    for (const [name, w] of x.weights) {
      const v = y.weights.get(name)!;
      for (let i = 0; i < w.length; i++) {
        const d = Math.abs(w[i]! - v[i]!);
        maxDiff = Math.max(maxDiff, d);
        sumDiff += d;
        count++;
      }
    }
    // Adam normalises each update to about lr, so a gradient near zero whose sign differs in the
    // last bits moves by up to 2*lr per step; on average the two must agree far more closely.
    expect(maxDiff).toBeLessThan(2 * lr * steps);
    expect(sumDiff / count).toBeLessThan(1e-6);
    expect(y.optimizer.step).toBe(steps);
    await cpu.release();
    await gpu.release();
  });
});
