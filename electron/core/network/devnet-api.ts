import { z } from 'zod';
import { canonicalJson } from '../../protocol/canonical-json';
import { isCanonicalAddress } from '../../protocol/signature';
import { commitmentSchema } from './commitment';

/**
 * The devnet coordinator's wire format, shared by the coordinator (`electron/devnet`) and its
 * client (`DevnetChain`), so the two cannot disagree. Described for people in
 * `electron/devnet/README.md`.
 */

export const DEVNET_API_VERSION = 1;
export const API_PREFIX = '/v1';
export const WEBSOCKET_PATH = `${API_PREFIX}/ws`;

/** Domain separation: a devnet signature can never be mistaken for a payload or an extrinsic. */
export const SIGNING_CONTEXT = 'tessera-devnet/v1';

/** The largest request body the coordinator reads; a full subnet's weights fit in it. */
export const MAX_REQUEST_BYTES = 256 * 1024;

/** The largest subnet the coordinator can be configured for (and so the longest weights list). */
export const MAX_SUBNET_SIZE = 4096;

/**
 * A write's nonce is its signer's clock in milliseconds; the coordinator accepts it within this
 * distance of its own clock, and only above the last nonce it accepted from that hotkey.
 */
export const NONCE_TOLERANCE_MS = 10 * 60 * 1000;

export type WriteMethod = 'register' | 'commit' | 'set-weights';

/** A hotkey as the protocol writes it: SS58 with prefix 42, so each key has exactly one spelling. */
export const ss58Schema = z
  .string()
  .min(40)
  .max(60)
  .refine((value) => isCanonicalAddress(value), { message: 'not an SS58 address with prefix 42' });

const raoSchema = z
  .string()
  .regex(/^\d{1,30}$/, 'an amount in rao as a decimal string')
  .transform((value) => BigInt(value));
const blockSchema = z.number().int().nonnegative();
const uidSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_SUBNET_SIZE - 1);
const shareSchema = z.number().min(0).max(1);

// --- writes -----------------------------------------------------------------------------------

export const registerParamsSchema = z.strictObject({ asValidator: z.boolean() });

export const commitParamsSchema = z.strictObject({ commitment: commitmentSchema });

export const setWeightsParamsSchema = z
  .strictObject({
    uids: z.array(uidSchema).min(1).max(MAX_SUBNET_SIZE),
    weights: z.array(z.number().min(0).max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_SUBNET_SIZE),
    versionKey: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  })
  .refine((p) => p.uids.length === p.weights.length, {
    message: 'uids and weights have the same length',
  })
  .refine((p) => new Set(p.uids).size === p.uids.length, { message: 'uids are distinct' })
  .refine((p) => p.weights.some((w) => w > 0), { message: 'at least one weight is positive' });

export const WRITE_PARAMS = {
  register: registerParamsSchema,
  commit: commitParamsSchema,
  'set-weights': setWeightsParamsSchema,
} as const;

export type WriteParams<M extends WriteMethod> = z.infer<(typeof WRITE_PARAMS)[M]>;

/** The body of every write: who acts, a fresh nonce, what to do, and the signature over it. */
export const signedRequestSchema = z.strictObject({
  hotkey: ss58Schema,
  nonce: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  params: z.unknown(),
  signature: z.string().regex(/^0x[0-9a-fA-F]{128}$/, '0x and 64 bytes of hex'),
});

export type SignedRequest = z.infer<typeof signedRequestSchema>;

/**
 * The bytes a hotkey signs for a write: the canonical JSON of
 * `[context, chainId, method, hotkey, nonce, params]`. The chain id binds the signature to one
 * devnet, the method and params to one action, the nonce to one moment.
 */
export function signedMessage(
  chainId: string,
  method: WriteMethod,
  hotkey: string,
  nonce: number,
  params: unknown,
): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson([SIGNING_CONTEXT, chainId, method, hotkey, nonce, params]),
  );
}

export const WRITE_PATHS: Readonly<Record<WriteMethod, string>> = {
  register: `${API_PREFIX}/register`,
  commit: `${API_PREFIX}/commit`,
  'set-weights': `${API_PREFIX}/weights`,
};

// --- answers ----------------------------------------------------------------------------------

export const infoSchema = z.object({
  name: z.literal('tessera-devnet'),
  apiVersion: z.number().int(),
  chainId: z.string().regex(/^[0-9a-f]{32}$/),
  netuid: z.number().int().nonnegative(),
  blockMs: z.number().int().positive(),
  blocksPerWindow: z.number().int().positive(),
  tempo: z.number().int().positive(),
  maxUids: z.number().int().positive(),
  immunityBlocks: z.number().int().nonnegative(),
  validatorStake: raoSchema,
  emissionPerBlock: raoSchema,
  block: blockSchema,
  window: blockSchema,
  timestamp: z.number().int(),
});

export const blockInfoSchema = z.object({
  block: blockSchema,
  window: blockSchema,
  timestamp: z.number().int(),
});

export const neuronSchema = z.object({
  uid: uidSchema,
  hotkey: z.string(),
  stake: raoSchema,
  validatorPermit: z.boolean(),
  incentive: shareSchema,
  consensus: shareSchema,
  dividends: shareSchema,
  emission: raoSchema,
  lastUpdate: blockSchema,
  registeredAt: blockSchema,
});

export const metagraphSchema = z.object({
  netuid: z.number().int().nonnegative(),
  block: blockSchema,
  neurons: z.array(neuronSchema),
});

export const commitmentRecordSchema = z.object({
  hotkey: z.string(),
  uid: uidSchema,
  block: blockSchema,
  commitment: commitmentSchema,
});

export const commitmentsSchema = z.object({
  block: blockSchema,
  commitments: z.array(commitmentRecordSchema),
});

export const weightsSchema = z.object({
  block: blockSchema,
  validators: z.array(
    z.object({
      uid: uidSchema,
      hotkey: z.string(),
      versionKey: z.number().int().nonnegative(),
      block: blockSchema,
      weights: z.array(z.object({ uid: uidSchema, weight: shareSchema })),
    }),
  ),
});

export const balanceSchema = z.object({ hotkey: z.string(), balance: raoSchema, stake: raoSchema });

export const emissionsSchema = z.object({
  hotkey: z.string(),
  emissions: z.array(z.object({ block: blockSchema, incentive: raoSchema, dividends: raoSchema })),
});

export const registrationSchema = z.object({
  uid: uidSchema,
  hotkey: z.string(),
  block: blockSchema,
  pruned: z.string().optional(),
});

export const writeReceiptSchema = z.object({ block: blockSchema });

/** Every refusal: a machine-readable reason and one sentence for people. */
export const errorBodySchema = z.object({
  error: z.object({ kind: z.string(), message: z.string() }),
});

/** What the coordinator pushes over the WebSocket. */
export const pushMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('block'),
    block: blockSchema,
    window: blockSchema,
    timestamp: z.number(),
  }),
  z.object({
    type: z.literal('window'),
    block: blockSchema,
    window: blockSchema,
    timestamp: z.number(),
  }),
  z.object({ type: z.literal('epoch'), block: blockSchema, epoch: z.number().int().nonnegative() }),
]);

export type PushMessage = z.infer<typeof pushMessageSchema>;
