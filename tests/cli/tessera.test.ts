import { describe, expect, it } from 'vitest';
import { runTessera } from './run-tessera';

describe('tessera', () => {
  it('lists its commands with a one-line summary each', async () => {
    const { code, stdout } = await runTessera(['--help']);

    expect(code).toBe(0);
    for (const name of ['start', 'doctor', 'train', 'devnet', 'validator', 'wallet']) {
      expect(stdout).toMatch(new RegExp(`^ {2}${name} {2,}\\S.*$`, 'm'));
    }
  });

  it('rejects an unknown command with exit code 2, naming it and the known ones', async () => {
    const { code, stderr } = await runTessera(['mine']);

    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(
      /^tessera: unknown command 'mine' \(commands: [a-z, ]*doctor[a-z, ]*\); see 'tessera --help'$/,
    );
  });

  it("prints a command's usage for --help instead of running it", async () => {
    const { code, stdout } = await runTessera(['doctor', '--help']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: tessera doctor/);
  });
});
