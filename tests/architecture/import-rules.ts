import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The dependency rule of DESIGN.md, as a check over source text: which folders may import what.
 * Imports are read by TypeScript's own pre-processor, which sees static imports, `export ... from`,
 * `import()` and `require()`, and skips comments and strings.
 */
export type ImportRule = 'no-electron' | 'no-node-builtins' | 'no-core';

export interface ImportViolation {
  /** Repository-relative path, with forward slashes. */
  file: string;
  specifier: string;
  rule: ImportRule;
}

/** Host-agnostic code: it must run in the CLI, the trainer, tests and the browser bridge alike. */
const HOST_AGNOSTIC = [
  'electron/core',
  'electron/protocol',
  'electron/engine',
  'electron/devnet',
  'electron/cli',
  'electron/bridge',
  'renderer',
];
const RENDERER = 'renderer';
const CORE = 'electron/core';

const SOURCE = /\.(c|m)?(t|j)sx?$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'out', '.vite']);

export function findImportViolations(root: string): ImportViolation[] {
  const violations: ImportViolation[] = [];
  for (const folder of HOST_AGNOSTIC) {
    for (const path of sourceFiles(join(root, folder))) {
      const file = relative(root, path).split(sep).join('/');
      for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
        for (const rule of brokenRules(root, file, path, specifier)) {
          violations.push({ file, specifier, rule });
        }
      }
    }
  }
  return violations;
}

function brokenRules(root: string, file: string, path: string, specifier: string): ImportRule[] {
  const broken: ImportRule[] = [];
  if (specifier === 'electron' || specifier.startsWith('electron/')) broken.push('no-electron');
  if (file.startsWith(`${RENDERER}/`)) {
    if (isNodeBuiltin(specifier)) broken.push('no-node-builtins');
    if (resolvesInto(root, path, specifier, CORE)) broken.push('no-core');
  }
  return broken;
}

function isNodeBuiltin(specifier: string): boolean {
  return (
    specifier.startsWith('node:') ||
    builtinModules.includes(specifier) ||
    builtinModules.includes(specifier.split('/')[0]!)
  );
}

function resolvesInto(root: string, path: string, specifier: string, folder: string): boolean {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return false;
  const target = relative(join(root, folder), resolve(dirname(path), specifier));
  return !target.startsWith('..') && !isAbsolute(target);
}

export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

function* sourceFiles(dir: string): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a folder that does not exist yet has nothing to check
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) yield* sourceFiles(path);
    else if (entry.isFile() && SOURCE.test(entry.name)) yield path;
  }
}
