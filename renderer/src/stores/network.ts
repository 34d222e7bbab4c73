/**
 * The network this miner is on: its health (a snapshot, then every push), which network the
 * settings choose, and on Bittensor the metagraph, registration and the bucket's publication.
 * Both writes are two steps by contract: the screen shows `registrationCost` (or
 * `bucketPublication`'s fee), then `register` (or `publishBucket`) passes the amount agreed to.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MethodResult } from '../../../electron/contract';
import type { BucketPublication, NetworkHealth } from '../../../electron/contract/network';
import type { NetworkSettings } from '../../../electron/contract/settings';
import { type Api, getApi } from '../api';
import { type Problem, problemOf } from './app';

export type Metagraph = MethodResult<'network.metagraph'>;
export type RegistrationCost = MethodResult<'network.registrationCost'>;
export type Registration = MethodResult<'network.register'>;
export type PublishedBucket = MethodResult<'network.publishBucket'>;

export interface NetworkState {
  health: NetworkHealth | null;
  loadError: Problem | null;
  /** The network the settings choose; null until read. */
  settings: NetworkSettings | null;
  metagraph: Metagraph | null;
  metagraphError: Problem | null;
  load(): Promise<void>;
  loadMetagraph(): Promise<void>;
  registrationCost(): Promise<RegistrationCost>;
  /** Fails when the cost has risen above `maxCost` since it was shown. */
  register(maxCost: string): Promise<Registration>;
  /** Where the bucket's publication stands, with the fee of publishing it now. */
  bucketPublication(): Promise<BucketPublication>;
  /** Fails when the fee has risen above `maxCost` since it was shown. */
  publishBucket(maxCost: string): Promise<PublishedBucket>;
  /** Saves another network choice (the core reconnects) and resolves with it as saved. */
  switchNetwork(network: NetworkSettings): Promise<NetworkSettings>;
}

export type NetworkStore = StoreApi<NetworkState>;

export function createNetworkStore(api: Api): NetworkStore {
  const store = createStore<NetworkState>()((set, get) => ({
    health: null,
    loadError: null,
    settings: null,
    metagraph: null,
    metagraphError: null,
    async load() {
      set({ loadError: null });
      const before = get();
      try {
        const [health, { settings }] = await Promise.all([
          api.call('network.health', {}),
          api.call('settings.get', {}),
        ]);
        // Events may have brought newer values while the calls were on their way.
        if (get().health === before.health) set({ health });
        if (get().settings === before.settings) set({ settings: settings.network });
      } catch (error) {
        set({ loadError: problemOf(error) });
      }
    },
    async loadMetagraph() {
      set({ metagraphError: null });
      try {
        set({ metagraph: await api.call('network.metagraph', {}) });
      } catch (error) {
        set({ metagraphError: problemOf(error) });
      }
    },
    registrationCost: () => api.call('network.registrationCost', {}),
    async register(maxCost) {
      const registration = await api.call('network.register', { maxCost });
      void get().loadMetagraph();
      return registration;
    },
    bucketPublication: () => api.call('network.bucketPublication', {}),
    publishBucket: (maxCost) => api.call('network.publishBucket', { maxCost }),
    async switchNetwork(network) {
      const { settings } = await api.call('settings.update', { patch: { network } });
      set({ settings: settings.network, metagraph: null });
      // The health shown is of the network just left: read it again rather than wait for the
      // core's next push, which also replaces it if this read fails.
      api.call('network.health', {}).then(
        (health) => set({ health }),
        () => undefined,
      );
      return settings.network;
    },
  }));
  api.on('network.health', (health) => store.setState({ health, loadError: null }));
  api.on('settings.changed', ({ settings }) => store.setState({ settings: settings.network }));
  return store;
}

let appStore: NetworkStore | undefined;

export const networkStore = (): NetworkStore => {
  appStore ??= createNetworkStore(getApi());
  return appStore;
};
