import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { forgeIgnore, runtimePackageDirs, UNBUNDLED_PACKAGES } from './build/packaged-modules';
import { APP_ID } from './electron/main/app-id';
import { provideCudaProvider } from './scripts/package-cuda-provider.mjs';

const projectDir = import.meta.dirname;
// Linux and the DMG take the PNG; packager picks icon.icns / icon.ico beside it where they exist.
const icon = 'build/icon';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Tessera',
    executableName: 'tessera',
    appBundleId: APP_ID,
    icon,
    asar: {
      // Beside AutoUnpackNatives' *.node: onnxruntime's shared libraries (libonnxruntime.so.1,
      // onnxruntime.dll, DirectML.dll, the CUDA provider), which its binding loads from its folder.
      unpack: '**/node_modules/onnxruntime-node/bin/**',
    },
    // The corpus and tokenizer files, read from process.resourcesPath/native-assets.
    extraResource: ['native-assets'],
    // The Vite output plus the packages main.js and trainer-child.js load at run time; Forge's
    // Vite plugin would otherwise leave node_modules out entirely.
    ignore: forgeIgnore(runtimePackageDirs(projectDir, UNBUNDLED_PACKAGES)),
  },
  rebuildConfig: {},
  hooks: {
    prePackage: async (_config, platform, arch) => {
      await provideCudaProvider(platform, arch);
    },
  },
  makers: [
    new MakerSquirrel({ name: 'Tessera', setupIcon: `${icon}.ico` }),
    new MakerZIP({}, ['darwin', 'win32', 'linux']),
    new MakerDMG({ icon: `${icon}.icns`, format: 'ULFO' }),
    new MakerDeb({ options: { icon: `${icon}.png`, categories: ['Utility'] } }),
    new MakerRpm({ options: { icon: `${icon}.png`, categories: ['Utility'] } }),
  ],
  plugins: [
    // onnxruntime-node's .node binding and better-sqlite3's cannot load from inside the asar archive.
    new AutoUnpackNativesPlugin({}),
    new VitePlugin({
      build: [
        // Object entries name the bundles: main.js (package.json "main") and preload.js.
        {
          entry: { main: 'electron/main/index.ts' },
          config: 'vite.main.config.ts',
          target: 'main',
        },
        // The trainer runs in a utility process (electron/main/trainer-transport.ts).
        {
          entry: { 'trainer-child': 'electron/engine/worker/trainer-child.ts' },
          config: 'vite.main.config.ts',
          target: 'main',
        },
        {
          entry: { preload: 'electron/preload/index.ts' },
          config: 'vite.preload.config.ts',
          target: 'preload',
        },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // Set at package time, before signing: the shipped binary cannot be turned into a plain Node
    // runtime or debugger, loads only its own, integrity-checked app.asar, and gives file:// pages
    // no extra powers.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
