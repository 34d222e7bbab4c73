import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, contractErrorSchema } from '../../electron/contract';

/** Field names that would carry key material or a password (or something derived from one). */
const SECRET = /private|secret|seed|password|passphrase|mnemonic|derived|key$/i;
/** The single exception: the recovery phrase of a wallet just created, shown once for backup. */
const ALLOWED = new Set(['wallet.create result.mnemonic']);

/** Types with no fields inside; anything else must be walked or the check fails loudly. */
const LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'literal',
  'enum',
  'null',
  'undefined',
  'void',
  'date',
  'nan',
  'never',
  'template_literal',
]);

interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  getter?: () => z.ZodType;
  valueType?: z.ZodType;
}

/** Every field path in `schema` whose name looks secret, plus any part it cannot see into. */
function secretFields(schema: z.ZodType, path: string): string[] {
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  const walk = (child: z.ZodType | null | undefined, at = path) =>
    child ? secretFields(child, at) : [];
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape!).flatMap(([name, field]) => [
        ...(SECRET.test(name) && !ALLOWED.has(`${path}.${name}`) ? [`${path}.${name}`] : []),
        ...walk(field, `${path}.${name}`),
      ]);
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'union':
      return def.options!.flatMap((option) => walk(option));
    case 'intersection':
      return [...walk(def.left), ...walk(def.right)];
    case 'tuple':
      return [...def.items!.flatMap((item) => walk(item)), ...walk(def.rest)];
    case 'pipe':
      return [...walk(def.in), ...walk(def.out)];
    case 'lazy':
      return walk(def.getter!());
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
    case 'promise':
      return walk(def.innerType);
    case 'record':
    case 'map':
      // Keys chosen at run time cannot be checked by name: results may not have them.
      return [`${path} (a ${def.type}: field names unknown)`];
    default:
      return LEAVES.has(def.type) ? [] : [`${path} (unchecked zod type '${def.type}')`];
  }
}

function allSecretFields(): string[] {
  return [
    ...Object.entries(contract.methods).flatMap(([name, method]) =>
      secretFields(method.result, `${name} result`),
    ),
    ...secretFields(contractErrorSchema, 'error'),
    ...Object.entries(contract.events).flatMap(([name, event]) =>
      secretFields(event, `${name} event`),
    ),
  ];
}

describe('the contract', () => {
  it('returns, emits and fails with no private key, seed, password or derived key', () => {
    expect(allSecretFields()).toEqual([]);
  });

  it('returns the recovery phrase only from wallet.create', () => {
    const create = contract.methods['wallet.create'].result;
    expect(Object.keys(create.shape)).toContain('mnemonic');
  });

  it('has schemas for every method and event of each domain', () => {
    const domains = (names: string[]) => [...new Set(names.map((n) => n.split('.')[0]))].sort();
    expect(domains(Object.keys(contract.methods))).toEqual([
      'app',
      'diagnostics',
      'doctor',
      'earnings',
      'logs',
      'network',
      'node',
      'settings',
      'storage',
      'telemetry',
      'wallet',
    ]);
    expect(Object.keys(contract.events).sort()).toEqual([
      'log.line',
      'network.health',
      'node.loss',
      'node.problem',
      'node.reward',
      'node.status',
      'settings.changed',
      'telemetry.sample',
      'wallet.status',
    ]);
  });
});

describe('the secret-field check', () => {
  it('finds secret names at any depth, through arrays, unions, optionals and pipes', () => {
    const leaky = z.object({
      wallets: z.array(
        z.object({
          name: z.string(),
          backup: z
            .discriminatedUnion('kind', [
              z.object({ kind: z.literal('a'), seedHex: z.string() }),
              z.object({ kind: z.literal('b'), nested: z.object({ derivedKey: z.string() }) }),
            ])
            .optional(),
        }),
      ),
      hotkey: z.string().nullable(),
      again: z.lazy(() => z.object({ coldPassword: z.string().pipe(z.string().min(1)) })),
      mnemonic: z.string(),
    });
    expect(secretFields(leaky, 'test result')).toEqual([
      'test result.wallets[].backup.seedHex',
      'test result.wallets[].backup.nested.derivedKey',
      'test result.hotkey',
      'test result.again.coldPassword',
      'test result.mnemonic',
    ]);
  });

  it('refuses to pass what it cannot look into', () => {
    expect(secretFields(z.record(z.string(), z.string()), 'r')).toEqual([
      'r (a record: field names unknown)',
    ]);
    expect(secretFields(z.object({ x: z.custom<string>() }), 'c')).toEqual([
      "c.x (unchecked zod type 'custom')",
    ]);
    // A transform's output is whatever its function returns.
    expect(
      secretFields(
        z.string().transform((s) => ({ s })),
        't',
      ),
    ).toEqual(["t (unchecked zod type 'transform')"]);
  });
});
