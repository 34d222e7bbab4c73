import type { NetworkSettings } from '../../contract/settings';
import type { Signer } from '../../protocol/signature';
import type { Chain } from './chain';
import { DevnetChain } from './devnet-chain';
import { NetworkError } from './errors';
import type { RetryPolicy } from './retry';
import { SubtensorChain } from './subtensor/subtensor-chain';

export interface OpenChainOptions {
  /** Signs the miner's or validator's own writes (commitments, weights). */
  hotkey?: Signer;
  /** Pays for registration on Bittensor; leave out unless registering. */
  coldkey?: Signer;
  /** The embedded devnet's coordinator URL (for `devnet`, which has none in the settings). */
  devnetUrl?: string;
  /** Blocks per protocol window on Bittensor (the devnet states its own). */
  blocksPerWindow?: number;
  retry?: RetryPolicy;
}

/** The chain the settings name: the embedded or a remote devnet, or a Bittensor network. */
export async function openChain(
  network: NetworkSettings,
  options: OpenChainOptions = {},
): Promise<Chain> {
  const retry = options.retry ? { retry: options.retry } : {};
  switch (network.kind) {
    case 'devnet': {
      if (!options.devnetUrl) {
        throw new NetworkError(
          'invalid',
          'The embedded devnet is not running, so there is no coordinator URL.',
        );
      }
      return DevnetChain.connect(options.devnetUrl, {
        ...retry,
        ...(options.hotkey ? { signer: options.hotkey } : {}),
      });
    }
    case 'remote-devnet':
      return DevnetChain.connect(network.url, {
        ...retry,
        ...(options.hotkey ? { signer: options.hotkey } : {}),
      });
    case 'bittensor':
      return SubtensorChain.connect({
        network: network.network,
        netuid: network.netuid,
        ...(network.endpoint ? { endpoint: network.endpoint } : {}),
        ...(options.hotkey ? { hotkey: options.hotkey } : {}),
        ...(options.coldkey ? { coldkey: options.coldkey } : {}),
        ...(options.blocksPerWindow ? { blocksPerWindow: options.blocksPerWindow } : {}),
        ...retry,
      });
  }
}
