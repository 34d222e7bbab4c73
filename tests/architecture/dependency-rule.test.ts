import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findImportViolations, importsOf } from './import-rules';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('the dependency rule', () => {
  it('holds in this repository', () => {
    expect(findImportViolations(REPO)).toEqual([]);
  });
});

describe('findImportViolations', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root !== undefined) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  /** A throwaway repository holding just `files`. */
  function tree(files: Record<string, string>): string {
    root = mkdtempSync(join(tmpdir(), 'tessera-import-rules-'));
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), source);
    }
    return root;
  }

  const allowed = {
    'electron/main/index.ts': "import { app } from 'electron';\nimport '../core/settings';\n",
    'electron/preload/index.ts': "import { contextBridge } from 'electron';\n",
    'electron/core/settings.ts': "import { readFile } from 'node:fs/promises';\n",
    'renderer/src/app.tsx': "import { z } from 'zod';\nimport '../../electron/contract/api';\n",
  };

  it('finds nothing wrong with imports the rule allows', () => {
    expect(findImportViolations(tree(allowed))).toEqual([]);
  });

  it("reports core importing 'electron'", () => {
    const repo = tree({
      ...allowed,
      'electron/core/wallet.ts': "import { safeStorage } from 'electron';\n",
    });

    expect(findImportViolations(repo)).toEqual([
      { file: 'electron/core/wallet.ts', specifier: 'electron', rule: 'no-electron' },
    ]);
  });

  it('reports the renderer importing a Node built-in, with or without the node: prefix', () => {
    const repo = tree({
      ...allowed,
      'renderer/src/pages/wallet.tsx': "import fs from 'fs';\nimport { join } from 'node:path';\n",
    });

    expect(findImportViolations(repo)).toEqual([
      { file: 'renderer/src/pages/wallet.tsx', specifier: 'fs', rule: 'no-node-builtins' },
      { file: 'renderer/src/pages/wallet.tsx', specifier: 'node:path', rule: 'no-node-builtins' },
    ]);
  });

  it('reports the renderer reaching into electron/core by a relative path', () => {
    const repo = tree({
      ...allowed,
      'renderer/src/store.ts': "export { loadWallet } from '../../electron/core/wallet';\n",
    });

    expect(findImportViolations(repo)).toEqual([
      {
        file: 'renderer/src/store.ts',
        specifier: '../../electron/core/wallet',
        rule: 'no-core',
      },
    ]);
  });

  it('reports dynamic imports and require calls in the engine, but not comments', () => {
    const repo = tree({
      ...allowed,
      'electron/engine/runtime/gpu.ts': [
        "// import { app } from 'electron' is what this must never do",
        "const { powerMonitor } = await import('electron');",
        "const { shell } = require('electron/main');",
      ].join('\n'),
    });

    expect(findImportViolations(repo)).toEqual([
      { file: 'electron/engine/runtime/gpu.ts', specifier: 'electron', rule: 'no-electron' },
      { file: 'electron/engine/runtime/gpu.ts', specifier: 'electron/main', rule: 'no-electron' },
    ]);
  });
});

describe('importsOf', () => {
  it('reads every form of import, including type-only ones', () => {
    const source = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import 'c';",
      "export * from 'd';",
      "const e = await import('e');",
      "const f = require('f');",
    ].join('\n');

    expect(importsOf(source)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
