import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { forgeIgnore, runtimePackageDirs, UNBUNDLED_PACKAGES } from '../../build/packaged-modules';
import { APP_ID } from '../../electron/main/app-id';
import forgeConfig from '../../forge.config';
import viteMainConfig from '../../vite.main.config';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const builderConfig = JSON.parse(
  readFileSync(join(PROJECT, 'build', 'electron-builder.json'), 'utf8'),
) as Record<string, unknown> & {
  appId: string;
  asarUnpack: string[];
  files: string[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  beforePack: string;
};
// @electron/asar's own minimatch, so unpack globs are matched the way the packager matches them.
const asarMinimatch = createRequire(require.resolve('@electron/asar'))('minimatch') as (
  path: string,
  pattern: string,
  options?: { matchBase?: boolean; dot?: boolean },
) => boolean;

/** Every file under `dir`, relative to the project, with forward slashes. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(PROJECT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(PROJECT, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** The onnxruntime-node binaries the trainer loads: the binding and the libraries beside it. */
const ORT_NATIVES = [
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
  'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll',
  'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/DirectML.dll',
  'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib',
];
const SQLITE_NATIVE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

describe('the electron-builder config (build/electron-builder.json)', () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration(config: unknown, debug: { isEnabled: boolean }): Promise<void>;
  };

  it("passes electron-builder's own schema validation (app-builder-lib/scheme.json)", async () => {
    await expect(
      validateConfiguration(structuredClone(builderConfig), { isEnabled: false }),
    ).resolves.toBeUndefined();
  });

  it('would be refused with a misspelt option, so the check above means something', async () => {
    const broken = { ...structuredClone(builderConfig), nsis: { oneClik: false } };
    await expect(validateConfiguration(broken, { isEnabled: false })).rejects.toThrow(
      /configuration\.nsis/,
    );
    const unknown = { ...structuredClone(builderConfig), autoUpdate: true };
    await expect(validateConfiguration(unknown, { isEnabled: false })).rejects.toThrow(
      /autoUpdate/,
    );
  });

  it("uses the app id the main process gives Windows' notifications", () => {
    expect(builderConfig.appId).toBe(APP_ID);
  });

  it('flips the same fuses as Forge', () => {
    const forgeFuses = fusesOf(forgeConfig);
    expect(builderConfig.electronFuses).toEqual({
      runAsNode: forgeFuses[FuseV1Options.RunAsNode],
      enableCookieEncryption: forgeFuses[FuseV1Options.EnableCookieEncryption],
      enableNodeOptionsEnvironmentVariable:
        forgeFuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      enableNodeCliInspectArguments: forgeFuses[FuseV1Options.EnableNodeCliInspectArguments],
      enableEmbeddedAsarIntegrityValidation:
        forgeFuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: forgeFuses[FuseV1Options.OnlyLoadAppFromAsar],
      grantFileProtocolExtraPrivileges: forgeFuses[FuseV1Options.GrantFileProtocolExtraPrivileges],
    });
  });

  it('runs the CUDA provider hook before packing', async () => {
    const hook = await import(join(PROJECT, builderConfig.beforePack));
    expect(typeof hook.default).toBe('function');
  });

  describe('the files it would package', () => {
    // electron-builder copies `files` from the project and every production dependency.
    const dependencies = Object.keys(
      (
        JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as {
          dependencies: Record<string, string>;
        }
      ).dependencies,
    );
    let appFiles: Set<string>;
    beforeAll(() => {
      appFiles = new Set(runtimePackageDirs(PROJECT, dependencies).flatMap(filesUnder));
    });
    const unpacked = (file: string) =>
      builderConfig.asarUnpack.some((pattern) => asarMinimatch(file, pattern, { dot: true }));

    it.each([...ORT_NATIVES, SQLITE_NATIVE])('include %s, outside the asar archive', (file) => {
      expect(appFiles.has(file)).toBe(true);
      expect(unpacked(file)).toBe(true);
    });

    it('keep plain JavaScript inside the archive', () => {
      expect(unpacked('node_modules/onnxruntime-common/dist/cjs/index.js')).toBe(false);
      expect(unpacked('.vite/build/main.js')).toBe(false);
    });

    it('put native-assets beside the archive as resources/native-assets', () => {
      expect(builderConfig.extraResources).toContainEqual({
        from: 'native-assets',
        to: 'native-assets',
      });
      expect(filesUnder('native-assets').some((f) => f.startsWith('native-assets/corpus/'))).toBe(
        true,
      );
    });
  });
});

