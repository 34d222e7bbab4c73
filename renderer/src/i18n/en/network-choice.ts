/** Choosing the network to join: in onboarding and in Settings. */
export const networkChoice = {
  kind: 'Network',
  kinds: {
    devnet: 'Built-in test network (on this computer)',
    'remote-devnet': 'A test network on another computer',
    bittensor: 'Bittensor',
  },
  url: 'Coordinator address',
  urlHint:
    'The address the other computer’s `tessera devnet` printed, e.g. http://192.168.1.20:7300',
  chain: 'Bittensor network',
  chains: {
    finney: 'Finney (main network)',
    test: 'Testnet',
    local: 'Local subtensor',
    custom: 'Custom endpoint',
  },
  endpoint: 'Subtensor endpoint (ws:// or wss://)',
  netuid: 'Subnet number (netuid)',
};
