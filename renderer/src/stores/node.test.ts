import { describe, expect, it } from 'vitest';
import type { LossPoint } from '../../../electron/contract/node';
import { cannedApi, failWith } from '../test/canned-api';
import { nodeStatus } from '../test/fixtures';
import { type BatchScheduler, createFrameBatch, createNodeStore, mergeLossPoints } from './node';

const point = (step: number, loss = 4, window = 1): LossPoint => ({
  window,
  step,
  loss,
  tokensPerSec: 1000,
  at: 1_000 * step,
});

/** A clock the test moves and callbacks the test runs, so batching is checked without waiting. */
function fakeScheduler() {
  let time = 0;
  const delays: { ms: number; run: () => void }[] = [];
  const frames: (() => void)[] = [];
  const scheduler: BatchScheduler = {
    now: () => time,
    after: (ms, run) => delays.push({ ms, run }),
    frame: (run) => frames.push(run),
  };
  return {
    scheduler,
    delays,
    frames,
    advance(ms: number) {
      time += ms;
    },
    runDelays: () => {
      for (const { run } of delays.splice(0)) run();
    },
    runFrames: () => {
      for (const run of frames.splice(0)) run();
    },
  };
}

describe('mergeLossPoints', () => {
  it('keeps points in time order, one per window and step, the newest answer winning', () => {
    const merged = mergeLossPoints([point(1), point(3)], [point(2), { ...point(3), loss: 3.5 }]);
    expect(merged.map((p) => [p.step, p.loss])).toEqual([
      [1, 4],
      [2, 4],
      [3, 3.5],
    ]);
  });

  it('keeps only the newest points beyond the limit', () => {
    const merged = mergeLossPoints([point(1), point(2)], [point(3), point(4)], 3);
    expect(merged.map((p) => p.step)).toEqual([2, 3, 4]);
  });

  it('tells the same step of different windows apart', () => {
    expect(mergeLossPoints([point(1, 4, 1)], [point(1, 4, 2)])).toHaveLength(2);
  });
});

describe('createFrameBatch', () => {
  it('hands everything that arrived before the frame on as one batch', () => {
    const clock = fakeScheduler();
    const batches: number[][] = [];
    const push = createFrameBatch<number>((items) => batches.push(items), {
      intervalMs: 300,
      maxItems: 100,
      scheduler: clock.scheduler,
    });
    push(1);
    push(2);
    push(3);
    expect(batches).toEqual([]);
    expect(clock.frames).toHaveLength(1);
    clock.runFrames();
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('waits out the rest of the interval after a batch before asking for a frame', () => {
    const clock = fakeScheduler();
    const batches: number[][] = [];
    const push = createFrameBatch<number>((items) => batches.push(items), {
      intervalMs: 300,
      maxItems: 100,
      scheduler: clock.scheduler,
    });
    push(1);
    clock.runFrames();
    clock.advance(100);
    push(2);
    push(3);
    expect(clock.frames).toHaveLength(0);
    expect(clock.delays.map((d) => d.ms)).toEqual([200]);
    clock.runDelays();
    clock.runFrames();
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('asks for a frame at once when the interval has already passed', () => {
    const clock = fakeScheduler();
    const push = createFrameBatch<number>(() => {}, {
      intervalMs: 300,
      maxItems: 100,
      scheduler: clock.scheduler,
    });
    push(1);
    clock.runFrames();
    clock.advance(500);
    push(2);
    expect(clock.delays).toHaveLength(0);
    expect(clock.frames).toHaveLength(1);
  });

  it('lets at most maxItems wait, dropping the oldest', () => {
    const clock = fakeScheduler();
    const batches: number[][] = [];
    const push = createFrameBatch<number>((items) => batches.push(items), {
      intervalMs: 300,
      maxItems: 2,
      scheduler: clock.scheduler,
    });
    for (const item of [1, 2, 3, 4]) push(item);
    clock.runFrames();
    expect(batches).toEqual([[3, 4]]);
  });
});

describe('the node store', () => {
  it('keeps a status event that overtook the first answer', async () => {
    let answer: (value: ReturnType<typeof nodeStatus>) => void = () => {};
    const canned = cannedApi({
      'node.status': () => new Promise((resolve) => (answer = resolve)),
      'node.lossHistory': { points: [] },
    });
    const store = createNodeStore(canned.api);
    const loading = store.getState().load();
    canned.emit('node.status', nodeStatus({ state: 'training' }));
    answer(nodeStatus({ state: 'stopped' }));
    await loading;
    expect(store.getState().status?.state).toBe('training');
  });

  it('joins the loss history with points streamed while it was on its way', async () => {
    const clock = fakeScheduler();
    let answer: (value: { points: LossPoint[] }) => void = () => {};
    const canned = cannedApi({
      'node.status': nodeStatus(),
      'node.lossHistory': () => new Promise((resolve) => (answer = resolve)),
    });
    const store = createNodeStore(canned.api, clock.scheduler);
    const loading = store.getState().load();
    canned.emit('node.loss', point(3));
    clock.runFrames();
    answer({ points: [point(1), point(2)] });
    await loading;
    expect(store.getState().loss.map((p) => p.step)).toEqual([1, 2, 3]);
  });

  it('starts, pauses for a time, and resumes through the contract', async () => {
    const canned = cannedApi({
      'node.start': nodeStatus({ state: 'starting' }),
      'node.pause': nodeStatus({ state: 'paused' }),
      'node.resume': nodeStatus({ state: 'training' }),
    });
    const store = createNodeStore(canned.api);
    await store.getState().start();
    expect(store.getState().status?.state).toBe('starting');
    await store.getState().pause(30);
    expect(store.getState().status?.state).toBe('paused');
    await store.getState().resume();
    expect(store.getState().status?.state).toBe('training');
    expect(canned.calls.map((c) => [c.method, c.args])).toEqual([
      ['node.start', {}],
      ['node.pause', { minutes: 30 }],
      ['node.resume', {}],
    ]);
  });

  it('keeps a failed control as a problem and takes the next press', async () => {
    const canned = cannedApi({
      'node.start': failWith('no-wallet', 'Choose a wallet first.'),
    });
    const store = createNodeStore(canned.api);
    await store.getState().start();
    expect(store.getState().actionError).toEqual({
      kind: 'no-wallet',
      message: 'Choose a wallet first.',
    });
    expect(store.getState().pending).toBeNull();
    canned.answer({ 'node.start': nodeStatus({ state: 'starting' }) });
    await store.getState().start();
    expect(store.getState().actionError).toBeNull();
  });

  it('ignores a second press while the first is under way', async () => {
    const canned = cannedApi({ 'node.start': nodeStatus({ state: 'starting' }) });
    const store = createNodeStore(canned.api);
    await Promise.all([store.getState().start(), store.getState().start()]);
    expect(canned.callsTo('node.start')).toHaveLength(1);
  });
});
