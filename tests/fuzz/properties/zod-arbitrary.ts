/**
 * Values shaped by a zod schema, so that a fair share of generated method arguments is valid and
 * reaches the handler. Nothing relies on the values being valid: the test asks the schema itself
 * which ones are. Covers the constructs the contract uses; anything else gets arbitrary JSON.
 */
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  format?: string;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

function checksOf(def: Def): Record<string, unknown>[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function stringLike(def: Def): fc.Arbitrary<string> {
  if (def.format === 'url') return fc.webUrl();
  const checks = checksOf(def);
  const regex = checks.find((c) => c.format === 'regex')?.pattern as RegExp | undefined;
  if (regex) return fc.stringMatching(regex);
  const min = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0;
  const max =
    (checks.find((c) => c.check === 'max_length')?.maximum as number | undefined) ?? min + 40;
  return fc.string({ minLength: min, maxLength: Math.min(max, min + 60) });
}

function numberLike(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const low = checks.find((c) => c.check === 'greater_than')?.value as number | undefined;
  const high = checks.find((c) => c.check === 'less_than')?.value as number | undefined;
  const integer = checks.some((c) => c.format === 'safeint' || c.format === 'int32');
  const min = low ?? (integer ? -1e6 : -1e9);
  const max = high ?? (integer ? 1e6 : 1e9);
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true });
}

export function arbitraryFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (depth > 8) return fc.jsonValue();
  const inner = (s: z.ZodType) => arbitraryFor(s, depth + 1);
  switch (def.type) {
    case 'string':
      return stringLike(def);
    case 'number':
      return numberLike(def);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries!));
    case 'literal':
      return fc.constantFrom(...def.values!);
    case 'optional':
    case 'default':
      return fc.option(inner(def.innerType!), { nil: undefined });
    case 'nullable':
      return fc.option(inner(def.innerType!), { nil: null });
    case 'array':
      return fc.array(inner(def.element!), { maxLength: 4 });
    case 'union':
      return fc.oneof(...def.options!.map(inner));
    case 'pipe':
      return inner(def.in!);
    case 'object': {
      const fields = Object.entries(def.shape!);
      return fc
        .tuple(...fields.map(([, s]) => inner(s)))
        .map((values) =>
          Object.fromEntries(
            fields.map(([k], i) => [k, values[i]]).filter(([, v]) => v !== undefined),
          ),
        );
    }
    default:
      return fc.jsonValue();
  }
}
