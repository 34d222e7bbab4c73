import { describe, expect, it } from 'vitest';
import type { NetworkSettings } from '../../../electron/contract/settings';
import { cannedApi } from '../test/canned-api';
import { networkHealth, settingsResult } from '../test/fixtures';
import { createNetworkStore } from './network';

const bittensor: NetworkSettings = { kind: 'bittensor', network: 'test', netuid: 3 };
const metagraph = { netuid: 3, block: 10, neurons: [] };

describe('the network store', () => {
  it('follows the network the settings choose', async () => {
    const canned = cannedApi({ 'settings.get': settingsResult() });
    const store = createNetworkStore(canned.api);
    canned.emit('settings.changed', { settings: settingsResult({ network: bittensor }).settings });
    expect(store.getState().settings).toEqual(bittensor);
  });

  it('saves a network switch as a settings patch, forgets the old metagraph, reads the health again', async () => {
    const canned = cannedApi({
      'network.metagraph': metagraph,
      'settings.update': settingsResult({ network: bittensor }),
      'network.health': networkHealth(),
    });
    const store = createNetworkStore(canned.api);
    await store.getState().loadMetagraph();
    await expect(store.getState().switchNetwork(bittensor)).resolves.toEqual(bittensor);
    expect(canned.callsTo('settings.update')).toEqual([{ patch: { network: bittensor } }]);
    expect(store.getState().metagraph).toBeNull();
    expect(canned.callsTo('network.health')).toHaveLength(1);
  });

  it('passes the agreed cost as the most to pay, and reads the metagraph again', async () => {
    const canned = cannedApi({
      'network.register': { uid: 4, hotkeyAddress: '5F', block: 11, cost: '90' },
      'network.metagraph': metagraph,
    });
    const store = createNetworkStore(canned.api);
    await store.getState().register('100');
    expect(canned.callsTo('network.register')).toEqual([{ maxCost: '100' }]);
    expect(canned.callsTo('network.metagraph')).toHaveLength(1);
  });

  it('reads the publication, and publishes for at most the agreed fee', async () => {
    const publication = {
      network: 'test',
      netuid: 3,
      bucket: 'alice-gradients',
      endpoint: null,
      registered: true,
      published: false,
      fee: '200000',
    };
    const canned = cannedApi({
      'network.bucketPublication': publication,
      'network.publishBucket': { fee: '150000' },
    });
    const store = createNetworkStore(canned.api);
    await expect(store.getState().bucketPublication()).resolves.toEqual(publication);
    await expect(store.getState().publishBucket('200000')).resolves.toEqual({ fee: '150000' });
    expect(canned.callsTo('network.publishBucket')).toEqual([{ maxCost: '200000' }]);
  });
});
