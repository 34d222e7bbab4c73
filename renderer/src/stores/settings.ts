/**
 * The settings document, saved a patch at a time and kept current by `settings.changed` (the tray
 * and the CLI change settings too). The GPUs to choose from come from the telemetry snapshot.
 */
import { createStore } from 'zustand/vanilla';
import type { MethodArgs } from '../../../electron/contract';
import type { Settings, SettingsPatch } from '../../../electron/contract/settings';
import type { GpuSample } from '../../../electron/contract/telemetry';
import { type Api, getApi } from '../api';
import { type LoadStatus, type Problem, problemOf } from './app';

export type StorageCredentials = MethodArgs<'storage.setCredentials'>;

export interface SettingsState {
  settings: Settings | null;
  dataDirectory: string | null;
  status: LoadStatus;
  problem: Problem | null;
  /** null until telemetry answers; telemetry failing leaves the GPU choice at "automatic". */
  gpus: GpuSample[] | null;
  load(): Promise<void>;
  /** Rejects with the ApiError (the contract's validation message) when the patch is refused. */
  update(patch: SettingsPatch): Promise<Settings>;
  setCredentials(credentials: StorageCredentials): Promise<void>;
}

export function createSettingsStore(api: Api) {
  const store = createStore<SettingsState>()((set, get) => ({
    settings: null,
    dataDirectory: null,
    status: 'idle',
    problem: null,
    gpus: null,
    async load() {
      if (get().status === 'loading') return;
      set({ status: 'loading', problem: null });
      api.call('telemetry.latest', {}).then(
        ({ gpus }) => set({ gpus }),
        () => set({ gpus: [] }),
      );
      try {
        const { settings, dataDirectory } = await api.call('settings.get', {});
        set({ settings, dataDirectory, status: 'ready' });
      } catch (error) {
        set({ status: 'error', problem: problemOf(error) });
      }
    },
    async update(patch) {
      const { settings, dataDirectory } = await api.call('settings.update', { patch });
      set({ settings, dataDirectory });
      return settings;
    },
    async setCredentials(credentials) {
      await api.call('storage.setCredentials', credentials);
    },
  }));
  api.on('settings.changed', ({ settings }) => store.setState({ settings }));
  return store;
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;

let instance: SettingsStore | undefined;

/** The app's settings store, made on first use so tests and the browser build choose their API first. */
export const settingsStore = (): SettingsStore => (instance ??= createSettingsStore(getApi()));
