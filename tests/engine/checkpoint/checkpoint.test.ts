import { spawn } from 'node:child_process';
import {
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CHECKPOINT_FORMAT,
  type Checkpoint,
  CheckpointError,
  exportForTransformers,
  loadCheckpoint,
  saveCheckpoint,
} from '../../../electron/engine/checkpoint/checkpoint';
import { type ModelConfig, parameterShapes } from '../../../electron/engine/model/config';
import { initWeights, type Weights } from '../../../electron/engine/model/init';
import { writeFileAtomic } from '../../../electron/protocol/atomic-file';
import { decodeSafetensors, encodeSafetensors } from '../../../electron/protocol/safetensors';
import { tinyConfig } from '../tiny-config';

// Pass-through, so a test can make one rename fail the way a locked file on Windows does.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tessera-checkpoint-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The error `promise` rejects with, which must be a CheckpointError. */
async function checkpointError(promise: Promise<unknown>): Promise<CheckpointError> {
  const error = await promise.then(
    () => new Error('it succeeded'),
    (e: unknown) => e,
  );
  if (error instanceof CheckpointError) return error;
  throw error;
}

const sameBits = (a: Float32Array | undefined, b: Float32Array) =>
  a !== undefined &&
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer));

function expectSameWeights(got: Weights | undefined, sent: Weights): void {
  expect([...(got?.keys() ?? [])]).toEqual([...sent.keys()]);
  for (const [name, values] of sent) expect(sameBits(got?.get(name), values), name).toBe(true);
}

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

function tinyCheckpoint(): Required<Checkpoint> {
  return {
    config: tinyConfig,
    weights: initWeights(tinyConfig, 'weights'),
    optimizer: {
      m: initWeights(tinyConfig, 'first moment'),
      v: new Map(
        [...initWeights(tinyConfig, 'second moment')].map(([n, v]) => [n, v.map(Math.abs)]),
      ),
      step: 17,
    },
    info: { window: '3', run: 'run-42' },
  };
}

