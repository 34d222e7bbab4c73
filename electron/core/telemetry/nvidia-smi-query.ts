import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * not-installed: no nvidia-smi anywhere we look (no NVIDIA driver); timeout: it did not answer in
 * time and was killed; failed: it ran and exited with an error (a driver that cannot talk to the
 * GPU says so this way).
 */
export type NvidiaSmiErrorKind = 'not-installed' | 'timeout' | 'failed';

export class NvidiaSmiError extends Error {
  constructor(
    readonly kind: NvidiaSmiErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'NvidiaSmiError';
  }
}

export interface NvidiaSmiQueryOptions {
  timeoutMs: number;
  /** The environment nvidia-smi runs in and is looked up by (its PATH). */
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

/** One GPU's fields in the order asked; undefined where nvidia-smi has no value. */
export type NvidiaSmiRow = (string | undefined)[];

/**
 * Runs `nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits` without a shell and returns
 * one row per GPU. Rejects only with an `NvidiaSmiError`.
 */
export async function runNvidiaSmiQuery(
  fields: readonly string[],
  options: NvidiaSmiQueryOptions,
): Promise<NvidiaSmiRow[]> {
  const args = [`--query-gpu=${fields.join(',')}`, '--format=csv,noheader,nounits'];
  const env = options.env ?? process.env;
  for (const command of nvidiaSmiCandidates(options.platform ?? process.platform, env)) {
    const outcome = await run(command, args, env, options.timeoutMs);
    if (typeof outcome === 'string') return parseNvidiaSmiRows(outcome);
    if (outcome.kind !== 'not-installed') throw outcome;
  }
  throw new NvidiaSmiError(
    'not-installed',
    'nvidia-smi was not found (no NVIDIA driver installed)',
  );
}

/**
 * Where nvidia-smi may be: on PATH everywhere; on Windows also where the driver puts it, since
 * its folder is not always on PATH (systeminformation and telegraf look in these two places).
 */
export function nvidiaSmiCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform !== 'win32') return ['nvidia-smi'];
  const candidates = ['nvidia-smi'];
  if (env.WINDIR) candidates.push(join(env.WINDIR, 'System32', 'nvidia-smi.exe'));
  if (env.ProgramFiles) {
    candidates.push(join(env.ProgramFiles, 'NVIDIA Corporation', 'NVSMI', 'nvidia-smi.exe'));
  }
  return candidates;
}

/**
 * `--format=csv,noheader,nounits` output: one GPU a line, fields split by ", ". nvidia-smi writes
 * "[N/A]", "[Not Supported]", "[Unknown Error]" and the like for what a GPU cannot report.
 */
export function parseNvidiaSmiRows(csv: string): NvidiaSmiRow[] {
  return csv
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(',').map((field) => known(field.trim())));
}

const known = (field: string): string | undefined =>
  field === '' || field === 'N/A' || /^\[.*\]$/.test(field) ? undefined : field;

/** Beyond execFile's own timeout: a grandchild holding the pipe open must not hold us too. */
const KILL_GRACE_MS = 2_000;

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<string | NvidiaSmiError> {
  return new Promise((resolve) => {
    const timedOut = () =>
      new NvidiaSmiError('timeout', `nvidia-smi did not answer within ${timeoutMs / 1000} s`);
    const backstop = setTimeout(() => resolve(timedOut()), timeoutMs + KILL_GRACE_MS);
    backstop.unref();
    execFile(
      command,
      args,
      { env, timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true },
      (error, stdout, stderr) => {
        clearTimeout(backstop);
        if (error === null) return resolve(stdout);
        if (error.code === 'ENOENT') {
          return resolve(new NvidiaSmiError('not-installed', `${command} was not found`));
        }
        if (error.killed) return resolve(timedOut());
        const said = `${stdout}\n${stderr}`.trim().split(/\r?\n/)[0]?.trim();
        resolve(
          new NvidiaSmiError(
            'failed',
            said ? `nvidia-smi failed: ${said}` : `nvidia-smi failed with exit code ${error.code}`,
            { cause: error },
          ),
        );
      },
    );
  });
}
