import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../electron/engine/checkpoint/checkpoint';
import { configs } from '../../electron/engine/model/config';
import { runTessera } from './run-tessera';

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'tessera-train-cli-'));
  process.env.TESSERA_HOME = home;
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('tessera train', () => {
  it('prints one JSON object per step and a summary, and saves a checkpoint', async () => {
    const save = join(home, 'nano.safetensors');
    const run = await runTessera([
      'train',
      '--config',
      'nano',
      '--steps',
      '6',
      '--batch',
      '2',
      '--seq',
      '32',
      '--provider',
      'cpu',
      '--save',
      save,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].ready.provider).toBe('cpu');
    const steps = lines.filter((l) => 'step' in l);
    expect(steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const s of steps) {
      expect(s.loss).toBeGreaterThan(0);
      expect(s.tokensPerSec).toBeGreaterThan(0);
      expect(s.msPerStep).toBeGreaterThan(0);
    }
    const { summary } = lines.at(-1);
    expect(summary).toMatchObject({ provider: 'cpu', config: 'nano', params: 1_345_152, steps: 6 });
    expect(summary.startLoss).toBeGreaterThan(5);
    expect(summary.endLoss).toBeLessThan(summary.startLoss);
    expect(summary.tokensPerSec).toBeGreaterThan(0);
    const checkpoint = await loadCheckpoint(save, configs.nano);
    expect(checkpoint.optimizer?.step).toBe(6);
  });

  it.each([
    [['--steps', '0'], /--steps needs a whole number from 1/],
    [['--config', 'huge'], /unknown model config "huge"/],
    [['--provider', 'tpu'], /--provider must be one of cuda, dml, webgpu, cpu/],
    [['--seq', '4096'], /--seq needs a whole number from 2 to 128/],
    [['--lr=-1'], /--lr needs a positive number/],
    [['--lr', 'fast'], /--lr needs a positive number, got 'fast'/],
    [['--stpes', '3'], /unknown option '--stpes'/i],
  ])('refuses %j with exit code 2 and a sentence naming the problem', async (args, message) => {
    const run = await runTessera(['train', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('fails clearly when the checkpoint to resume from is damaged', async () => {
    const bad = join(home, 'bad.safetensors');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, 'not a checkpoint'));
    const run = await runTessera([
      'train',
      '--steps',
      '1',
      '--provider',
      'cpu',
      '--checkpoint',
      bad,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/checkpoint .*bad\.safetensors is damaged/);
  });
});
