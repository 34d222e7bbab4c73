/**
 * Registration needs the chain before the node runs: a user registers first and mines after.
 * The running node's chain is used when there is one; otherwise a connection to the configured
 * network is opened, signed by the identity's hotkey and, for paying, the wallet's coldkey
 * (which must be unlocked when it signs), and kept until the network or identity change.
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
    /** The wallet's coldkey address, known while it is locked; null for a watch-only wallet. */
    private readonly coldkeyAddress: (wallet: string) => Promise<string | null>,
    /** The wallet's coldkey if unlocked; throws the wallet's 'locked' error otherwise. */
    private readonly coldkey: (wallet: string) => Signer,
  ) {}

  async chain(): Promise<Chain> {
    const settings = this.settings();
    const key = JSON.stringify([settings.network, settings.identity]);
    // Another network or identity: the connection to the last one is of no further use.
    if (this.own && this.own.key !== key) void this.close();
    const running = this.node.chain();
    if (running && settings.network.kind !== 'bittensor') return running;
    if (settings.network.kind === 'devnet')
      throw new NodeError(
        'not-running',
        'Start training first: the embedded devnet runs with the node.',
      );
    if (!this.own) {
      const own = { chain: this.open(settings), key };
      this.own = own;
      // A failed connection is not kept: the next call tries again.
      own.chain.catch(() => {
        if (this.own === own) this.own = undefined;
      });
    }
    return this.own.chain;
  }

  async close(): Promise<void> {
    const own = this.own;
    this.own = undefined;
    await own?.chain.then((chain) => chain.close()).catch(() => undefined);
  }

  private async open(settings: Settings): Promise<Chain> {
    const wallet = settings.identity?.wallet;
    const address = wallet ? await this.coldkeyAddress(wallet) : null;
    // The coldkey is asked for when a payment is signed, so unlocking or locking the wallet
    // needs no new connection: a locked one refuses then, saying so.
    const coldkey: Signer | undefined =
      wallet && address
        ? { ss58Address: address, sign: (message) => this.coldkey(wallet).sign(message) }
        : undefined;
    return openChain(settings.network, {
      hotkey: await this.identity(),
      ...(coldkey ? { coldkey } : {}),
    });
  }
}
