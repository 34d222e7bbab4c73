/**
 * The app as a whole: what `app.info` says about it (version, host, whether onboarding is done),
 * and starting the miner when onboarding ends. Also the shape every store keeps a failure in.
 */
import { createStore } from 'zustand/vanilla';
import type { AppInfo } from '../../../electron/contract/diagnostics';
import { type Api, ApiError, getApi } from '../api';

/** A failed call as stores keep it: the contract error's kind, its sentence, and retry time. */
export interface Problem {
  kind: string;
  message: string;
  retryAfterMs?: number;
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError)
    return error.retryAfterMs === undefined
      ? { kind: error.kind, message: error.message }
      : { kind: error.kind, message: error.message, retryAfterMs: error.retryAfterMs };
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export interface AppState {
  info: AppInfo | null;
  status: LoadStatus;
  problem: Problem | null;
  load(): Promise<void>;
  /** Starts the miner and leaves onboarding; rejects with the ApiError when the start fails. */
  startMining(): Promise<void>;
}

export function createAppStore(api: Api) {
  return createStore<AppState>()((set, get) => ({
    info: null,
    status: 'idle',
    problem: null,
    async load() {
      if (get().status === 'loading') return;
      set({ status: 'loading', problem: null });
      try {
        set({ info: await api.call('app.info', {}), status: 'ready' });
      } catch (error) {
        set({ status: 'error', problem: problemOf(error) });
      }
    },
    async startMining() {
      await api.call('node.start', {});
      const info = get().info;
      if (info) set({ info: { ...info, onboarded: true } });
    },
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;

let instance: AppStore | undefined;

/** The app's app store, made on first use so tests and the browser build choose their API first. */
export const appStore = (): AppStore => (instance ??= createAppStore(getApi()));
