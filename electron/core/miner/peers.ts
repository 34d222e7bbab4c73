/**
 * Who is in the run and where their buckets are, from the chain's metagraph and commitments.
 * Miners are uids without a validator permit; the validator whose bucket everyone reads (run
 * parameters, peer lists, checkpoints) is the one with the most stake, as in Templar (§2.3).
 */
import type { Chain } from '../network/chain';
import { type BucketCommitment, bucketCommitmentSchema } from '../network/commitment';
import type { ObjectStore } from '../network/object-store';
import { openBucket } from '../network/open-bucket';
import type { PeerBucket } from './gather';

export interface Participants {
  miners: PeerBucket[];
  /** The highest-staked validator with a readable commitment, if any. */
  validator: PeerBucket | undefined;
}

export interface ParticipantOptions {
  /** Folder buckets are only readable on the embedded devnet's own machine. */
  allowFolders: boolean;
}

export async function participants(
  chain: Chain,
  options: ParticipantOptions,
): Promise<Participants> {
  const [metagraph, commitments] = await Promise.all([chain.metagraph(), chain.commitments()]);
  const buckets = new Map<string, BucketCommitment>();
  for (const record of commitments) {
    const parsed = bucketCommitmentSchema.safeParse(record.commitment);
    if (parsed.success) buckets.set(record.hotkey, parsed.data);
  }
  const open = (hotkey: string): ObjectStore | undefined => {
    const location = buckets.get(hotkey);
    if (!location) return undefined;
    try {
      return openBucket(location, {
        allowFolders: options.allowFolders,
        retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 500 },
      });
    } catch {
      // A commitment we may not read (a folder from afar) is the same as none.
      return undefined;
    }
  };
  const miners: PeerBucket[] = [];
  let validator: PeerBucket | undefined;
  let validatorStake = -1n;
  for (const neuron of [...metagraph.neurons].sort((a, b) => a.uid - b.uid)) {
    const store = open(neuron.hotkey);
    if (!store) continue;
    const peer = { hotkey: neuron.hotkey, uid: neuron.uid, store };
    if (neuron.validatorPermit) {
      if (neuron.stake > validatorStake) {
        validator = peer;
        validatorStake = neuron.stake;
      }
    } else miners.push(peer);
  }
  return { miners, validator };
}
