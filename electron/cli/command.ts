/** One `tessera` subcommand. Adding a command is one module and one line in `commands/index.ts`. */
export interface Command {
  name: string;
  /** One line, shown by `tessera --help`. */
  summary: string;
  /** Shown by `tessera <name> --help`: the synopsis and what each flag does. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(argv: string[]): Promise<number>;
}
