/**
 * Model configurations: data, not code paths. Field names follow Hugging Face's LlamaConfig so
 * `config.json` written next to a checkpoint loads in `transformers` unchanged.
 */
export interface ModelConfig {
  name: string;
  vocab_size: number;
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  max_position_embeddings: number;
  rms_norm_eps: number;
  rope_theta: number;
  tie_word_embeddings: boolean;
  /** Which tokenizer produced the token ids: byte-level (256) or GPT-2 BPE (50257). */
  tokenizer: 'byte' | 'gpt2';
}

export const configs = {
  /** ~1.4 M parameters: trains on a laptop CPU in minutes. */
  nano: {
    name: 'nano',
    vocab_size: 256,
    hidden_size: 128,
    intermediate_size: 384,
    num_hidden_layers: 6,
    num_attention_heads: 4,
    num_key_value_heads: 4,
    max_position_embeddings: 128,
    rms_norm_eps: 1e-5,
    rope_theta: 10000,
    tie_word_embeddings: false,
    tokenizer: 'byte',
  },
  /** ~124 M parameters (GPT-2 small's shape, LLaMA blocks): 8 GB GPUs. */
  small: {
    name: 'small',
    vocab_size: 50257,
    hidden_size: 768,
    intermediate_size: 2048,
    num_hidden_layers: 12,
    num_attention_heads: 12,
    num_key_value_heads: 12,
    max_position_embeddings: 512,
    rms_norm_eps: 1e-5,
    rope_theta: 10000,
    tie_word_embeddings: true,
    tokenizer: 'gpt2',
  },
  /** ~1.1 B parameters (TinyLlama's shape with GPT-2's vocabulary): 24 GB GPUs. */
  '1b': {
    name: '1b',
    vocab_size: 50257,
    hidden_size: 2048,
    intermediate_size: 5632,
    num_hidden_layers: 22,
    num_attention_heads: 32,
    num_key_value_heads: 4,
    max_position_embeddings: 1024,
    rms_norm_eps: 1e-5,
    rope_theta: 10000,
    tie_word_embeddings: true,
    tokenizer: 'gpt2',
  },
} as const satisfies Record<string, ModelConfig>;

export type ConfigName = keyof typeof configs;

export class ConfigError extends Error {
  readonly kind = 'invalid-config';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const tokenizerVocab = { byte: 256, gpt2: 50257 } as const;

/** Looks a named config up, or explains which names exist. */
export function namedConfig(name: string): ModelConfig {
  if (!Object.hasOwn(configs, name)) {
    throw new ConfigError(
      `unknown model config "${name}"; choose one of ${Object.keys(configs).join(', ')}`,
    );
  }
  return configs[name as ConfigName];
}

/** Refuses a config that cannot make a model, before any graph is built. */
export function validateConfig(c: ModelConfig): ModelConfig {
  const positive = [
    'vocab_size',
    'hidden_size',
    'intermediate_size',
    'num_hidden_layers',
    'num_attention_heads',
    'num_key_value_heads',
    'max_position_embeddings',
  ] as const;
  for (const key of positive) {
    if (!Number.isInteger(c[key]) || c[key] < 1) {
      throw new ConfigError(`${c.name}: ${key} must be a positive integer, got ${c[key]}`);
    }
  }
  if (c.hidden_size % c.num_attention_heads !== 0) {
    throw new ConfigError(
      `${c.name}: hidden_size ${c.hidden_size} is not divisible by num_attention_heads ${c.num_attention_heads}, so the head dimension is not integral`,
    );
  }
  const headDim = c.hidden_size / c.num_attention_heads;
  if (headDim % 2 !== 0) {
    throw new ConfigError(
      `${c.name}: head dimension ${headDim} must be even for rotary embeddings`,
    );
  }
  if (c.num_attention_heads % c.num_key_value_heads !== 0) {
    throw new ConfigError(
      `${c.name}: num_attention_heads ${c.num_attention_heads} is not a multiple of num_key_value_heads ${c.num_key_value_heads}`,
    );
  }
  if (c.tokenizer in tokenizerVocab && tokenizerVocab[c.tokenizer] !== c.vocab_size) {
    throw new ConfigError(
      `${c.name}: vocab_size ${c.vocab_size} does not match the ${c.tokenizer} tokenizer's ${tokenizerVocab[c.tokenizer]} tokens`,
    );
  }
  if (!(c.rms_norm_eps > 0) || !(c.rope_theta > 0)) {
    throw new ConfigError(`${c.name}: rms_norm_eps and rope_theta must be positive`);
  }
  return c;
}

export const headDim = (c: ModelConfig): number => c.hidden_size / c.num_attention_heads;

/** Parameter names (Hugging Face LLaMA naming) and shapes, in a fixed order. */
export function parameterShapes(c: ModelConfig): [string, number[]][] {
  const d = c.hidden_size;
  const kv = c.num_key_value_heads * headDim(c);
  const shapes: [string, number[]][] = [['model.embed_tokens.weight', [c.vocab_size, d]]];
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const p = `model.layers.${i}`;
    shapes.push(
      [`${p}.input_layernorm.weight`, [d]],
      [`${p}.self_attn.q_proj.weight`, [d, d]],
      [`${p}.self_attn.k_proj.weight`, [kv, d]],
      [`${p}.self_attn.v_proj.weight`, [kv, d]],
      [`${p}.self_attn.o_proj.weight`, [d, d]],
      [`${p}.post_attention_layernorm.weight`, [d]],
      [`${p}.mlp.gate_proj.weight`, [c.intermediate_size, d]],
      [`${p}.mlp.up_proj.weight`, [c.intermediate_size, d]],
      [`${p}.mlp.down_proj.weight`, [d, c.intermediate_size]],
    );
  }
  shapes.push(['model.norm.weight', [d]]);
  if (!c.tie_word_embeddings) shapes.push(['lm_head.weight', [c.vocab_size, d]]);
  return shapes;
}

export function parameterCount(c: ModelConfig): number {
  return parameterShapes(c).reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);
}
