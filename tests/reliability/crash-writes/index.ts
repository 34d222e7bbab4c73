/**
 * Crash-safety of durable writes, for real: a child process runs the product's writer in a loop
 * (checkpoint save, wallet password change, settings save, devnet ledger transaction) and is
 * SIGKILLed at a random moment; then the product's loader reads the state. It must hold the last
 * completed version or the one being written, never anything else and never fail to load. Then a
 * truncated temporary file is left beside the target, as a crash mid-write leaves one, and the
 * loader must still read the target and the next writer still write.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DURABLE_KIND_NAMES, loadDurableKind } from './kinds/index';
import type { DurableKind } from './kinds/kind';

const CHILD = fileURLToPath(new URL('./writer-child.ts', import.meta.url));

export interface CrashFigures {
  kind: string;
  kills: number;
  /** Loads that failed or found a version other than the last completed or the one in flight. */
  corrupt: number;
  /** Kills that came after the child's first completed write of that run (the rest hit its start). */
  killsMidLoop: number;
  /** Writes completed across all runs. */
  writes: number;
  /** Temporary files of killed writers still beside the target at the end (nothing removes them). */
  leftoverTempFiles: number;
  /** With a truncated temporary file beside it, the loader read the target and the next write landed. */
  truncatedTempIgnored: boolean | 'not a single file';
  problems: string[];
}

/** Runs the writer until `killAfterMs` after its first completed write (or its start), then kills it. */
async function killedWriter(
  kind: DurableKind,
  dir: string,
  first: number,
  killAfterMs: number,
): Promise<{ lastDone: number | undefined }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, kind.name, dir, String(first)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastDone: number | undefined;
  let stderr = '';
  let buffer = '';
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) lastDone = Number(line.slice('done '.length));
    arm();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal })),
  );
  clearTimeout(timer);
  if (exit.signal !== 'SIGKILL') {
    throw new Error(
      `the ${kind.name} writer stopped by itself (${exit.code}): ${stderr.slice(-500)}`,
    );
  }
  return { lastDone };
}

async function tempFilesIn(dir: string): Promise<number> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((n) => /(^|\/)\.[^/]+\.\d+\.[0-9a-f]+\.tmp$/.test(n)).length;
}

/** A crash between writing the temporary file and renaming it, cut short: half a file. */
async function truncatedTempIgnored(kind: DurableKind, dir: string, version: number) {
  if (!kind.target) return 'not a single file' as const;
  const target = kind.target(dir);
  const whole = await readFile(target);
  const temp = join(dirname(target), `.${basename(target)}.999999.0badc0de.tmp`);
  await writeFile(temp, whole.subarray(0, whole.length >> 1));
  if ((await kind.read(dir, version)) !== version) return false;
  await kind.write(dir, version + 1);
  return (await kind.read(dir, version + 1)) === version + 1;
}

export async function crashKind(kind: DurableKind, kills: number): Promise<CrashFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'tessera-crash-'));
  const figures: CrashFigures = {
    kind: kind.name,
    kills: 0,
    corrupt: 0,
    killsMidLoop: 0,
    writes: 0,
    leftoverTempFiles: 0,
    truncatedTempIgnored: false,
    problems: [],
  };
  try {
    await kind.write(dir, 0);
    let version = 0;
    for (let i = 0; i < kills; i++) {
      const first = version + 1;
      // Uniform over the first ~2 writes of the loop, and now and then during process start.
      const { lastDone } = await killedWriter(kind, dir, first, Math.random() * 150);
      figures.kills++;
      if (lastDone !== undefined) {
        figures.killsMidLoop++;
        figures.writes += lastDone - first + 1;
      }
      const completed = lastDone ?? version;
      try {
        const found = await kind.read(dir, completed + 1);
        if (found !== completed && found !== completed + 1) {
          throw new Error(`found version ${found}, expected ${completed} or ${completed + 1}`);
        }
        version = found;
      } catch (error) {
        figures.corrupt++;
        if (figures.problems.length < 3) figures.problems.push(String(error));
        // Start the next round from a known state, so one broken file is counted once.
        version = completed + 2;
        await kind.write(dir, version).catch(() => undefined);
      }
    }
    figures.leftoverTempFiles = await tempFilesIn(dir);
    figures.truncatedTempIgnored = await truncatedTempIgnored(kind, dir, version);
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Figures for every kind of durable state, `killsPerKind` SIGKILLs each. */
export async function runCrashWrites(killsPerKind = 50): Promise<CrashFigures[]> {
  const figures: CrashFigures[] = [];
  for (const name of DURABLE_KIND_NAMES) {
    figures.push(await crashKind(await loadDurableKind(name), killsPerKind));
  }
  return figures;
}
