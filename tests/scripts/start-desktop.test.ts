import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/start-desktop.mjs', import.meta.url));

describe('npm start without the Electron binary', () => {
  it('exits 1 with one sentence pointing to the headless app', async () => {
    // An empty override folder stands for a machine where Electron's download failed.
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'no-')) };
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>(
      (resolve) => {
        const child = execFile(process.execPath, [SCRIPT], { env, timeout: 30_000 }, (_, __, err) =>
          resolve({ code: child.exitCode, stderr: err }),
        );
      },
    );

    expect(code).toBe(1);
    expect(stderr).toBe(
      "Tessera's desktop shell needs the Electron binary, which could not be obtained on this " +
        'machine; run the headless app instead: npx tessera train\n',
    );
  });
});
