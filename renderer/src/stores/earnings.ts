/**
 * What this identity earned. There is no earnings event: the summary is read when a screen asks,
 * and again when the chain pays a reward (`node.reward`), which is when it changes.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodResult } from '../../../electron/contract';
import type { EarningsSummary } from '../../../electron/contract/earnings';
import { type Api, getApi } from '../api';
import { type Problem, problemOf } from './app';

export type EarningsCsv = MethodResult<'earnings.exportCsv'>;

export interface EarningsState {
  summary: EarningsSummary | null;
  loadError: Problem | null;
  load(): Promise<void>;
  /** The CSV the core wrote; the screen turns it into a download. */
  exportCsv(): Promise<EarningsCsv>;
}

export type EarningsStore = StoreApi<EarningsState>;

export function createEarningsStore(api: Api): EarningsStore {
  const store = createStore<EarningsState>()((set) => ({
    summary: null,
    loadError: null,
    async load() {
      set({ loadError: null });
      try {
        set({ summary: await api.call('earnings.summary', {}) });
      } catch (error) {
        set({ loadError: problemOf(error) });
      }
    },
    exportCsv: () => api.call('earnings.exportCsv', {}),
  }));
  api.on('node.reward', () => void store.getState().load());
  return store;
}

let appStore: EarningsStore | undefined;

export const earningsStore = (): EarningsStore => {
  appStore ??= createEarningsStore(getApi());
  return appStore;
};