describe('the Forge config (forge.config.ts)', () => {
  it('makes Squirrel, ZIP, DMG, deb and rpm packages', () => {
    const names = (forgeConfig.makers ?? []).map((maker) => (maker as { name: string }).name);
    expect(names.sort()).toEqual(['deb', 'dmg', 'rpm', 'squirrel', 'zip']);
  });

  it('turns off Node and the debugger in the shipped binary and checks its archive', () => {
    expect(fusesOf(forgeConfig)).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('keeps the Vite and auto-unpack-natives plugins', () => {
    const names = (forgeConfig.plugins ?? []).map((plugin) => (plugin as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(['vite', 'auto-unpack-natives', 'fuses']));
  });

  it('copies native-assets as an extra resource', () => {
    expect(forgeConfig.packagerConfig?.extraResource).toEqual(['native-assets']);
  });

  it('points at icon files that exist', () => {
    const icon = forgeConfig.packagerConfig?.icon as string;
    for (const extension of ['png', 'ico', 'icns']) {
      expect(() => readFileSync(join(PROJECT, `${icon}.${extension}`))).not.toThrow();
    }
  });

  describe('the files it would package', () => {
    let resolved: ForgeConfig;
    let ignore: (path: string) => boolean;
    beforeAll(async () => {
      const packagerConfig = forgeConfig.packagerConfig ?? {};
      resolved = {
        ...forgeConfig,
        packagerConfig: { ...packagerConfig, asar: { ...(packagerConfig.asar as object) } },
      } as ForgeConfig;
      // Forge lets each plugin adjust the config; auto-unpack-natives adds its *.node glob.
      for (const plugin of forgeConfig.plugins ?? []) {
        const hooks = (plugin as { getHooks?: () => Record<string, unknown> }).getHooks?.() ?? {};
        if (
          typeof hooks.resolveForgeConfig === 'function' &&
          (plugin as { name: string }).name !== 'vite'
        ) {
          resolved = await (hooks.resolveForgeConfig as (c: ForgeConfig) => Promise<ForgeConfig>)(
            resolved,
          );
        }
      }
      ignore = resolved.packagerConfig!.ignore as (path: string) => boolean;
    });
    const unpack = () => (resolved.packagerConfig!.asar as { unpack: string }).unpack;
    // @electron/asar matches the absolute path of each file in the staged app.
    const unpacked = (file: string) =>
      asarMinimatch(`/tmp/staging/resources/app/${file}`, unpack(), { matchBase: true });

    it.each([...ORT_NATIVES, SQLITE_NATIVE])('include %s, outside the asar archive', (file) => {
      expect(ignore(`/${file}`)).toBe(false);
      expect(unpacked(file)).toBe(true);
    });

    it('include everything the unbundled packages need at run time', () => {
      for (const dir of runtimePackageDirs(PROJECT, UNBUNDLED_PACKAGES)) {
        for (const file of filesUnder(dir)) expect(ignore(`/${file}`), file).toBe(false);
      }
      expect(ignore('/node_modules')).toBe(false);
      expect(ignore('/.vite/build/main.js')).toBe(false);
      expect(ignore('/package.json')).toBe(false);
    });

    it('leave out sources, tests and packages Vite already bundled', () => {
      for (const path of [
        '/electron/main/index.ts',
        '/tests/shell/packaging.test.ts',
        '/node_modules/react/index.js',
        '/node_modules/zod/package.json',
        '/native-assets/corpus/README.md',
        '/node_modules/onnxruntime-node-fake/index.js',
      ]) {
        expect(ignore(path), path).toBe(true);
      }
    });

    it('keep plain JavaScript inside the archive', () => {
      expect(unpacked('node_modules/onnxruntime-common/dist/cjs/index.js')).toBe(false);
    });
  });
});

describe('the main-process bundle', () => {
  it('leaves the unbundled packages to node_modules and bundles the rest', () => {
    const config = viteMainConfig({
      command: 'build',
      mode: 'production',
      forgeConfigSelf: { entry: 'electron/main/index.ts' },
    } as never) as { build: { rollupOptions: { external: RegExp[] } } };
    const external = (id: string) => config.build.rollupOptions.external.some((re) => re.test(id));

    for (const name of UNBUNDLED_PACKAGES) expect(external(name), name).toBe(true);
    expect(external('better-sqlite3/lib/database.js')).toBe(true);
    expect(external('onnxruntime-node-extra')).toBe(false);
    expect(external('zod')).toBe(false);
  });
});

describe('forgeIgnore', () => {
  it('keeps the folders on the way to a kept package, and nothing beside them', () => {
    const ignore = forgeIgnore(['node_modules/a/node_modules/b']);
    expect(ignore('/node_modules/a')).toBe(false);
    expect(ignore('/node_modules/a/node_modules/b/index.js')).toBe(false);
    expect(ignore('/node_modules/a/index.js')).toBe(true);
    expect(ignore('/node_modules/ab/index.js')).toBe(true);
  });
});

function fusesOf(config: ForgeConfig): Record<string, unknown> {
  const plugin = (config.plugins ?? []).find((p) => (p as { name: string }).name === 'fuses');
  return (plugin as unknown as { fusesConfig: Record<string, unknown> }).fusesConfig;
}
