import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configs,
  namedConfig,
  parameterCount,
  validateConfig,
} from '../../../electron/engine/model/config';
import { buildTrainStep } from '../../../electron/engine/model/train-step';

describe('model configs', () => {
  it('have the sizes their names promise', () => {
    expect(parameterCount(configs.nano)).toBeGreaterThan(1e6);
    expect(parameterCount(configs.nano)).toBeLessThan(3e6);
    expect(parameterCount(configs.small)).toBeGreaterThan(110e6);
    expect(parameterCount(configs.small)).toBeLessThan(140e6);
    expect(parameterCount(configs['1b'])).toBeGreaterThan(1.0e9);
    expect(parameterCount(configs['1b'])).toBeLessThan(1.2e9);
  });

  it('all validate', () => {
    for (const c of Object.values(configs)) expect(validateConfig(c)).toBe(c);
  });

  it.each([
    [{ num_attention_heads: 5 }, /head dimension is not integral/],
    [{ num_key_value_heads: 3 }, /not a multiple of num_key_value_heads/],
    [{ vocab_size: 300 }, /does not match the byte tokenizer/],
    [{ hidden_size: 0 }, /hidden_size must be a positive integer/],
    [{ hidden_size: 12, num_attention_heads: 4 }, /must be even for rotary/],
    [{ rms_norm_eps: 0 }, /rms_norm_eps and rope_theta must be positive/],
  ])('refuses %o before building a graph', (change, message) => {
    const bad = { ...configs.nano, ...change };
    expect(() => validateConfig(bad)).toThrow(message);
    expect(() => buildTrainStep(bad, { batch: 1, seq: 8 })).toThrow(ConfigError);
  });

  it('refuses a sequence longer than the context', () => {
    expect(() => buildTrainStep(configs.nano, { batch: 1, seq: 129 })).toThrow(/between 1 and 128/);
  });

  it('names unknown configs and the known ones', () => {
    expect(() => namedConfig('huge')).toThrow(
      /unknown model config "huge"; choose one of nano, small, 1b/,
    );
  });
});
