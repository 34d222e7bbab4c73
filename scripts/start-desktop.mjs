#!/usr/bin/env node
// `npm start`: runs the desktop app through Electron Forge, or says clearly why it cannot.
// Electron's binary is downloaded by its own postinstall, which fails (or is blocked) on machines
// that reach only the npm registry; the headless app works there without it.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Electron executable, found the way the electron package finds it, without requiring that
 * package: its entry point tries to download a missing binary, which can hang offline.
 */
function electronExecutable() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const executable = join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : undefined;
}

if (electronExecutable() === undefined) {
  process.stderr.write(
    "Tessera's desktop shell needs the Electron binary, which could not be obtained on this " +
      'machine; run the headless app instead: npx tessera train\n',
  );
  process.exit(1);
}

const forge = spawn(
  process.execPath,
  [
    require.resolve('@electron-forge/cli/dist/electron-forge.js'),
    'start',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
forge.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
