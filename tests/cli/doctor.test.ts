import { describe, expect, it } from 'vitest';
import { doctorReportSchema } from '../../electron/contract/diagnostics';
import { runTessera } from './run-tessera';

describe('tessera doctor --json', () => {
  it('prints one report in which cpu and webgpu both compute correctly', async () => {
    const { code, stdout, stderr } = await runTessera(['doctor', '--json']);

    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Exactly one JSON object, so scripts can pipe it into a parser.
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const report = doctorReportSchema.parse(JSON.parse(stdout));

    expect(report.cpu.cores).toBeGreaterThan(0);
    expect(report.ram.totalBytes).toBeGreaterThan(0);
    expect(report.disk).toHaveProperty('freeBytes');
    expect(report.providers.at(-1)?.name).toBe('cpu');
    for (const name of ['cpu', 'webgpu']) {
      const provider = report.providers.find((p) => p.name === name);
      expect(provider, `${name}: ${provider?.reason}`).toMatchObject({ available: true });
      expect(provider?.gflops).toBeGreaterThan(0);
    }
    for (const provider of report.providers.filter((p) => !p.available)) {
      expect(provider.reason).toMatch(/\S/);
      expect(provider.reason).not.toContain('\n');
    }
  }, 180_000);
});

describe('tessera doctor, used wrongly', () => {
  it('rejects an unknown flag with exit code 2 and one line naming it', async () => {
    const { code, stdout, stderr } = await runTessera(['doctor', '--jsn']);

    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      "tessera doctor: unknown option '--jsn'; see 'tessera doctor --help'",
    ]);
  });

  it('rejects a timeout that is not a number of seconds', async () => {
    const { code, stderr } = await runTessera(['doctor', '--timeout', 'soon']);

    expect(code).toBe(2);
    expect(stderr).toContain("--timeout needs a positive number of seconds, got 'soon'");
  });
});
