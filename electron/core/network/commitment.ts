import { z } from 'zod';
import { canonicalJson } from '../../protocol/canonical-json';

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * What a hotkey publishes on the chain: to the chain an opaque JSON object, checked only for
 * shape and size; to the protocol a `BucketCommitment` (where the bucket is and how to read it).
 */
export type Commitment = { [key: string]: JsonValue };

/** Bittensor's commitments hold a few hundred bytes; the devnet allows a little more. */
export const MAX_COMMITMENT_BYTES = 2048;

export const commitmentSchema = z
  .record(z.string(), z.json())
  .refine(
    (value) => new TextEncoder().encode(canonicalJson(value)).byteLength <= MAX_COMMITMENT_BYTES,
    {
      message: `a commitment is at most ${MAX_COMMITMENT_BYTES} bytes of JSON`,
    },
  ) as z.ZodType<Commitment>;

/**
 * The protocol's reading of a commitment: a bucket and its read-only credentials. They are public
 * by design, as in Templar (§4.2 of the reference): anyone may read any miner's updates, and
 * copy detection plus upload deadlines are the defence.
 */
export const bucketCommitmentSchema = z.discriminatedUnion('kind', [
  /** A folder on this machine: the embedded devnet's miners share one filesystem. */
  z.strictObject({ kind: z.literal('fs'), path: z.string().min(1).max(1024) }),
  z.strictObject({
    kind: z.literal('s3'),
    /** Omitted for AWS; `https://<account>.r2.cloudflarestorage.com` for R2. */
    endpoint: z
      .url({ protocol: /^https?$/ })
      .max(512)
      .optional(),
    region: z.string().min(1).max(64),
    bucket: z.string().min(1).max(255),
    forcePathStyle: z.boolean().optional(),
    readAccessKeyId: z.string().min(1).max(256),
    readSecretAccessKey: z.string().min(1).max(256),
  }),
]);

export type BucketCommitment = z.infer<typeof bucketCommitmentSchema>;
