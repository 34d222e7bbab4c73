/**
 * The real app for end-to-end tests: the renderer's production build, served by a real
 * `tessera start` (core, embedded devnet, validator, trainer processes) through the bridge.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the UI where `tessera start` serves it from (what `npm run build:ui` does). */
export async function buildUi(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build: slower,
  // and not what users run. Build exactly what `npm run build:ui` builds.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: join(ROOT, 'vite.renderer.config.ts'),
      mode: 'production',
      logLevel: 'silent',
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export interface RunningTessera {
  /** The UI's address, with this run's token in the fragment. */
  url: string;
  /** Every JSON line the CLI printed so far. */
  lines: Record<string, unknown>[];
  process: ChildProcess;
  stop(): Promise<number | null>;
}

export async function startTessera(args: string[] = []): Promise<RunningTessera> {
  const env = { ...process.env };
  if (process.platform === 'linux' && !env.XDG_RUNTIME_DIR)
    env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'tessera-e2e-runtime-'));
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/tessera.mjs'), 'start', '--fresh', '--json', ...args],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        lines.push(line);
        const ui = line.ui as { url?: string } | undefined;
        if (ui?.url) resolve(ui.url);
      } catch {
        // Not JSON: a stray line from a library; the test reads the JSON ones.
      }
    });
    void exited.then((code) =>
      reject(new Error(`tessera start exited (${code}) before serving: ${stderr}`)),
    );
  });
  return {
    url,
    lines,
    process: child,
    async stop() {
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
