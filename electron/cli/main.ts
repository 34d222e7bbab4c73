/** Process entry of the `tessera` command (bin/tessera.mjs loads it through tsx). */
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2));
