import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/run-cli';
import { client, removeDir, tempDir, untilBlock } from './harness';

const BIN = fileURLToPath(new URL('../../bin/tessera.mjs', import.meta.url));

/** The lines `tessera devnet --json` prints. */
interface OutputLine {
  ready?: { url: string; block: number; blockMs: number; blocksPerWindow: number; tempo: number };
  epoch?: number;
  stopped?: { block: number };
}

interface RunningDevnet {
  child: ChildProcess;
  url: string;
  lines: OutputLine[];
  exited: Promise<number | null>;
}

/** `tessera devnet --json` as a child process, resolved once it prints that it is ready. */
async function startDevnet(dataDir: string): Promise<RunningDevnet> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'devnet',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--block-ms',
      '50',
      '--window-blocks',
      '5',
      '--tempo',
      '10',
      '--json',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const lines: OutputLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const value = JSON.parse(line) as OutputLine;
      lines.push(value);
      if (value.ready) resolve(value.ready.url);
    });
    void exited.then((code) => reject(new Error(`devnet exited with ${code}: ${stderr}`)));
  });
  return { child, url, lines, exited };
}

describe('tessera devnet', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) removeDir(dir);
  });

  it('keeps balances and registrations when killed with SIGKILL and restarted, and stops on Ctrl-C', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const first = await startDevnet(dir);
    children.push(first.child);
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.lines[0]!.ready).toMatchObject({
      blockMs: 50,
      blocksPerWindow: 5,
      tempo: 10,
      block: 0,
    });

    const [alice, bob] = await Promise.all(['//Alice', '//Bob'].map((uri) => client(first, uri)));
    await alice!.register({ asValidator: true });
    const { uid } = await bob!.register();
    await alice!.setWeights([{ uid, weight: 1 }], 1);
    // Past the next tempo boundary (every 10 blocks), however slowly the machine got here.
    await untilBlock(bob!, (Math.floor((await bob!.currentBlock()).block / 10) + 1) * 10 + 1);
    const earned = (await bob!.balance()).balance;
    const height = (await bob!.currentBlock()).block;
    expect(earned).toBeGreaterThan(0n);
    await Promise.all([alice!.close(), bob!.close()]);

    first.child.kill('SIGKILL');
    await first.exited;

    const second = await startDevnet(dir);
    children.push(second.child);
    expect(second.lines[0]!.ready!.block).toBeGreaterThanOrEqual(height);
    const reader = await client(second, undefined);
    const graph = await reader.metagraph();
    expect(graph.neurons.map((n) => [n.hotkey, n.uid, n.validatorPermit])).toEqual(
      expect.arrayContaining([
        [alice!.hotkey, expect.any(Number), true],
        [bob!.hotkey, uid, false],
      ]),
    );
    expect((await reader.balance(bob!.hotkey)).balance).toBeGreaterThanOrEqual(earned);
    await untilBlock(reader, second.lines[0]!.ready!.block + 2);
    await reader.close();

    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.lines.at(-1)!.stopped!.block).toBeGreaterThanOrEqual(height);
  });

  it.each([
    [['--tempo', '0'], /--tempo needs a whole number from 1/],
    [['--block-ms', 'fast'], /--block-ms needs a whole number/],
    [['--port', '70000'], /--port needs a whole number from 0 to 65535/],
    [['--blocks', '3'], /unknown option '--blocks'/i],
  ])('exits 2 with one sentence for %j', async (args, says) => {
    // In-process: the same dispatcher as bin/tessera.mjs, without a second of tsx start-up each.
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
    try {
      expect(await runCli(['devnet', ...args])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(says);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
