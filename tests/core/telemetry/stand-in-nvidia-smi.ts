import { chmodSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { TELEMETRY_FIELDS } from '../../../electron/core/telemetry/nvidia-smi-sample';

export const FIXTURES = new URL('../../fixtures/telemetry/', import.meta.url);
export const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/**
 * A stand-in for `nvidia-smi`, because this machine has no NVIDIA GPU: a shell script of that
 * name in a temporary folder put first on PATH. It answers only the telemetry query, and logs
 * "start" and "end" of every run so tests can see how often and how it was called.
 */
export class StandInNvidiaSmi {
  readonly dir = mkdtempSync(join(tmpdir(), 'tessera-nvidia-smi-'));
  readonly log = join(this.dir, 'runs.log');
  /** The environment to run nvidia-smi in: this stand-in first on PATH. */
  readonly env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${this.dir}${delimiter}${process.env.PATH ?? ''}`,
  };

  /** Prints a fixture the way nvidia-smi prints its CSV, after `delaySeconds`. */
  prints(fixtureName: string, delaySeconds = 0): this {
    return this.#script(
      `[ "$1" = "--query-gpu=${TELEMETRY_FIELDS.join(',')}" ] && [ "$2" = "--format=csv,noheader,nounits" ] || { echo "unexpected arguments: $*" >&2; exit 2; }`,
      `echo start >> '${this.log}'`,
      delaySeconds > 0 ? `sleep ${delaySeconds}` : '',
      `cat '${new URL(fixtureName, FIXTURES).pathname}'`,
      `echo end >> '${this.log}'`,
    );
  }

  /** Never answers, like nvidia-smi with a wedged driver. */
  hangs(): this {
    return this.#script(`echo start >> '${this.log}'`, 'exec sleep 30');
  }

  /** What nvidia-smi prints, on stdout, when the driver is missing or broken. */
  fails(): this {
    return this.#script(
      `echo start >> '${this.log}'`,
      'echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."',
      'exit 9',
    );
  }

  runs(): string[] {
    try {
      return readFileSync(this.log, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  #script(...lines: string[]): this {
    // Written aside and renamed into place: the old script may still be running.
    const next = join(this.dir, 'nvidia-smi.next');
    writeFileSync(next, ['#!/bin/sh', ...lines, ''].join('\n'));
    chmodSync(next, 0o755);
    renameSync(next, join(this.dir, 'nvidia-smi'));
    return this;
  }
}
