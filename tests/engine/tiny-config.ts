import { configs, type ModelConfig } from '../../electron/engine/model/config';

/** The nano architecture shrunk so a software GPU (lavapipe) steps it in well under a second. */
export const tinyConfig: ModelConfig = {
  ...configs.nano,
  name: 'tiny',
  hidden_size: 32,
  intermediate_size: 64,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  max_position_embeddings: 16,
};
