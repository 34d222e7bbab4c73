import { type ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type ExecutionProviderName, providerInstallProblem } from './execution-providers';
import type { ProbeChildMessage } from './provider-probe-child';
import { type ProviderReport, unavailable } from './provider-report';

export interface ProbeOptions {
  /** Hard limit for one provider, from spawn to answer; the child is killed when it passes. */
  timeoutMs: number;
  /** The child entry to run; tests swap in children that hang or crash. */
  childModule?: string;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 60_000;

const CHILD_MODULE = fileURLToPath(new URL('./provider-probe-child.ts', import.meta.url));
/** After answering, a child gets this long to exit before it is killed. */
const EXIT_GRACE_MS = 3_000;
const MAX_STDERR_BYTES = 64 * 1024;

/** Probes each provider in turn; one at a time, so timings do not compete for the machine. */
export async function probeProviders(
  names: readonly ExecutionProviderName[],
  options: ProbeOptions,
): Promise<ProviderReport[]> {
  const reports: ProviderReport[] = [];
  for (const name of names) reports.push(await probeProvider(name, options));
  return reports;
}

/**
 * Tries one provider in its own process. A native WebGPU or CUDA failure can abort or hang a
 * process instead of throwing, so every outcome (answer, crash, silence) becomes a report.
 */
export async function probeProvider(
  name: ExecutionProviderName,
  options: ProbeOptions,
): Promise<ProviderReport> {
  const problem = providerInstallProblem(name);
  if (problem !== undefined) return unavailable(name, problem);

  const runtimeDir = await temporaryRuntimeDir();
  try {
    return await runChild(name, options, runtimeDir);
  } finally {
    if (runtimeDir !== undefined) await rm(runtimeDir, { recursive: true, force: true });
  }
}

/**
 * Dawn (WebGPU) on Linux needs XDG_RUNTIME_DIR, which services, CI and `sudo` shells often lack.
 * mkdtemp makes the folder private (0700), as the XDG spec asks.
 */
async function temporaryRuntimeDir(): Promise<string | undefined> {
  if (process.platform !== 'linux' || process.env.XDG_RUNTIME_DIR) return undefined;
  return mkdtemp(join(tmpdir(), 'tessera-runtime-'));
}

function runChild(
  name: ExecutionProviderName,
  { timeoutMs, childModule = CHILD_MODULE }: ProbeOptions,
  runtimeDir: string | undefined,
): Promise<ProviderReport> {
  return new Promise((resolve) => {
    const child = fork(childModule, [name], {
      execArgv: ['--import', tsxLoader()],
      env: {
        ...process.env,
        ...(runtimeDir === undefined ? {} : { XDG_RUNTIME_DIR: runtimeDir }),
        // The check compares with fp32; CUDA's default TF32 matrix products would fail it by design.
        ...(name === 'cuda' ? { NVIDIA_TF32_OVERRIDE: '0' } : {}),
      },
      // Native runtimes print to stdout and stderr; keep that out of the caller's output.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString();
    });

    let answer: ProviderReport | undefined;
    let settled = false;
    const settle = (report: ProviderReport) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(withNativeDetail(report, stderr));
    };
    const deadline = setTimeout(() => {
      killIfRunning(child);
      settle(answer ?? unavailable(name, `timed out after ${formatSeconds(timeoutMs)} s`));
    }, timeoutMs);

    child.on('message', (message: ProbeChildMessage) => {
      answer = message.report;
      setTimeout(() => killIfRunning(child), EXIT_GRACE_MS).unref();
    });
    child.on('error', (error) => settle(unavailable(name, error.message)));
    child.on('close', (code, signal) => {
      if (answer !== undefined) return settle(answer);
      const how = signal === null ? `exited with code ${code}` : `was killed by ${signal}`;
      const detail = lastLine(stderr);
      settle(unavailable(name, `the probe process ${how}${detail ? `: ${detail}` : ''}`));
    });
  });
}

function killIfRunning(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** tsx's loader, by absolute URL, so the child finds it from any working directory. */
function tsxLoader(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/**
 * onnxruntime reports a missing provider library as "Failed to load shared library" and logs the
 * actual cause (which file, which dependency) only to stderr; put that cause in the reason.
 */
function withNativeDetail(report: ProviderReport, stderr: string): ProviderReport {
  if (report.available) return report;
  const cause = /Failed to load library .* with error: (.+)$/m.exec(stderr)?.[1];
  return cause ? unavailable(report.name, `${report.reason}: ${cause}`) : report;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g;

function lastLine(text: string): string | undefined {
  return text
    .replace(ANSI_COLOUR, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .at(-1);
}

const formatSeconds = (ms: number): string => String(Math.round(ms / 100) / 10);