describe('saveCheckpoint and loadCheckpoint', () => {
  it('give back the weights, optimizer moments, step, config and info exactly', async () => {
    const path = join(dir, 'step-17.safetensors');
    const saved = tinyCheckpoint();
    await saveCheckpoint(path, saved);

    const loaded = await loadCheckpoint(path, tinyConfig);

    expect(loaded.config).toEqual(tinyConfig);
    expectSameWeights(loaded.weights, saved.weights);
    expectSameWeights(loaded.optimizer?.m, saved.optimizer.m);
    expectSameWeights(loaded.optimizer?.v, saved.optimizer.v);
    expect(loaded.optimizer?.step).toBe(17);
    expect(loaded.info).toEqual({ window: '3', run: 'run-42' });
  });

  it('leave out the optimizer and info when none were saved', async () => {
    const path = join(dir, 'weights-only.safetensors');
    const weights = initWeights(tinyConfig, 'weights');
    await saveCheckpoint(path, { config: tinyConfig, weights });

    const loaded = await loadCheckpoint(path);

    expect(Object.keys(loaded).sort()).toEqual(['config', 'weights']);
    expectSameWeights(loaded.weights, weights);
  });

  it('write plain safetensors any Python tool reads: HF names, adam_m./adam_v. moments, metadata', async () => {
    const path = join(dir, 'layout.safetensors');
    await saveCheckpoint(path, tinyCheckpoint());

    const file = decodeSafetensors(await readFile(path));
    const names = parameterShapes(tinyConfig).map(([n]) => n);

    expect([...file.tensors.keys()]).toEqual([
      ...names,
      ...names.flatMap((n) => [`adam_m.${n}`, `adam_v.${n}`]),
    ]);
    expect(file.tensors.get('model.embed_tokens.weight')).toMatchObject({
      dtype: 'F32',
      shape: [256, 32],
    });
    expect(file.metadata).toEqual({
      format: 'pt',
      tessera: CHECKPOINT_FORMAT,
      config: JSON.stringify(tinyConfig),
      optimizer_step: '17',
      info: JSON.stringify({ window: '3', run: 'run-42' }),
    });
    expect(await modeOf(path)).toBe(0o600);
  });

  it('accept the expected config whatever order its keys are listed in', async () => {
    const path = join(dir, 'ckpt.safetensors');
    await saveCheckpoint(path, tinyCheckpoint());
    const reordered = Object.fromEntries(Object.entries(tinyConfig).reverse()) as ModelConfig;

    const loaded = await loadCheckpoint(path, reordered);

    expect(loaded.config).toEqual(tinyConfig);
  });

  it('refuse a checkpoint of another model as a mismatch naming the differing fields', async () => {
    const path = join(dir, 'ckpt.safetensors');
    await saveCheckpoint(path, tinyCheckpoint());
    const wider = { ...tinyConfig, hidden_size: 64, intermediate_size: 128 };

    const error = await checkpointError(loadCheckpoint(path, wider));

    expect(error.kind).toBe('mismatch');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/hidden_size, intermediate_size differ/);
  });

  it('refuse a checkpoint that lacks one of its tensors as a mismatch naming it', async () => {
    const path = join(dir, 'ckpt.safetensors');
    await saveCheckpoint(path, tinyCheckpoint());
    const file = decodeSafetensors(await readFile(path));
    file.tensors.delete('model.norm.weight');
    await writeFile(path, encodeSafetensors(file.tensors, file.metadata));

    const error = await checkpointError(loadCheckpoint(path));

    expect(error.kind).toBe('mismatch');
    expect(error.message).toMatch(/tensor model\.norm\.weight is missing/);
  });

  it('report a truncated file as a damaged checkpoint, naming the path', async () => {
    const path = join(dir, 'cut.safetensors');
    await saveCheckpoint(path, tinyCheckpoint());
    await truncate(path, (await stat(path)).size - 1000);

    const error = await checkpointError(loadCheckpoint(path));

    expect(error.kind).toBe('format');
    expect(error.message).toMatch(/is damaged/);
    expect(error.message).toContain(path);
  });

  it('report a valid safetensors file without Tessera metadata as not a checkpoint', async () => {
    const path = join(dir, 'model.safetensors');
    const weights = initWeights(tinyConfig, 'weights');
    await exportForTransformers(dir, tinyConfig, weights);

    const error = await checkpointError(loadCheckpoint(path, tinyConfig));

    expect(error.kind).toBe('format');
    expect(error.message).toBe(`${path} is not a Tessera checkpoint`);
  });

  it.each([
    ['a config that is not JSON', { config: '{"name":' }, /metadata "config" is not valid JSON/],
    ['a config that cannot make a model', { config: '{"name":"x"}' }, /must be a positive integer/],
    ['info that is not JSON', { info: 'window=3' }, /metadata "info" is not valid JSON/],
    ['an optimizer step that is not a count', { optimizer_step: 'NaN' }, /"NaN" is not a step/],
  ])('report %s as a format error', async (_what, change, message) => {
    const path = join(dir, 'ckpt.safetensors');
    await saveCheckpoint(path, tinyCheckpoint());
    const file = decodeSafetensors(await readFile(path));
    await writeFile(path, encodeSafetensors(file.tensors, { ...file.metadata, ...change }));

    const error = await checkpointError(loadCheckpoint(path));

    expect(error.kind).toBe('format');
    expect(error.message).toMatch(message);
    expect(error.message).toContain(path);
  });

  it('report a missing file as unreadable, naming the path', async () => {
    const path = join(dir, 'nowhere.safetensors');

    const error = await checkpointError(loadCheckpoint(path));

    expect(error.kind).toBe('unreadable');
    expect(error.message).toContain(`cannot read checkpoint ${path}`);
  });
});

