/**
 * Every method and event the UI may use, each with zod schemas for what goes in and what comes
 * out. Preload maps methods to `ipcRenderer.invoke` and events to subscriptions; main validates
 * the sender and the arguments; the bridge serves the same list over WebSocket. A domain adds its
 * entries by spreading its own table in here.
 */
import { z } from 'zod';
import { walletEvents, walletMethods } from './wallet';

export interface MethodSchemas {
  args: z.ZodType;
  result: z.ZodType;
}

export const contract = {
  methods: { ...walletMethods },
  events: { ...walletEvents },
} satisfies { methods: Record<string, MethodSchemas>; events: Record<string, z.ZodType> };

/**
 * How a method fails: the error's `kind` for code (e.g. WalletError's 'wrong-password'), one
 * sentence the UI shows as it is, and for 'throttled' how long until the next try.
 */
export const contractErrorSchema = z.object({
  kind: z.string(),
  message: z.string(),
  retryAfterMs: z.number().optional(),
});

export type MethodName = keyof typeof contract.methods;
export type EventName = keyof typeof contract.events;
/** What a caller passes (defaults not yet applied). */
export type MethodArgs<M extends MethodName> = z.input<(typeof contract.methods)[M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof contract.methods)[M]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof contract.events)[E]>;
export type ContractError = z.infer<typeof contractErrorSchema>;
