/**
 * The UI's one door to the app: typed contract calls and events, over `window.tessera` inside
 * Electron or over the loopback bridge in a browser. Screens and stores use `api` and never know
 * which transport is underneath.
 */
import type {
  ContractError,
  EventName,
  EventPayload,
  MethodArgs,
  MethodName,
  MethodResult,
} from '../../../electron/contract';

/** A failed call as the UI handles it: `kind` for code, `message` to show as it is. */
export class ApiError extends Error {
  readonly kind: string;
  readonly retryAfterMs: number | undefined;
  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ApiError';
    this.kind = error.kind;
    this.retryAfterMs = error.retryAfterMs;
  }
}

export type CallOutcome = { result: unknown } | { error: ContractError };

/**
 * A transport moves calls and events; it knows nothing of their types. It resolves with the
 * outcome of a call, and rejects only when the app could not be reached at all.
 */
export interface Transport {
  call(method: string, args: unknown): Promise<CallOutcome>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface Api {
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApi(transport: Transport): Api {
  const listeners = new Map<string, Set<(payload: never) => void>>();
  // One subscription to the transport for the page's lifetime, made when the first listener comes.
  let subscribed = false;
  const deliver = (event: string, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };
  return {
    async call(method, args) {
      let outcome: CallOutcome;
      try {
        outcome = await transport.call(method, args);
      } catch (error) {
        throw new ApiError({
          kind: 'unavailable',
          message: `The app did not answer: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      if ('error' in outcome) throw new ApiError(outcome.error);
      return outcome.result as never;
    },
    on(event, listener) {
      if (!subscribed) {
        transport.subscribe(deliver);
        subscribed = true;
      }
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}
