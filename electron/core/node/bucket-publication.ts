/**
 * Peers find a miner's bucket through its hotkey's commitment. On Bittensor publishing it is a
 * signed write, so the user sees its fee and agrees first (the network screen), and the node
 * does not mine until the chain holds exactly this bucket: it never signs one by itself there.
 */
import { canonicalJson } from '../../protocol/canonical-json';
import type { Chain } from '../network/chain';
import type { BucketCommitment } from '../network/commitment';
import { NodeError } from './node-error';

export interface PublicationState {
  registered: boolean;
  /** The chain holds this very commitment (location and read keys) for the hotkey. */
  published: boolean;
}

export async function publicationState(
  chain: Chain,
  hotkey: string,
  commitment: BucketCommitment,
): Promise<PublicationState> {
  const [metagraph, commitments] = await Promise.all([chain.metagraph(), chain.commitments()]);
  const mine = commitments.find((record) => record.hotkey === hotkey);
  return {
    registered: metagraph.neurons.some((neuron) => neuron.hotkey === hotkey),
    published: mine !== undefined && canonicalJson(mine.commitment) === canonicalJson(commitment),
  };
}

/** Refuses, saying what to do, unless the hotkey is registered and its bucket published. */
export async function requireReadyToMine(
  chain: Chain,
  hotkey: string,
  commitment: BucketCommitment,
  where: string,
): Promise<void> {
  const state = await publicationState(chain, hotkey, commitment);
  if (!state.registered)
    throw new NodeError(
      'not-registered',
      `Your hotkey ${hotkey} is not registered on ${where}. Register it on the Network screen, which shows the cost first, then press Start.`,
    );
  if (!state.published)
    throw new NodeError(
      'bucket-not-published',
      `Your bucket is not published on ${where} yet, so peers cannot find your work. Publish it on the Network screen, which shows the fee first, then press Start.`,
    );
}
