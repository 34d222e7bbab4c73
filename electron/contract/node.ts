/**
 * The miner as the UI sees it: one status snapshot (pushed on change, a few times a second at
 * most), the loss points the chart draws, and the controls. Amounts are decimal strings of rao
 * (1 TAO = 10^9 rao) because bigint survives neither JSON nor IPC.
 */
import { z } from 'zod';

export const rao = z.string().regex(/^\d+$/, 'an amount in rao as a decimal string');

/** What amounts are counted in: TAO (the devnet) or a Bittensor subnet's alpha token, both in rao. */
export const earningsUnitSchema = z.enum(['tao', 'alpha']);
export type EarningsUnit = z.infer<typeof earningsUnitSchema>;

/** Why the miner is not training right now; the UI shows `message` as it is. */
export const pauseReasonSchema = z.object({
  kind: z.enum([
    'user',
    'battery',
    'idle-wait',
    'schedule',
    'program',
    'temperature',
    'power',
    'no-wallet',
    'locked',
    'not-registered',
    'starting',
  ]),
  message: z.string(),
  /** When the pause ends by itself (a timed pause), in ms since the epoch. */
  until: z.number().optional(),
});

export const windowPhaseSchema = z.enum(['sync', 'train', 'upload', 'gather', 'apply', 'idle']);

export const nodeStatusSchema = z.object({
  /**
   * stopped: not started; starting: connecting, registering, loading the model; training: inside
   * the window loop; paused: held by a pause reason; error: stopped by a problem that needs the user.
   */
  state: z.enum(['stopped', 'starting', 'training', 'paused', 'error']),
  pauseReasons: z.array(pauseReasonSchema),
  /** Set when `state` is error: what happened and what to do. */
  error: z.object({ kind: z.string(), message: z.string() }).nullable(),
  /** The trainer crashed and is being restarted: why, and the attempt number. */
  restart: z.object({ reason: z.string(), attempt: z.number().int(), at: z.number() }).nullable(),
  network: z.object({ kind: z.string(), name: z.string() }),
  hotkeyAddress: z.string().nullable(),
  uid: z.number().int().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  runId: z.string().nullable(),
  window: z.number().int().nullable(),
  phase: windowPhaseSchema,
  /** The current window's clock: block numbers and their expected wall-clock times (ms). */
  windowClock: z
    .object({
      window: z.number().int(),
      block: z.number().int(),
      startBlock: z.number().int(),
      uploadDeadlineBlock: z.number().int(),
      endBlock: z.number().int(),
      blockMs: z.number(),
      /** Wall-clock time of `block`, so ETAs are `(target - block) * blockMs` from it. */
      blockAt: z.number(),
    })
    .nullable(),
  step: z.number().int(),
  innerSteps: z.number().int(),
  loss: z.number().nullable(),
  heldOutLoss: z.number().nullable(),
  tokensPerSec: z.number().nullable(),
  windowsTrained: z.number().int(),
  bytesUp: z.number(),
  bytesDown: z.number(),
  /** Earned since midnight local time and since this identity started, in `earningsUnit`. */
  earnedToday: rao,
  earnedTotal: rao,
  earningsUnit: earningsUnitSchema,
  /** Share of the last tempo's miner emission, 0..1. */
  incentive: z.number().nullable(),
  /** Whether the current run was started by the idle rule rather than by the user. */
  startedAutomatically: z.boolean(),
  /** A notice before an automatic start, so the user can object: when it will start (ms). */
  startingAt: z.number().nullable(),
});

export const lossPointSchema = z.object({
  window: z.number().int(),
  step: z.number().int(),
  loss: z.number(),
  tokensPerSec: z.number(),
  at: z.number(),
});

export const nodeMethods = {
  'node.status': { args: z.object({}), result: nodeStatusSchema },
  /** Training loss points since `sinceMs` (default: all kept, the last few thousand). */
  'node.lossHistory': {
    args: z.object({ sinceMs: z.number().optional() }),
    result: z.object({ points: z.array(lossPointSchema) }),
  },
  'node.start': { args: z.object({}), result: nodeStatusSchema },
  /** Pause until resumed, or for `minutes`. */
  'node.pause': {
    args: z.object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60)
        .optional(),
    }),
    result: nodeStatusSchema,
  },
  'node.resume': { args: z.object({}), result: nodeStatusSchema },
  'node.stop': { args: z.object({}), result: nodeStatusSchema },
} as const;

export const nodeEvents = {
  'node.status': nodeStatusSchema,
  'node.loss': lossPointSchema,
  /** Rewards arrived at a tempo; the shell turns this into a notification. */
  'node.reward': z.object({
    window: z.number().int(),
    amount: rao,
    unit: earningsUnitSchema,
    at: z.number(),
  }),
  /** Something the user should know about (shown as a notification when the window is hidden). */
  'node.problem': z.object({ kind: z.string(), message: z.string(), needsUser: z.boolean() }),
} as const;

export type NodeStatus = z.infer<typeof nodeStatusSchema>;
export type PauseReason = z.infer<typeof pauseReasonSchema>;
export type LossPoint = z.infer<typeof lossPointSchema>;
