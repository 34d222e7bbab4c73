/**
 * The app's log: recent lines in memory for the logs screen and diagnostics, every line to
 * `<logs>/tessera.log`, rotated by size so weeks of running stay within a few megabytes.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogLine } from '../../contract/diagnostics';

export interface LogOptions {
  /** Folder of the log files; none keeps lines in memory only. */
  directory?: string;
  /** Rotate when the current file passes this size. */
  maxFileBytes?: number;
  /** Rotated files kept besides the current one (tessera.log.1 is the newest). */
  keepFiles?: number;
  /** Lines kept in memory. */
  keepLines?: number;
  now?: () => number;
}

export const LOG_FILE = 'tessera.log';

export class Log {
  private readonly lines: LogLine[] = [];
  private readonly listeners = new Set<(line: LogLine) => void>();
  private readonly maxFileBytes: number;
  private readonly keepFiles: number;
  private readonly keepLines: number;
  private readonly now: () => number;
  private fileBytes = 0;

  constructor(private readonly options: LogOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
    this.keepFiles = options.keepFiles ?? 3;
    this.keepLines = options.keepLines ?? 2_000;
    this.now = options.now ?? Date.now;
    if (options.directory) {
      mkdirSync(options.directory, { recursive: true, mode: 0o700 });
      try {
        this.fileBytes = statSync(this.file!).size;
      } catch {
        this.fileBytes = 0;
      }
    }
  }

  private get file(): string | undefined {
    return this.options.directory && join(this.options.directory, LOG_FILE);
  }

  write(level: LogLine['level'], source: string, message: string): void {
    const line: LogLine = { at: this.now(), level, source, message };
    this.lines.push(line);
    if (this.lines.length > this.keepLines)
      this.lines.splice(0, this.lines.length - this.keepLines);
    this.append(line);
    for (const listener of this.listeners) listener(line);
  }

  info = (source: string, message: string) => this.write('info', source, message);
  warn = (source: string, message: string) => this.write('warn', source, message);
  error = (source: string, message: string) => this.write('error', source, message);

  recent(limit: number): LogLine[] {
    return this.lines.slice(-limit);
  }

  subscribe(listener: (line: LogLine) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Logging must never take the app down: a full disk loses lines, not the miner. */
  private append(line: LogLine): void {
    const file = this.file;
    if (!file) return;
    const text = `${new Date(line.at).toISOString()} ${line.level.toUpperCase()} [${line.source}] ${line.message}\n`;
    try {
      if (this.fileBytes + text.length > this.maxFileBytes) this.rotate(file);
      appendFileSync(file, text, { mode: 0o600 });
      this.fileBytes += Buffer.byteLength(text);
    } catch {
      // Nothing sensible to do; the in-memory lines still reach the UI.
    }
  }

  private rotate(file: string): void {
    rmSync(`${file}.${this.keepFiles}`, { force: true });
    for (let i = this.keepFiles - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    renameSync(file, `${file}.1`);
    this.fileBytes = 0;
  }
}
