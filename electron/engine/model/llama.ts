/**
 * The decoder-only LLaMA model as a graph: embedding, blocks of (RMSNorm, rotary causal attention,
 * RMSNorm, SwiGLU MLP), final norm, output head. Reads top to bottom like the architecture.
 */
import {
  add,
  concat,
  crossEntropy,
  expand,
  type FloatDType,
  type Graph,
  gather,
  linear,
  matmul,
  mul,
  neg,
  reshape,
  rmsNorm,
  silu,
  slice,
  softmax,
  type Tensor,
  transpose,
} from '../graph';
import { headDim, type ModelConfig } from './config';

export type Parameters = Readonly<Record<string, Tensor>>;

/** Constants shared by every layer of one graph: rotary tables and the causal mask. */
interface Positional {
  cos: Tensor;
  sin: Tensor;
  causalMask: Tensor;
}

function positional(g: Graph, c: ModelConfig, seq: number, dtype: FloatDType): Positional {
  const hd = headDim(c);
  const half = hd / 2;
  const cos = new Float64Array(seq * hd);
  const sin = new Float64Array(seq * hd);
  for (let t = 0; t < seq; t++) {
    for (let i = 0; i < half; i++) {
      const angle = t / c.rope_theta ** ((2 * i) / hd);
      for (const j of [i, i + half]) {
        cos[t * hd + j] = Math.cos(angle);
        sin[t * hd + j] = Math.sin(angle);
      }
    }
  }
  // Additive mask: a large negative above the diagonal so softmax gives those positions zero.
  const mask = new Float64Array(seq * seq);
  for (let q = 0; q < seq; q++) for (let k = q + 1; k < seq; k++) mask[q * seq + k] = -1e9;
  const typed = (a: Float64Array) => (dtype === 'float32' ? Float32Array.from(a) : a);
  return {
    cos: g.constant(typed(cos), [seq, hd]),
    sin: g.constant(typed(sin), [seq, hd]),
    causalMask: g.constant(typed(mask), [seq, seq]),
  };
}

/** Rotary position embedding, Hugging Face's non-interleaved form: x*cos + rotate_half(x)*sin. */
function rotary(x: Tensor, pos: Positional): Tensor {
  const hd = x.shape[x.rank - 1]!;
  const first = slice(x, -1, 0, hd / 2);
  const second = slice(x, -1, hd / 2, hd);
  const rotated = concat([neg(second), first], -1);
  return add(mul(x, pos.cos), mul(rotated, pos.sin));
}

/** [B, T, heads*hd] -> [B, heads, T, hd] */
function splitHeads(x: Tensor, heads: number): Tensor {
  const [b, t, width] = x.shape as [number, number, number];
  return transpose(reshape(x, [b, t, heads, width / heads]), [0, 2, 1, 3]);
}

/** Key/value heads shared by groups of query heads (grouped-query attention). */
function repeatKeyValue(x: Tensor, groups: number): Tensor {
  if (groups === 1) return x;
  const [b, kv, t, hd] = x.shape as [number, number, number, number];
  return reshape(expand(reshape(x, [b, kv, 1, t, hd]), [b, kv, groups, t, hd]), [
    b,
    kv * groups,
    t,
    hd,
  ]);
}

function attention(x: Tensor, p: Parameters, prefix: string, c: ModelConfig, pos: Positional) {
  const [b, t] = x.shape as [number, number];
  const groups = c.num_attention_heads / c.num_key_value_heads;
  const q = rotary(
    splitHeads(linear(x, p[`${prefix}.q_proj.weight`]!), c.num_attention_heads),
    pos,
  );
  const k = rotary(
    splitHeads(linear(x, p[`${prefix}.k_proj.weight`]!), c.num_key_value_heads),
    pos,
  );
  const v = splitHeads(linear(x, p[`${prefix}.v_proj.weight`]!), c.num_key_value_heads);
  const scaledQ = mul(q, 1 / Math.sqrt(headDim(c)));
  const keysT = transpose(repeatKeyValue(k, groups), [0, 1, 3, 2]);
  const scores = add(matmul(scaledQ, keysT), pos.causalMask);
  const mixed = matmul(softmax(scores, -1), repeatKeyValue(v, groups));
  const merged = reshape(transpose(mixed, [0, 2, 1, 3]), [b, t, c.hidden_size]);
  return linear(merged, p[`${prefix}.o_proj.weight`]!);
}

function mlp(x: Tensor, p: Parameters, prefix: string): Tensor {
  const gate = silu(linear(x, p[`${prefix}.gate_proj.weight`]!));
  const up = linear(x, p[`${prefix}.up_proj.weight`]!);
  return linear(mul(gate, up), p[`${prefix}.down_proj.weight`]!);
}

/** Logits [B*T, vocab] for token ids [B, T]. */
export function forward(g: Graph, c: ModelConfig, p: Parameters, tokens: Tensor): Tensor {
  const [b, seq] = tokens.shape as [number, number];
  const dtype = p['model.embed_tokens.weight']!.dtype as FloatDType;
  const pos = positional(g, c, seq, dtype);
  let h = g.scope('model.embed_tokens', () => gather(p['model.embed_tokens.weight']!, tokens));
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const layer = `model.layers.${i}`;
    h = g.scope(layer, () => {
      const normed = rmsNorm(h, p[`${layer}.input_layernorm.weight`]!, c.rms_norm_eps);
      const afterAttention = add(
        h,
        g.scope('self_attn', () => attention(normed, p, `${layer}.self_attn`, c, pos)),
      );
      const normed2 = rmsNorm(
        afterAttention,
        p[`${layer}.post_attention_layernorm.weight`]!,
        c.rms_norm_eps,
      );
      return add(
        afterAttention,
        g.scope('mlp', () => mlp(normed2, p, `${layer}.mlp`)),
      );
    });
  }
  return g.scope('lm_head', () => {
    const final = rmsNorm(h, p['model.norm.weight']!, c.rms_norm_eps);
    const head = c.tie_word_embeddings ? p['model.embed_tokens.weight']! : p['lm_head.weight']!;
    return linear(reshape(final, [b * seq, c.hidden_size]), head);
  });
}

/** Mean next-token cross-entropy of the model on tokens [B, T] against targets [B, T]. */
export function languageModelLoss(
  g: Graph,
  c: ModelConfig,
  p: Parameters,
  tokens: Tensor,
  targets: Tensor,
): Tensor {
  const logits = forward(g, c, p, tokens);
  return g.scope('loss', () => crossEntropy(logits, reshape(targets, [targets.size])));
}
