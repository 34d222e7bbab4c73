import { NetworkError } from '../errors';

export type SubtensorNetwork = 'finney' | 'test' | 'local' | 'custom';

/** Public entry points, as btcli and the Bittensor SDK name them (`bittensor/core/settings.py`). */
export const SUBTENSOR_ENDPOINTS: Readonly<Record<Exclude<SubtensorNetwork, 'custom'>, string>> = {
  finney: 'wss://entrypoint-finney.opentensor.ai:443',
  test: 'wss://test.finney.opentensor.ai:443',
  local: 'ws://127.0.0.1:9944',
};

/**
 * Genesis hashes of the public networks: a node that answers with another one is a different
 * chain, and anything signed for it would be a transaction on the wrong network.
 */
export const SUBTENSOR_GENESIS: Readonly<Partial<Record<SubtensorNetwork, string>>> = {
  finney: '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03',
  test: '0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105',
};

/** Subtensor's target block time (`MILLISECS_PER_BLOCK`): 7200 blocks a day. */
export const SUBTENSOR_BLOCK_MS = 12_000;

/** The WebSocket URL for a network: `endpoint` when given (required for `custom`), else the public one. */
export function endpointOf(network: SubtensorNetwork, endpoint?: string): string {
  if (endpoint !== undefined) {
    if (!/^wss?:\/\/\S+$/.test(endpoint)) {
      throw new NetworkError('invalid', `'${endpoint}' is not a ws:// or wss:// URL.`);
    }
    return endpoint;
  }
  if (network === 'custom') {
    throw new NetworkError('invalid', 'A custom subtensor network needs an endpoint URL.');
  }
  return SUBTENSOR_ENDPOINTS[network];
}
