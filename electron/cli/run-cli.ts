import type { Command } from './command';
import { COMMANDS } from './commands';
import { CliUsageError } from './usage-error';
import { appVersion } from './version';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

/** Dispatches `tessera <command> [flags]`; resolves to the exit code. */
export async function runCli(argv: string[], commands = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview(commands));
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (name === undefined) {
      process.stderr.write(overview(commands));
      throw new CliUsageError('missing-command', 'no command given');
    }
    if (command === undefined) {
      throw new CliUsageError(
        'unknown-command',
        `unknown command '${name}' (commands: ${commands.map((c) => c.name).join(', ')})`,
      );
    }
    if (wantsHelp(rest)) {
      process.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(rest);
  } catch (error) {
    const prefix = command ? `tessera ${command.name}` : 'tessera';
    if (error instanceof CliUsageError) {
      const hint = command ? `tessera ${command.name} --help` : 'tessera --help';
      process.stderr.write(`${prefix}: ${error.message}; see '${hint}'\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`${prefix} failed: ${error instanceof Error ? error.message : error}\n`);
    return EXIT_FAILURE;
  }
}

/** `--help` anywhere before a `--` separator asks for the command's usage. */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function overview(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: tessera <command> [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'tessera <command> --help' for a command's flags.",
    '',
  ].join('\n');
}
