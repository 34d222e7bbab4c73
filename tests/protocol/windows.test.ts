import { describe, expect, it } from 'vitest';
import {
  BlockTimes,
  checkRunParams,
  DEFAULT_RUN,
  devnetRun,
  gatherStartBlock,
  objectKeys,
  onTime,
  RunParamsError,
  uploadDeadlineBlock,
  windowStartBlock,
  windowsInKeys,
} from '../../electron/protocol/windows';

const timing = { blocksPerWindow: 20, graceBlocks: 2, settleBlocks: 1 };

describe('windows and deadlines', () => {
  it('window w is blocks [20w, 20w + 20); its upload is due 2 blocks into the next window', () => {
    expect(windowStartBlock(3, 20)).toBe(60);
    expect(uploadDeadlineBlock(3, timing)).toBe(82);
    expect(gatherStartBlock(3, timing)).toBe(83);
  });

  it('accepts an object written at or before the deadline block, not after', () => {
    expect(onTime(new Date(1_000), 1_000)).toBe(true);
    expect(onTime(new Date(1_001), 1_000)).toBe(false);
  });

  it('knows the time of blocks it saw and extrapolates to those it did not', () => {
    const times = new BlockTimes(250);
    expect(times.timeOf(10)).toBeUndefined();
    times.record(10, 10_000);
    times.record(12, 10_600);
    expect(times.timeOf(12)).toBe(10_600);
    expect(times.timeOf(14)).toBe(11_100);
    expect(times.timeOf(9)).toBe(9_750);
  });
});

describe('object keys', () => {
  it('names payloads per window and hotkey, and models and peer lists per window', () => {
    expect(objectKeys.gradient(7, '5Grw')).toBe('gradients/7/5Grw.safetensors');
    expect(objectKeys.checkpoint(7)).toBe('checkpoints/7.safetensors');
    expect(objectKeys.checkpointManifest(7)).toBe('checkpoints/7.json');
    expect(objectKeys.peers(7)).toBe('peers/7.json');
  });

  it('reads window numbers back from a listing, ignoring anything else', () => {
    const keys = [
      'checkpoints/10.safetensors',
      'checkpoints/9.safetensors',
      'checkpoints/9.json',
      'checkpoints/x.safetensors',
      'checkpoints/01.safetensors',
    ];
    expect(windowsInKeys(keys, 'checkpoints/', '.safetensors')).toEqual([9, 10]);
  });
});

describe('run parameters', () => {
  it('names a devnet run after its chain and takes the defaults', () => {
    const run = devnetRun({ chainId: 'ab'.repeat(16), blocksPerWindow: 15 });
    expect(run.runId).toBe(`devnet-${'ab'.repeat(8)}`);
    expect(run.pagesPerWindow).toBe(DEFAULT_RUN.innerSteps * DEFAULT_RUN.batch);
    expect(
      devnetRun({ chainId: 'cd'.repeat(16), blocksPerWindow: 15 }, { innerSteps: 10 })
        .pagesPerWindow,
    ).toBe(40);
    expect(checkRunParams(JSON.parse(JSON.stringify(run)))).toEqual(run);
  });

  it('refuses parameters a peer could use to confuse others', () => {
    const run = devnetRun({ chainId: 'ab'.repeat(16), blocksPerWindow: 15 });
    const bad = (patch: Record<string, unknown>) => () => checkRunParams({ ...run, ...patch });
    expect(bad({ runId: 'a|b' })).toThrow(RunParamsError);
    expect(bad({ innerSteps: 0 })).toThrow(/innerSteps/);
    expect(bad({ outerLr: Number.NaN })).toThrow(/outerLr/);
    expect(bad({ codec: { ...run.codec, chunk: 65 } })).toThrow(/codec/);
    expect(bad({ graceBlocks: 14 })).toThrow(/shorter than a window/);
    expect(() => checkRunParams('run')).toThrow(RunParamsError);
  });
});
