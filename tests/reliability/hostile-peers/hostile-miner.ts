/**
 * A hostile miner: registers and publishes a bucket like anyone else, then each window writes
 * whatever its strategy forges into its own bucket, at the moment its strategy chooses. Only the
 * bucket's contents are hostile; everything it does on the chain is ordinary.
 */
import { localBucket } from '../../../electron/core/miner/local-bucket';
import type { Chain } from '../../../electron/core/network/chain';
import {
  gatherStartBlock,
  objectKeys,
  uploadDeadlineBlock,
  windowStartBlock,
} from '../../../electron/protocol/windows';
import type { HostileContext, HostileStrategy } from './strategies/strategy';

export interface HostileMiner {
  readonly hotkey: string;
  readonly strategy: HostileStrategy;
  /** Windows it uploaded something for. */
  readonly acted: Set<number>;
  stop(): void;
}

export async function startHostileMiner(options: {
  strategy: HostileStrategy;
  chain: Chain;
  bucketsDir: string;
  context: HostileContext;
}): Promise<HostileMiner> {
  const { strategy, chain, context } = options;
  const { run, signer } = context;
  await chain.register();
  const bucket = localBucket(options.bucketsDir, signer.ss58Address);
  await chain.commit(bucket.commitment);
  const acted = new Set<number>();
  const tried = new Set<number>();
  const busy = new Set<number>();

  /** Forged ahead of the deadline by a late uploader, so that writing it takes no time then. */
  const forged = new Map<number, Promise<Uint8Array | undefined>>();
  const forge = (window: number) => {
    if (!forged.has(window))
      forged.set(
        window,
        strategy.payload(context, window).catch(() => undefined),
      );
    return forged.get(window)!;
  };
  const upload = async (window: number) => {
    busy.add(window);
    try {
      const bytes = await forge(window);
      if (!bytes) {
        // Nothing to copy yet: forge again at the next block.
        if (strategy.timing === 'after-honest') forged.delete(window);
        return;
      }
      await bucket.store.put(objectKeys.gradient(window, signer.ss58Address), bytes);
      acted.add(window);
      tried.add(window);
    } catch {
      // A failed write is an upload that did not happen; the verdict will say `missing`.
    } finally {
      busy.delete(window);
      forged.delete(window - 2);
    }
  };

  const unsubscribe = chain.subscribeBlocks(({ block, window }) => {
    if (strategy.timing === 'never') return;
    // The window whose upload is still open: this one, or the last one until its deadline.
    for (const w of [window - 1, window]) {
      if (w < 0 || tried.has(w) || busy.has(w)) continue;
      const middle = windowStartBlock(w, run.blocksPerWindow) + run.blocksPerWindow / 2;
      const deadline = uploadDeadlineBlock(w, run);
      if (strategy.timing === 'mid-window' && w === window && block >= middle) {
        tried.add(w);
        void upload(w);
      } else if (strategy.timing === 'after-honest' && block >= middle && block < deadline) {
        // Keeps trying each block until the honest upload is there to copy.
        void upload(w);
      } else if (strategy.timing === 'after-deadline' && block >= middle && block < deadline) {
        void forge(w);
      } else if (
        strategy.timing === 'after-deadline' &&
        block > deadline &&
        block < gatherStartBlock(w, run)
      ) {
        // A block past the deadline block: late by one block at least. Written at the deadline
        // block itself it is late by milliseconds, which a validator that dates the deadline from
        // block times it saw on a loaded machine cannot always tell from on time.
        tried.add(w);
        void upload(w);
      }
    }
  });
  return { hotkey: signer.ss58Address, strategy, acted, stop: unsubscribe };
}
