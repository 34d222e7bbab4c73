/**
 * Command-line parsing: the flag helpers (`parseFlags`, `integerFlag`, `positiveFlag`,
 * `choiceFlag`) on arbitrary text, and the top-level dispatcher `runCli` in this process on
 * arbitrary argv for every command. Promise: a parse (within the flag's bounds) or a
 * CliUsageError, which `runCli` turns into exit code 2; never any other exception (exit code 1).
 *
 * `runCli` would run a command whose flags all parse, so each argv ends in a token no command
 * accepts: parsing always fails before a command does anything, wherever the fuzzed tokens put
 * the parser (after `--`, after a flag that takes a value, in a wallet subcommand).
 */
import fc from 'fast-check';
import { COMMANDS } from '../../../electron/cli/commands';
import { choiceFlag, integerFlag, positiveFlag } from '../../../electron/cli/flags';
import { runCli } from '../../../electron/cli/run-cli';
import { CliUsageError, parseFlags } from '../../../electron/cli/usage-error';
import { type FuzzTarget, tally } from './target';

/** Tokens that mean something to a parser or to JavaScript, mixed into random ones. */
const TOKENS = [
  '--',
  '-',
  '-h',
  '--help',
  'help',
  '--version',
  '-v',
  '--json',
  '--no-json',
  '--json=true',
  '--port',
  '--port=',
  '--port=80',
  '-p',
  '-abc',
  '=',
  '--=',
  '---x',
  '--data-dir',
  '--provider',
  'cpu',
  'cuda',
  '--threads',
  '0',
  '-1',
  '1e3',
  'NaN',
  'Infinity',
  '0x10',
  ' 7 ',
  '',
  '__proto__',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'create',
  'list',
  'inspect',
  'sign',
  'verify',
  'import',
  'change-password',
  '--mnemonic',
  '--message',
  '--wallet-path',
];
const token = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const argv = fc.array(token, { maxLength: 8 });

/** The one token every command refuses, so nothing runs. */
const POISON = ['fuzz-positional', '--fuzz-no-such-flag'];

/** A flag table like the commands' own: strings, booleans with defaults, a short alias, a multiple. */
const SPEC = {
  port: { type: 'string' },
  json: { type: 'boolean', default: false },
  verbose: { type: 'boolean', short: 'v' },
  tag: { type: 'string', multiple: true },
  config: { type: 'string', default: 'nano' },
} as const;

type CliInput =
  | { via: 'runCli'; command: string | undefined; args: string[] }
  | { via: 'parseFlags'; args: string[] }
  | { via: 'integerFlag'; text: string | undefined; min: number; max: number }
  | { via: 'positiveFlag'; text: string | undefined }
  | { via: 'choiceFlag'; text: string | undefined };

const numberText = fc.option(
  fc.oneof(
    fc.constantFrom(...TOKENS),
    fc.string({ maxLength: 10 }),
    fc.double().map(String),
    fc.integer().map(String),
  ),
  { nil: undefined, freq: 10 },
);

const cliInput: fc.Arbitrary<CliInput> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      via: fc.constant('runCli' as const),
      command: fc.option(fc.oneof(fc.constantFrom(...COMMANDS.map((c) => c.name)), token), {
        nil: undefined,
        freq: 20,
      }),
      args: argv,
    }),
  },
  { weight: 2, arbitrary: fc.record({ via: fc.constant('parseFlags' as const), args: argv }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        numberText,
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
      )
      .map(([text, min, span]) => ({ via: 'integerFlag' as const, text, min, max: min + span })),
  },
  {
    weight: 1,
    arbitrary: fc.record({ via: fc.constant('positiveFlag' as const), text: numberText }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ via: fc.constant('choiceFlag' as const), text: numberText }),
  },
);

/** Runs `runCli` with the process's output captured, so the fuzzer does not print a million usages. */
async function quietly(run: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  const out = process.stdout.write;
  const err = process.stderr.write;
  let stderr = '';
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await run(), stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function usageOnly(call: () => unknown): string | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    if (error instanceof CliUsageError) return undefined;
    throw error;
  }
}

export const cliTarget: FuzzTarget<CliInput> = {
  name: 'command-line parsing',
  fullCases: 100_000,
  testCases: 2_000,
  async prepare() {
    const outcomes = new Map<string, number>();
    return {
      arbitrary: cliInput,
      outcomes,
      async check(input) {
        switch (input.via) {
          case 'runCli': {
            const argvOf =
              input.command === undefined ? [] : [input.command, ...input.args, ...POISON];
            const { code, stderr } = await quietly(() => runCli(argvOf));
            tally(outcomes, `runCli exit ${String(code)}`);
            if (code === 0 || code === 2) return undefined;
            return `exit code ${String(code)}: ${stderr.trim().slice(0, 300)}`;
          }
          case 'parseFlags':
            tally(outcomes, 'parseFlags');
            return usageOnly(() => parseFlags(input.args, SPEC));
          case 'integerFlag':
            tally(outcomes, 'integerFlag');
            return usageOnly(() => {
              const value = integerFlag('n', input.text, input.min, input.min, input.max);
              if (!Number.isInteger(value) || value < input.min || value > input.max) {
                throw new Error(
                  `integerFlag returned ${value} outside [${input.min}, ${input.max}]`,
                );
              }
            });
          case 'positiveFlag':
            tally(outcomes, 'positiveFlag');
            return usageOnly(() => {
              const value = positiveFlag('x', input.text, 1);
              if (!(Number.isFinite(value) && value > 0))
                throw new Error(`positiveFlag returned ${value}`);
            });
          case 'choiceFlag':
            tally(outcomes, 'choiceFlag');
            return usageOnly(() => {
              const value = choiceFlag('c', input.text, [
                'cpu',
                'cuda',
                'help',
                'constructor',
              ] as const);
              if (value !== undefined && !['cpu', 'cuda', 'help', 'constructor'].includes(value)) {
                throw new Error(`choiceFlag returned ${value}`);
              }
            });
        }
      },
    };
  },
};
