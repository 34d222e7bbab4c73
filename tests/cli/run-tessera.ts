import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/tessera.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `tessera` entry as a user would. WebGPU on Linux needs XDG_RUNTIME_DIR; give the
 * child one when the test environment has none, as a login session would.
 */
export function runTessera(
  args: string[],
  timeoutMs = 150_000,
  extraEnv: Record<string, string> = {},
): Promise<CliRun> {
  const env = { ...process.env, ...extraEnv };
  if (process.platform === 'linux' && !env.XDG_RUNTIME_DIR) {
    env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'tessera-test-runtime-'));
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, timeout: timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
