/**
 * What this identity earned: per window and per day, totals, and where it stands. "Pending" is
 * what the chain has credited to the hotkey as stake or balance but the last tempo has not yet
 * settled; "received" is what has settled.
 */
import { z } from 'zod';
import { earningsUnitSchema, rao } from './node';

export const earningsWindowSchema = z.object({
  window: z.number().int(),
  block: z.number().int(),
  at: z.number(),
  amount: rao,
});

export const earningsSummarySchema = z.object({
  hotkeyAddress: z.string().nullable(),
  /** The unit of every amount below. */
  unit: earningsUnitSchema,
  /** With alpha: 1 alpha in TAO at the current price, null while it cannot be read. */
  alphaPriceTao: z.number().nullable(),
  /** With alpha and a known price: today's and the total earnings in TAO at that price. */
  inTao: z.object({ today: rao, total: rao }).nullable(),
  total: rao,
  today: rao,
  pending: rao,
  received: rao,
  incentive: z.number().nullable(),
  /** 1-based rank by incentive among miners, and how many there are. */
  rank: z.number().int().nullable(),
  miners: z.number().int(),
  perWindow: z.array(earningsWindowSchema),
  perDay: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), amount: rao })),
  /** When history is not available from the chain: an estimate from the current emission rate. */
  estimatedPerDay: rao.nullable(),
});

export const earningsMethods = {
  'earnings.summary': { args: z.object({}), result: earningsSummarySchema },
  'earnings.exportCsv': {
    args: z.object({}),
    result: z.object({ filename: z.string(), csv: z.string() }),
  },
} as const;

export type EarningsSummary = z.infer<typeof earningsSummarySchema>;
