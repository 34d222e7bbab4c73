import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf } from '../architecture/import-rules';

const root = fileURLToPath(new URL('../../electron/protocol', import.meta.url));

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name)) yield path;
  }
}

describe('protocol imports', () => {
  it('uses only node built-ins, @polkadot/util-crypto and its own files (electron/protocol/README.md)', () => {
    const offending: string[] = [];
    for (const file of sources(root)) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const allowed = specifier.startsWith('.')
          ? !relative(root, resolve(dirname(file), specifier)).startsWith('..')
          : specifier.startsWith('node:') ||
            builtinModules.includes(specifier) ||
            specifier === '@polkadot/util-crypto';
        if (!allowed) offending.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
