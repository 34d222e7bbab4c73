/**
 * Turns a table of method handlers into the contract's `call`: the method name and arguments are
 * checked against the contract before a handler runs, every failure leaves as a contract error,
 * and results are parsed through their schema, so a field the schema does not name never leaves
 * the core (zod drops it).
 */
import type { z } from 'zod';
import {
  ContractCallError,
  type ContractError,
  contract,
  isMethodName,
  type MethodName,
  type MethodResult,
} from '../../contract';

type ParsedArgs<M extends MethodName> = z.output<(typeof contract.methods)[M]['args']>;

export type MethodHandlers = {
  [M in MethodName]: (args: ParsedArgs<M>) => Promise<MethodResult<M>>;
};

export function dispatcher(
  handlers: MethodHandlers,
): (method: string, args: unknown) => Promise<unknown> {
  return async (method, args) => {
    if (!isMethodName(method))
      throw new ContractCallError({
        kind: 'unknown-method',
        message: `There is no method '${String(method).slice(0, 100)}'.`,
      });
    const schemas = contract.methods[method];
    const parsed = schemas.args.safeParse(args ?? {});
    if (!parsed.success)
      throw new ContractCallError({
        kind: 'invalid-arguments',
        message: `${method}: ${describeIssues(parsed.error)}`,
      });
    let result: unknown;
    try {
      result = await (handlers[method] as (a: unknown) => Promise<unknown>)(parsed.data);
    } catch (error) {
      throw new ContractCallError(toContractError(error));
    }
    return schemas.result.parse(result);
  };
}

/** The first few problems, each with the path of the argument it concerns. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'arguments'}: ${issue.message}`)
    .join('; ');
}

/**
 * Typed errors of the core (WalletError, NetworkError, ...) carry a `kind` and a sentence meant
 * for the user; anything else is a bug, reported as such without internals beyond its message.
 */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ContractCallError) return error.error;
  const e = error as { kind?: unknown; message?: unknown; retryAfterMs?: unknown } | undefined;
  if (e && typeof e.kind === 'string' && typeof e.message === 'string')
    return {
      kind: e.kind,
      message: e.message,
      ...(typeof e.retryAfterMs === 'number' ? { retryAfterMs: e.retryAfterMs } : {}),
    };
  return {
    kind: 'internal',
    message: `Something went wrong inside Tessera: ${error instanceof Error ? error.message : String(error)}`,
  };
}