describe('exportForTransformers', () => {
  it('writes model.safetensors with only the Hugging Face weights, marked format=pt', async () => {
    const out = join(dir, 'hf');
    const weights = initWeights(tinyConfig, 'weights');
    await exportForTransformers(out, tinyConfig, weights);

    const file = decodeSafetensors(await readFile(join(out, 'model.safetensors')));

    expect(file.metadata).toEqual({ format: 'pt' });
    expectSameWeights(
      new Map([...file.tensors].map(([n, t]) => [n, t.data as Float32Array])),
      weights,
    );
    expect([...file.tensors.values()].every((t) => t.dtype === 'F32')).toBe(true);
    expect(await modeOf(join(out, 'model.safetensors'))).toBe(0o644 & ~process.umask());
  });

  it('writes a LlamaForCausalLM config.json with the HF fields and no Tessera-only keys', async () => {
    const out = join(dir, 'hf');
    await exportForTransformers(out, tinyConfig, initWeights(tinyConfig, 'weights'));

    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));

    expect(config).toEqual({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      torch_dtype: 'float32',
      hidden_act: 'silu',
      attention_bias: false,
      mlp_bias: false,
      vocab_size: 256,
      hidden_size: 32,
      intermediate_size: 64,
      num_hidden_layers: 2,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      max_position_embeddings: 16,
      rms_norm_eps: 1e-5,
      rope_theta: 10000,
      tie_word_embeddings: false,
    });
    expect(config).not.toHaveProperty('name');
    expect(config).not.toHaveProperty('tokenizer');
  });

  it('writes no lm_head when the embeddings are tied', async () => {
    const tied = { ...tinyConfig, tie_word_embeddings: true };
    await exportForTransformers(dir, tied, initWeights(tied, 'weights'));

    const file = decodeSafetensors(await readFile(join(dir, 'model.safetensors')));

    expect(file.tensors.has('lm_head.weight')).toBe(false);
    expect(file.tensors.size).toBe(parameterShapes(tied).length);
  });
});

describe('writeFileAtomic', () => {
  const crashChild = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

  it('replaces the content, owner-only by default, leaving no temporary file', async () => {
    const path = join(dir, 'state.bin');
    await writeFile(path, 'old content', { mode: 0o644 });

    await writeFileAtomic(path, Uint8Array.of(1, 2, 3));

    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    expect(await modeOf(path)).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.bin']);
  });

  it('creates a missing file with the mode it is given', async () => {
    const path = join(dir, 'shared.json');

    await writeFileAtomic(path, Buffer.from('{}'), 0o640);

    expect(await readFile(path, 'utf8')).toBe('{}');
    expect(await modeOf(path)).toBe(0o640 & ~process.umask());
  });

  it('leaves the old file whole when the process dies just before the rename', async () => {
    const path = join(dir, 'checkpoint.safetensors');
    const old = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
    await writeFile(path, old);

    const child = spawn(process.execPath, ['--import', 'tsx', crashChild, path, '100000'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const signal = await new Promise((resolve) => child.on('close', (_code, sig) => resolve(sig)));

    expect(signal, stderr).toBe('SIGKILL');
    expect((await readFile(path)).equals(old)).toBe(true);
    // The temporary file beside it holds the complete new content: it was synced before the rename.
    const temp = `.checkpoint.safetensors.${child.pid}.`;
    const leftovers = (await readdir(dir)).filter((n) => n !== 'checkpoint.safetensors');
    expect(leftovers).toEqual([expect.stringMatching(new RegExp(`^\\${temp}[0-9a-f]{8}\\.tmp$`))]);
    expect(stderr).toContain(`renaming ${join(dir, leftovers[0]!)}`);
    const written = await readFile(join(dir, leftovers[0]!));
    expect(written.equals(Buffer.alloc(100000, 0x4e))).toBe(true);
  });

  it('keeps the target and removes the temporary file when the rename fails', async () => {
    const path = join(dir, 'locked.bin');
    await writeFile(path, 'old content');
    const denied = Object.assign(new Error('EPERM: operation not permitted, rename'), {
      code: 'EPERM',
    });
    vi.mocked(rename).mockRejectedValueOnce(denied);

    await expect(writeFileAtomic(path, Buffer.from('new content'))).rejects.toBe(denied);

    expect(vi.mocked(rename)).toHaveBeenCalledWith(
      expect.stringMatching(/\.locked\.bin\.\d+\.[0-9a-f]{8}\.tmp$/),
      path,
    );
    expect(await readFile(path, 'utf8')).toBe('old content');
    expect(await readdir(dir)).toEqual(['locked.bin']);
  });
});
