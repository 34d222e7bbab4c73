/** GPU readings: the latest snapshot, then every sample the core pushes. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TelemetrySnapshot } from '../../../electron/contract/telemetry';
import { type Api, getApi } from '../api';
import { type Problem, problemOf } from './app';

export interface TelemetryState {
  snapshot: TelemetrySnapshot | null;
  loadError: Problem | null;
  load(): Promise<void>;
}

export type TelemetryStore = StoreApi<TelemetryState>;

export function createTelemetryStore(api: Api): TelemetryStore {
  const store = createStore<TelemetryState>()((set, get) => ({
    snapshot: null,
    loadError: null,
    async load() {
      set({ loadError: null });
      try {
        const snapshot = await api.call('telemetry.latest', {});
        // A sample that arrived meanwhile is newer than this answer.
        if ((get().snapshot?.at ?? Number.NEGATIVE_INFINITY) < snapshot.at) set({ snapshot });
      } catch (error) {
        set({ loadError: problemOf(error) });
      }
    },
  }));
  api.on('telemetry.sample', (snapshot) => store.setState({ snapshot, loadError: null }));
  return store;
}

let appStore: TelemetryStore | undefined;

export const telemetryStore = (): TelemetryStore => {
  appStore ??= createTelemetryStore(getApi());
  return appStore;
};
