/**
 * A node of the fault checks in a process of its own (a `*-process.ts` entry run through tsx with
 * its options as JSON), and the JSON lines it prints, so a check can kill, suspend, sample and
 * stop it like the real thing and see whether it ever exits on its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { until } from './faults-wait';

const STDERR_TAIL = 4096;

export class ChildLines<Line> {
  readonly lines: Line[] = [];
  private readonly child: ChildProcess;
  private stderr = '';
  private exit: { code: number | null; signal: string | null } | undefined;
  private stopping = false;

  constructor(entry: URL, options: unknown) {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(entry), JSON.stringify(options)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let buffer = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const text = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (text.startsWith('{')) this.lines.push(JSON.parse(text) as Line);
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    this.child.on('exit', (code, signal) => {
      this.exit = { code, signal };
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Whether the process ended other than by `stop()`: a fault must never end it. */
  get exitedByItself(): boolean {
    return this.exit !== undefined && !this.stopping;
  }

  /** The end of what it wrote to stderr, for a report of why it exited. */
  get stderrTail(): string {
    return this.stderr;
  }

  /** The first line from index `from` on that satisfies `check`; fails early if the process exits. */
  line<T extends Line>(
    what: string,
    from: number,
    check: (line: Line) => line is T,
    timeoutMs: number,
  ): Promise<{ line: T; index: number }> {
    return until(
      what,
      () => {
        if (this.exit)
          throw new Error(
            `the process exited (${this.exit.signal ?? this.exit.code}): ${this.stderr}`,
          );
        for (let i = from; i < this.lines.length; i++) {
          const line = this.lines[i]!;
          if (check(line)) return { line, index: i };
        }
        return undefined;
      },
      timeoutMs,
    );
  }

  /** SIGTERM, as a host quitting; SIGKILL for it and `others` if it does not finish in time. */
  async stop(others: () => number[] = () => [], graceMs = 30_000): Promise<void> {
    if (this.exit) return;
    this.stopping = true;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      for (const pid of others()) process.kill(pid, 'SIGKILL');
      this.child.kill('SIGKILL');
    }, graceMs);
    await exited;
    clearTimeout(timer);
  }
}
