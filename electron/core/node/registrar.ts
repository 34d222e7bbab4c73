/**
 * Registration needs the chain before the node runs: a user registers first and mines after.
 * The running node's chain is used when there is one; otherwise a connection to the configured
 * network is opened, signed by the identity's hotkey and, for paying, the wallet's unlocked
 * coldkey, and kept until the settings change.
 */
import type { Settings } from '../../contract/settings';
import type { Signer } from '../../protocol/signature';
import type { Chain } from '../network/chain';
import { openChain } from '../network/open-chain';
import { NodeError } from './node-error';
import type { NodeService } from './node-service';

export class Registrar {
  /** The connection being opened or open; shared, so concurrent callers never open two. */
  private own: { chain: Promise<Chain>; key: string } | undefined;

  constructor(
    private readonly node: NodeService,
    private readonly settings: () => Settings,
    private readonly identity: () => Promise<Signer>,
    /** The wallet's coldkey if unlocked; rejects with the wallet's 'locked' error otherwise. */
    private readonly coldkey: (wallet: string) => Signer,
  ) {}

  async chain(): Promise<Chain> {
    const settings = this.settings();
    const running = this.node.chain();
    if (running && settings.network.kind !== 'bittensor') return running;
    if (settings.network.kind === 'devnet')
      throw new NodeError(
        'not-running',
        'Start training first: the embedded devnet runs with the node.',
      );
    const wallet = settings.identity?.wallet;
    const coldkey = wallet ? this.tryColdkey(wallet) : undefined;
    const key = JSON.stringify([settings.network, settings.identity, coldkey?.ss58Address]);
    if (this.own?.key !== key) {
      void this.close();
      const chain = this.identity().then((hotkey) =>
        openChain(settings.network, { hotkey, ...(coldkey ? { coldkey } : {}) }),
      );
      const own = { chain, key };
      this.own = own;
      // A failed connection is not kept: the next call tries again.
      chain.catch(() => {
        if (this.own === own) this.own = undefined;
      });
    }
    return this.own!.chain;
  }

  async close(): Promise<void> {
    const own = this.own;
    this.own = undefined;
    await own?.chain.then((chain) => chain.close()).catch(() => undefined);
  }

  private tryColdkey(wallet: string): Signer | undefined {
    try {
      return this.coldkey(wallet);
    } catch {
      // Reading costs and the metagraph needs no coldkey; paying says it is locked.
      return undefined;
    }
  }
}
