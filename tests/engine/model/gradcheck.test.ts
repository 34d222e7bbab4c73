import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { configs, type ModelConfig, parameterShapes } from '../../../electron/engine/model/config';
import { languageModelLoss } from '../../../electron/engine/model/llama';
import { gradcheck, lcg } from '../gradcheck';

/** The whole model's gradient, every parameter tensor sampled, against finite differences. */
async function checkModel(c: ModelConfig, batch: number, seq: number) {
  const random = lcg(11);
  const tokens = Int32Array.from({ length: batch * seq }, () =>
    Math.floor((random() + 0.5) * c.vocab_size),
  );
  const targets = Int32Array.from({ length: batch * seq }, () =>
    Math.floor((random() + 0.5) * c.vocab_size),
  );
  const values: Record<string, ort.Tensor> = {};
  for (const [name, shape] of parameterShapes(c)) {
    const size = shape.reduce((a, b) => a * b, 1);
    // Larger than the real init so the check exercises non-linear regions of every op.
    const scale = shape.length === 1 ? 0.3 : 0.5 / Math.sqrt(shape[1]!);
    values[name] = new ort.Tensor(
      'float64',
      Float64Array.from(
        { length: size },
        () => (shape.length === 1 ? 1 : 0) + random() * 2 * scale,
      ),
      shape,
    );
  }
  return gradcheck(
    {
      build: (g) => {
        const params = Object.fromEntries(
          parameterShapes(c).map(([n, s]) => [n, g.input(n, 'float64', s)]),
        );
        const tok = g.constant(tokens, [batch, seq]);
        const tgt = g.constant(targets, [batch, seq]);
        const loss = languageModelLoss(g, c, params, tok, tgt);
        const wrt = Object.values(params);
        return { loss, wrt, inputs: wrt };
      },
      values,
    },
    { sample: 3 },
  );
}

describe('the LLaMA model matches central finite differences in float64', () => {
  it('nano, every parameter tensor', async () => {
    const result = await checkModel(configs.nano, 2, 8);
    expect(result.checked).toBe(parameterShapes(configs.nano).length * 3);
    expect(result.maxRelativeError, result.worst).toBeLessThan(1e-6);
  });

  it('grouped-query attention with tied embeddings', async () => {
    const c: ModelConfig = {
      ...configs.nano,
      name: 'gqa-tied',
      hidden_size: 32,
      intermediate_size: 40,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      tie_word_embeddings: true,
      vocab_size: 256,
    };
    const result = await checkModel(c, 2, 6);
    expect(result.maxRelativeError, result.worst).toBeLessThan(1e-6);
  });
});
