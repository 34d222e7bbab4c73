/**
 * A test double of the app behind the contract: each method answers with a canned result (checked
 * against the contract's result schema, so fixtures cannot drift from it), a contract error, or a
 * function of the arguments. Arguments are checked as the core checks them, so a component that
 * sends what the contract refuses fails its test the way it would fail in the app.
 */
import {
  type ContractError,
  contract,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodResult,
} from '../../../electron/contract';
import { type Api, type CallOutcome, createApi } from '../api/client';

/** A canned failure: the contract error the method answers with. */
export class CannedError {
  constructor(readonly error: ContractError) {}
}

export const failWith = (kind: string, message: string, retryAfterMs?: number): CannedError =>
  new CannedError(retryAfterMs === undefined ? { kind, message } : { kind, message, retryAfterMs });

type Answer<M extends MethodName> = MethodResult<M> | CannedError;

/** What one method answers: a value, or a function of the (parsed) arguments, maybe async. */
export type CannedAnswer<M extends MethodName> =
  | Answer<M>
  | ((args: unknown) => Answer<M> | Promise<Answer<M>>);

export type CannedResponses = { [M in MethodName]?: CannedAnswer<M> };

export interface CannedApi {
  api: Api;
  /** Every call in order, with the arguments as the component sent them. */
  calls: { method: string; args: unknown }[];
  callsTo(method: MethodName): unknown[];
  /** Replaces or adds answers mid-test (e.g. a retry that now succeeds). */
  answer(responses: CannedResponses): void;
  /** Delivers a contract event, checked against its schema. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** A call that stays pending until the test ends: the loading state. */
export const pending = (): Promise<never> => new Promise<never>(() => {});

export function cannedApi(initial: CannedResponses = {}): CannedApi {
  const responses: CannedResponses = {};
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const calls: { method: string; args: unknown }[] = [];

  const answer = (more: CannedResponses) => {
    for (const [method, value] of Object.entries(more) as [MethodName, unknown][]) {
      // Values are checked when given, so a bad fixture fails at its line rather than mid-render.
      if (typeof value !== 'function') check(method, value);
      (responses as Record<string, unknown>)[method] = value;
    }
  };
  answer(initial);

  const transport = {
    async call(method: string, args: unknown): Promise<CallOutcome> {
      calls.push({ method, args });
      if (!(method in contract.methods))
        return { error: { kind: 'unknown-method', message: `There is no method '${method}'.` } };
      const name = method as MethodName;
      const parsedArgs = contract.methods[name].args.safeParse(args ?? {});
      if (!parsedArgs.success)
        return {
          error: {
            kind: 'invalid-arguments',
            message: `${method}: ${parsedArgs.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          },
        };
      const canned = responses[name];
      if (canned === undefined)
        return { error: { kind: 'unavailable', message: `No canned answer for ${method}.` } };
      const value =
        typeof canned === 'function'
          ? await (canned as (a: unknown) => unknown)(parsedArgs.data)
          : canned;
      if (value instanceof CannedError) return { error: value.error };
      return { result: check(name, value) };
    },
    subscribe(listener: (event: string, payload: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    api: createApi(transport),
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    answer,
    emit(event, payload) {
      const parsed = contract.events[event].parse(payload);
      for (const listener of listeners) listener(event, parsed);
    },
  };
}

function check(method: MethodName, value: unknown): unknown {
  if (value instanceof CannedError) return value;
  return contract.methods[method].result.parse(value);
}
