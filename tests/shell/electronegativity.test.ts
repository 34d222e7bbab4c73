import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_WINDOW_OPTIONS } from '../../electron/main/security';

/**
 * Electronegativity (Doyensec's Electron misconfiguration scanner, which Electron's security
 * guide recommends) over the shell's sources: main, preload and the renderer's page and code.
 * Its findings that need no change carry an `eng-disable` comment at the line, with the reason.
 */

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

interface Issue {
  id: string;
  file: string;
  location: { line: number };
  severity: { name: string };
  confidence: { name: string };
  description: string;
}
type Run = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;

let scanned: string;
let result: { issues: Issue[]; errors: unknown[] };

beforeAll(async () => {
  scanned = mkdtempSync(join(tmpdir(), 'tessera-electronegativity-'));
  for (const path of ['electron/main', 'electron/preload', 'renderer/index.html', 'renderer/src']) {
    cpSync(join(PROJECT, path), join(scanned, path), { recursive: true });
  }
  mkdirSync(join(scanned, 'control'));
  // main-window.ts spreads MAIN_WINDOW_OPTIONS, which the scanner cannot follow across modules;
  // here the constant is written out, so its checks judge the values the window really gets.
  const options = {
    ...MAIN_WINDOW_OPTIONS,
    webPreferences: { ...MAIN_WINDOW_OPTIONS.webPreferences, preload: 'preload.js' },
  };
  writeFileSync(
    join(scanned, 'electron/main/window-options.probe.js'),
    `const { BrowserWindow } = require('electron'); // eng-disable PRELOAD_JS_CHECK\nnew BrowserWindow(${JSON.stringify(options, null, 2)});\n`,
  );
  // A negative control: the same scan must flag a window that turns the protections off.
  writeFileSync(
    join(scanned, 'control/unsafe-window.js'),
    "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n",
  );
  const electronVersion = (
    JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const run = require('@doyensec/electronegativity') as Run;
  result = await run({
    input: scanned,
    isRelative: true,
    electronVersionOverride: electronVersion,
    output: join(scanned, 'electronegativity.sarif'),
    isSarif: true,
  });
}, 120_000);

afterAll(() => rmSync(scanned, { recursive: true, force: true }));

describe('Electronegativity', () => {
  it('parses every file it scans', () => {
    expect(result.errors).toEqual([]);
  });

  const ours = () => result.issues.filter((issue) => !issue.file.startsWith('control/'));

  it('flags the unsafe control window, so a clean result below means something', () => {
    const control = result.issues.filter((issue) => issue.file.startsWith('control/'));
    expect(control.map((issue) => issue.id)).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']),
    );
  });

  it('finds nothing of high or medium severity', () => {
    const serious = ours()
      .filter((issue) => ['HIGH', 'MEDIUM'].includes(issue.severity.name))
      .map((i) => `${i.id} ${i.severity.name} ${i.file}:${i.location.line} ${i.description}`);
    expect(serious).toEqual([]);
  });

  it('judges the window options the app really uses, and finds nothing in them', () => {
    const probeFindings = ours().filter((i) => i.file.endsWith('window-options.probe.js'));
    expect(probeFindings.map((i) => i.id)).toEqual([]);
  });
});
