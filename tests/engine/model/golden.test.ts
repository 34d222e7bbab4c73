import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../../electron/engine/model/config';
import type { Weights } from '../../../electron/engine/model/init';
import { buildGradientStep } from '../../../electron/engine/model/train-step';
import { TrainSession } from '../../../electron/engine/runtime/train-session';
import { decodeSafetensors } from '../../../electron/protocol/safetensors';

/**
 * The same model, weights and batch in an independent implementation (PyTorch, float64; see
 * tests/reference/make_golden.py) against Tessera's float32 graphs. Errors are relative to the
 * largest magnitude in each tensor, so tiny entries are not judged by a ratio of noise.
 */
const fixture = decodeSafetensors(
  readFileSync(new URL('../../fixtures/golden/llama-tiny.safetensors', import.meta.url)),
);
const config: ModelConfig = {
  ...JSON.parse(fixture.metadata.config!),
  name: 'golden',
  tokenizer: 'byte',
};
const optimizer = JSON.parse(fixture.metadata.optimizer!) as Record<string, number>;
const tensor = (name: string) => {
  const t = fixture.tensors.get(name);
  if (!t) throw new Error(`fixture has no ${name}`);
  return t;
};
const scalar = (name: string) => Number((tensor(name).data as Float64Array)[0]);
const [batch, seq] = tensor('input/tokens').shape as [number, number];
const tokens = tensor('input/tokens').data as Int32Array;
const targets = tensor('input/targets').data as Int32Array;
const names = [...fixture.tensors.keys()]
  .filter((n) => n.startsWith('param/'))
  .map((n) => n.slice(6));

function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
  }
  return worst / scale;
}

function initialWeights(): Weights {
  return new Map(
    names.map((n) => [n, Float32Array.from(tensor(`param/${n}`).data as Float32Array)]),
  );
}

describe('against PyTorch (golden fixture)', () => {
  it('has the parameters Tessera names for this config', () => {
    expect(names.length).toBe(2 + 9 * config.num_hidden_layers + 1);
    expect(names).toContain('model.layers.1.self_attn.k_proj.weight');
    expect(tensor('param/model.layers.1.self_attn.k_proj.weight').shape).toEqual([16, 32]);
  });

  it('computes the same loss and every gradient in fp32 (relative error < 1e-4)', async () => {
    const { onnx } = buildGradientStep(config, { batch, seq });
    const session = await ort.InferenceSession.create(onnx.model);
    const feeds: Record<string, ort.Tensor> = {
      tokens: new ort.Tensor('int32', tokens, [batch, seq]),
      targets: new ort.Tensor('int32', targets, [batch, seq]),
    };
    for (const n of names) {
      feeds[n] = new ort.Tensor(
        'float32',
        tensor(`param/${n}`).data as Float32Array,
        tensor(`param/${n}`).shape,
      );
    }
    const out = await session.run(feeds);
    const loss = (out.loss!.data as Float32Array)[0]!;
    expect(Math.abs(loss - scalar('loss')) / scalar('loss')).toBeLessThan(1e-5);
    for (const n of names) {
      const error = relativeError(
        out[`grad.${n}`]!.data as Float32Array,
        tensor(`grad/${n}`).data as Float64Array,
      );
      expect(error, n).toBeLessThan(1e-4);
    }
    await session.release();
  });

  it('takes the same two clipped AdamW steps', async () => {
    const session = await TrainSession.create({
      config,
      batch,
      seq,
      provider: 'cpu',
      weights: initialWeights(),
      adamw: {
        beta1: optimizer.beta1!,
        beta2: optimizer.beta2!,
        eps: optimizer.eps!,
        weightDecay: optimizer.weight_decay!,
        maxGradNorm: optimizer.max_grad_norm!,
      },
    });
    const step1 = await session.step(tokens, targets, optimizer.lr!);
    expect(Math.abs(step1.loss - scalar('loss')) / scalar('loss')).toBeLessThan(1e-5);
    expect(
      Math.abs(step1.gradNorm - scalar('step1/gradNorm')) / scalar('step1/gradNorm'),
    ).toBeLessThan(1e-4);
    const after1 = (await session.state()).weights;
    for (const n of names) {
      expect(
        relativeError(after1.get(n)!, tensor(`step1/param/${n}`).data as Float64Array),
        n,
      ).toBeLessThan(1e-4);
    }
    const step2 = await session.step(tokens, targets, optimizer.lr!);
    expect(Math.abs(step2.loss - scalar('step2/loss')) / scalar('step2/loss')).toBeLessThan(1e-4);
    expect(
      Math.abs(step2.gradNorm - scalar('step2/gradNorm')) / scalar('step2/gradNorm'),
    ).toBeLessThan(1e-4);
    const after2 = (await session.state()).weights;
    for (const n of names) {
      expect(
        relativeError(after2.get(n)!, tensor(`step2/param/${n}`).data as Float64Array),
        n,
      ).toBeLessThan(1e-4);
    }
    await session.release();
  });
});
