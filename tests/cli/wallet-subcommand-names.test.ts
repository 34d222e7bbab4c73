/**
 * Found by the command-line fuzz target (tests/fuzz/properties/cli.ts): a wallet subcommand name
 * that is a property of every JavaScript object ('constructor', 'valueOf', ...) was looked up on
 * the subcommand table's prototype and run, exiting with 1 ("failed") or with a non-number.
 * It is an unknown subcommand like any other: exit code 2 and a usage line.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';

async function quietly(argv: string[]): Promise<{ code: unknown; stderr: string }> {
  const err = process.stderr.write;
  let stderr = '';
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    return { code: await runCli(argv), stderr };
  } finally {
    process.stderr.write = err;
  }
}

describe('tessera wallet with a subcommand named like an object property', () => {
  it.each(['constructor', 'valueOf', 'toString', 'hasOwnProperty', '__proto__', 'isPrototypeOf'])(
    "'%s' is an unknown subcommand",
    async (name) => {
      const { code, stderr } = await quietly(['wallet', name, 'miner']);
      expect(code).toBe(2);
      expect(stderr).toContain(`unknown wallet subcommand '${name}'`);
    },
  );
});
