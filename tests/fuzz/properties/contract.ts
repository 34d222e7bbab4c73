/**
 * The contract's argument schemas, through the real dispatcher (`electron/core/app/dispatch.ts`)
 * with handlers that only record that they ran. Promise, for every method and any JSON value: the
 * arguments the schema refuses end as a ContractCallError of kind 'invalid-arguments' and never
 * reach the handler; the ones it accepts reach the handler once, already parsed.
 */
import fc from 'fast-check';
import { ContractCallError, contract, type MethodName } from '../../../electron/contract';
import { dispatcher, type MethodHandlers } from '../../../electron/core/app/dispatch';
import { type FuzzTarget, tally } from './target';
import { arbitraryFor } from './zod-arbitrary';

const METHODS = Object.keys(contract.methods) as MethodName[];

/** What a recording handler throws, so that reaching it is visible in the error's kind. */
const REACHED = { kind: 'reached-handler', message: 'the handler ran' };

type ContractInput = { method: MethodName; args: unknown };

/** A value of the right shape with one field replaced by arbitrary JSON: near misses. */
const nearMiss = (method: MethodName) =>
  fc
    .tuple(
      arbitraryFor(contract.methods[method].args),
      fc.string({ maxLength: 12 }),
      fc.jsonValue(),
    )
    .map(([valid, key, value]) =>
      valid !== null && typeof valid === 'object' && !Array.isArray(valid)
        ? { ...valid, [Object.keys(valid)[0] ?? key]: value }
        : value,
    );

const contractInput: fc.Arbitrary<ContractInput> = fc.constantFrom(...METHODS).chain((method) =>
  fc.record({
    method: fc.constant(method),
    args: fc.oneof(
      { weight: 3, arbitrary: arbitraryFor(contract.methods[method].args) },
      { weight: 2, arbitrary: fc.jsonValue() },
      { weight: 2, arbitrary: nearMiss(method) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(undefined, null, [], '', 0, { __proto__: { x: 1 } }),
      },
    ),
  }),
);

export const contractTarget: FuzzTarget<ContractInput> = {
  name: 'contract argument schemas',
  fullCases: 100_000,
  testCases: 1_500,
  async prepare() {
    const calls: unknown[] = [];
    const handlers = Object.fromEntries(
      METHODS.map((m) => [
        m,
        async (args: unknown) => {
          calls.push(args);
          throw REACHED;
        },
      ]),
    ) as unknown as MethodHandlers;
    const call = dispatcher(handlers);
    const outcomes = new Map<string, number>();
    return {
      arbitrary: contractInput,
      outcomes,
      async check({ method, args }) {
        calls.length = 0;
        const schema = contract.methods[method].args;
        const valid = schema.safeParse(args ?? {}).success;
        let error: unknown;
        try {
          await call(method, args);
          return 'the call resolved although its handler always throws';
        } catch (e) {
          error = e;
        }
        if (!(error instanceof ContractCallError))
          return 'the dispatcher threw something other than a ContractCallError';
        const { kind } = error.error;
        tally(outcomes, `${valid ? 'valid' : 'invalid'} -> ${kind}`);
        if (valid) {
          if (kind !== REACHED.kind || calls.length !== 1)
            return `valid arguments ended as ${kind}`;
          if (!schema.safeParse(calls[0]).success)
            return 'the handler was given arguments its schema refuses';
          return undefined;
        }
        if (calls.length > 0) return 'invalid arguments reached the handler';
        if (kind !== 'invalid-arguments') return `invalid arguments ended as ${kind}`;
        return undefined;
      },
    };
  },
};
