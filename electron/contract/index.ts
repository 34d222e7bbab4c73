/**
 * Every method and event the UI may use, each with zod schemas for what goes in and what comes
 * out. Preload maps methods to `ipcRenderer.invoke` and events to subscriptions; main validates
 * the sender and the arguments; the bridge serves the same list over WebSocket. A domain adds its
 * entries by spreading its own table in here.
 */
import { z } from 'zod';
import { diagnosticsEvents, diagnosticsMethods } from './diagnostics';
import { earningsMethods } from './earnings';
import { networkEvents, networkMethods } from './network';
import { nodeEvents, nodeMethods } from './node';
import { settingsEvents, settingsMethods } from './settings';
import { telemetryEvents, telemetryMethods } from './telemetry';
import { walletEvents, walletMethods } from './wallet';

export interface MethodSchemas {
  args: z.ZodType;
  result: z.ZodType;
}

export const contract = {
  methods: {
    ...walletMethods,
    ...nodeMethods,
    ...settingsMethods,
    ...telemetryMethods,
    ...earningsMethods,
    ...networkMethods,
    ...diagnosticsMethods,
  },
  events: {
    ...walletEvents,
    ...nodeEvents,
    ...settingsEvents,
    ...telemetryEvents,
    ...networkEvents,
    ...diagnosticsEvents,
  },
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

/** One event as it travels: its name and its payload. */
export type ContractEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.hasOwn(contract.methods, name);

/**
 * What a host (Electron's IPC, the bridge) serves: `call` validates the method name and its
 * arguments and rejects with a `ContractCallError`; `subscribe` delivers every event in order.
 */
export interface ContractService {
  call(method: string, args: unknown): Promise<unknown>;
  subscribe(listener: (event: ContractEvent) => void): () => void;
}

/** A method's failure as it crosses a process boundary: only the contract error travels. */
export class ContractCallError extends Error {
  constructor(readonly error: ContractError) {
    super(error.message);
    this.name = 'ContractCallError';
  }
}
