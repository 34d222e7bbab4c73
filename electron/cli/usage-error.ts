import { type ParseArgsConfig, parseArgs } from 'node:util';

export type CliUsageErrorKind =
  | 'missing-command'
  | 'unknown-command'
  | 'unknown-option'
  | 'invalid-value'
  | 'unexpected-argument'
  | 'conflicting-flags';

/** The command line itself is wrong: exit code 2 and one line saying what to fix. */
export class CliUsageError extends Error {
  constructor(
    readonly kind: CliUsageErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CliUsageError';
  }
}

type FlagSpec = NonNullable<ParseArgsConfig['options']>;

const KIND_OF_NODE_CODE: Readonly<Record<string, CliUsageErrorKind>> = {
  ERR_PARSE_ARGS_UNKNOWN_OPTION: 'unknown-option',
  ERR_PARSE_ARGS_INVALID_OPTION_VALUE: 'invalid-value',
  ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: 'unexpected-argument',
};

/** node:util's strict parseArgs, with its errors turned into CliUsageErrors. */
export function parseFlags<const Spec extends FlagSpec>(args: string[], options: Spec) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const kind = code === undefined ? undefined : KIND_OF_NODE_CODE[code];
    if (kind === undefined) throw error;
    // Node's first sentence names the problem ("Unknown option '--jsn'"); the rest is advice
    // about positionals that does not apply to our commands.
    const problem = (error as Error).message.split('. ')[0]!;
    throw new CliUsageError(kind, problem.charAt(0).toLowerCase() + problem.slice(1));
  }
}
