/**
 * The miner: its status snapshot, the loss points the dashboard draws, and the controls. Loss
 * points stream in while training; they are gathered and handed to the state in batches, so a
 * chart redraws a few times a second however fast the trainer reports.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LossPoint, NodeStatus } from '../../../electron/contract/node';
import { type Api, getApi } from '../api';
import { type Problem, problemOf } from './app';

/** How many loss points the chart keeps: about what `node.lossHistory` returns. */
export const LOSS_POINTS_KEPT = 5_000;
/** Redraws of the loss chart are at most this often. */
export const LOSS_BATCH_MS = 300;

export type NodeAction = 'start' | 'pause' | 'resume';

export interface NodeState {
  status: NodeStatus | null;
  /** Why the first status could not be read, in words. */
  loadError: Problem | null;
  loss: LossPoint[];
  /** The control call under way, so the button can say so and not be pressed twice. */
  pending: NodeAction | null;
  actionError: Problem | null;
  load(): Promise<void>;
  start(): Promise<void>;
  /** Pause until resumed, or for `minutes`. */
  pause(minutes?: number): Promise<void>;
  resume(): Promise<void>;
}

export type NodeStore = StoreApi<NodeState>;

/**
 * Loss points from two sources (the history call and live events) as one series: ordered by
 * time, one point per (window, step), the newest `limit` kept.
 */
export function mergeLossPoints(
  kept: readonly LossPoint[],
  incoming: readonly LossPoint[],
  limit = LOSS_POINTS_KEPT,
): LossPoint[] {
  const byStep = new Map<string, LossPoint>();
  for (const point of [...kept, ...incoming]) byStep.set(`${point.window}:${point.step}`, point);
  const merged = [...byStep.values()].sort((a, b) => a.at - b.at);
  return merged.length > limit ? merged.slice(merged.length - limit) : merged;
}

/** When a batch may be handed on: after a delay, then on the next frame the screen paints. */
export interface BatchScheduler {
  now(): number;
  after(ms: number, run: () => void): void;
  frame(run: () => void): void;
}

const browserScheduler: BatchScheduler = {
  now: () => Date.now(),
  after: (ms, run) => setTimeout(run, ms),
  // A hidden window gets no frames, so nothing is drawn until it is shown again.
  frame: (run) =>
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : setTimeout(run, 0),
};

/**
 * Collects items and hands them to `flush` together, at most once per `intervalMs` and always on
 * an animation frame. At most `maxItems` wait (the oldest go first), so a window hidden for hours
 * does not hoard points the chart would drop anyway.
 */
export function createFrameBatch<T>(
  flush: (items: T[]) => void,
  {
    intervalMs,
    maxItems,
    scheduler = browserScheduler,
  }: {
    intervalMs: number;
    maxItems: number;
    scheduler?: BatchScheduler;
  },
): (item: T) => void {
  let waiting: T[] = [];
  let scheduled = false;
  let lastFlush = Number.NEGATIVE_INFINITY;
  const run = () => {
    scheduled = false;
    lastFlush = scheduler.now();
    const items = waiting;
    waiting = [];
    flush(items);
  };
  return (item) => {
    waiting.push(item);
    if (waiting.length > maxItems) waiting.shift();
    if (scheduled) return;
    scheduled = true;
    const wait = lastFlush + intervalMs - scheduler.now();
    if (wait > 0) scheduler.after(wait, () => scheduler.frame(run));
    else scheduler.frame(run);
  };
}

export function createNodeStore(api: Api, scheduler?: BatchScheduler): NodeStore {
  const store = createStore<NodeState>()((set, get) => {
    const control = async (action: NodeAction, call: () => Promise<NodeStatus>) => {
      if (get().pending) return;
      set({ pending: action, actionError: null });
      try {
        set({ status: await call(), pending: null });
      } catch (error) {
        set({ actionError: problemOf(error), pending: null });
      }
    };
    return {
      status: null,
      loadError: null,
      loss: [],
      pending: null,
      actionError: null,
      async load() {
        set({ loadError: null });
        const before = get().status;
        try {
          const [status, history] = await Promise.all([
            api.call('node.status', {}),
            api.call('node.lossHistory', {}),
          ]);
          // An event may have brought a newer status while the call was on its way.
          if (get().status === before) set({ status });
          set({ loss: mergeLossPoints(history.points, get().loss) });
        } catch (error) {
          set({ loadError: problemOf(error) });
        }
      },
      start: () => control('start', () => api.call('node.start', {})),
      pause: (minutes) =>
        control('pause', () => api.call('node.pause', minutes === undefined ? {} : { minutes })),
      resume: () => control('resume', () => api.call('node.resume', {})),
    };
  });
  // Subscribed before the first call, so nothing between the snapshot and the events is lost.
  api.on('node.status', (status) => store.setState({ status, loadError: null }));
  const addLoss = createFrameBatch<LossPoint>(
    (points) => store.setState({ loss: mergeLossPoints(store.getState().loss, points) }),
    { intervalMs: LOSS_BATCH_MS, maxItems: LOSS_POINTS_KEPT, scheduler },
  );
  api.on('node.loss', addLoss);
  return store;
}

let appStore: NodeStore | undefined;

/** The app's node store, made on first use so tests and the browser build choose their API first. */
export const nodeStore = (): NodeStore => {
  appStore ??= createNodeStore(getApi());
  return appStore;
};
