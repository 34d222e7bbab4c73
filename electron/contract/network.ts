/**
 * The network's health as a contributor reads it, the metagraph, and registration on networks
 * that charge for it. Writes that cost money are two calls: the UI first shows the cost from
 * `network.registrationCost`, then `network.register` passes the amount the user agreed to; the
 * core refuses if the cost has risen since. Publishing the bucket follows the same two steps.
 */
import { z } from 'zod';
import { rao } from './node';

export const networkHealthSchema = z.object({
  kind: z.enum(['devnet', 'remote-devnet', 'bittensor']),
  name: z.string(),
  connected: z.boolean(),
  /** Why not connected, in words. */
  problem: z.string().nullable(),
  block: z.number().int().nullable(),
  blockAt: z.number().nullable(),
  blockMs: z.number().nullable(),
  window: z.number().int().nullable(),
  blocksPerWindow: z.number().int().nullable(),
  miners: z.number().int(),
  validators: z.number().int(),
  /** Block at which a validator last set weights. */
  lastWeightsBlock: z.number().int().nullable(),
  /** Median time of this miner's last object-store requests. */
  storageLatencyMs: z.number().nullable(),
  /** Share of peers' updates this miner gathered in the last windows, 0..1. */
  gatherSuccessRate: z.number().nullable(),
  latestCheckpoint: z.object({ window: z.number().int() }).nullable(),
  /** Held-out loss per window: the run's progress. */
  lossTrend: z.array(z.object({ window: z.number().int(), loss: z.number() })),
});

export const neuronSchema = z.object({
  uid: z.number().int(),
  hotkeyAddress: z.string(),
  stake: rao,
  validatorPermit: z.boolean(),
  incentive: z.number(),
  dividends: z.number(),
  emission: rao,
  lastUpdate: z.number().int(),
});

export const bucketPublicationSchema = z.object({
  network: z.string(),
  netuid: z.number().int(),
  /** The bucket as peers will see it: its name and endpoint (never a key). */
  bucket: z.string(),
  endpoint: z.string().nullable(),
  registered: z.boolean(),
  /** The chain holds exactly this bucket and these read keys for the hotkey. */
  published: z.boolean(),
  /** The network fee of publishing now; subtensor charges none for commitments today. */
  fee: rao,
});

export const networkMethods = {
  'network.health': { args: z.object({}), result: networkHealthSchema },
  'network.metagraph': {
    args: z.object({}),
    result: z.object({
      netuid: z.number().int(),
      block: z.number().int(),
      neurons: z.array(neuronSchema),
    }),
  },
  'network.registrationCost': {
    args: z.object({}),
    result: z.object({
      network: z.string(),
      netuid: z.number().int(),
      /** Everything the coldkey pays: the subnet's burn and the network fee. */
      cost: rao,
      burn: rao,
      fee: rao,
      free: z.boolean(),
    }),
  },
  /** Registers the configured identity's hotkey, paid by its coldkey (which must be unlocked). */
  'network.register': {
    args: z.object({ maxCost: rao }),
    result: z.object({
      uid: z.number().int(),
      hotkeyAddress: z.string(),
      block: z.number().int(),
      cost: rao,
    }),
  },
  /**
   * Whether this miner's bucket is published in its hotkey's commitment on Bittensor, and what
   * publishing it costs. Peers find the bucket there; the devnet publishes it as the node starts.
   */
  'network.bucketPublication': { args: z.object({}), result: bucketPublicationSchema },
  /** Publishes the bucket (location and read keys) signed by the hotkey, for at most `maxCost`. */
  'network.publishBucket': {
    args: z.object({ maxCost: rao }),
    result: z.object({ fee: rao }),
  },
} as const;

export const networkEvents = {
  'network.health': networkHealthSchema,
} as const;

export type NetworkHealth = z.infer<typeof networkHealthSchema>;
export type NeuronView = z.infer<typeof neuronSchema>;
export type BucketPublication = z.infer<typeof bucketPublicationSchema>;
