import { describe, expect, it } from 'vitest';
import { chooseProvider } from '../../../electron/engine/runtime/select-provider';
import { tinyConfig } from '../tiny-config';

describe('choosing an execution provider', () => {
  it('passes over providers that are missing or slower than the CPU, saying why', async () => {
    const choice = await chooseProvider(tinyConfig, ['cuda', 'dml', 'webgpu', 'cpu']);
    expect(choice.provider).toBe('cpu');
    const reasons = Object.fromEntries(choice.fallbacks.map((f) => [f.provider, f.reason]));
    expect(reasons.cuda).toMatch(/CUDA provider files are not installed.*npm run setup:cuda/);
    expect(reasons.dml).toMatch(/not built into onnxruntime for linux\/x64/);
    // Here WebGPU is Mesa's lavapipe: correct, but a software rasteriser on the same two cores.
    expect(reasons.webgpu).toMatch(/slower than the CPU \([\d.]+ vs [\d.]+ GFLOP\/s/);
  });

  it('uses a provider named alone once its warm-up agrees with the CPU', async () => {
    const choice = await chooseProvider(tinyConfig, ['webgpu']);
    expect(choice).toEqual({ provider: 'webgpu', fallbacks: [] });
  });

  it('fails with every reason when no named provider works', async () => {
    await expect(chooseProvider(tinyConfig, ['cuda', 'dml'])).rejects.toThrow(
      /no usable execution provider among cuda, dml: cuda: CUDA provider files.*; dml: not built/,
    );
  });
});
