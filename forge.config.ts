import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';

const config: ForgeConfig = {
  packagerConfig: {
    asar: true,
  },
  rebuildConfig: {},
  makers: [new MakerSquirrel({}), new MakerZIP({}, ['darwin']), new MakerDeb({}), new MakerRpm({})],
  plugins: [
    // onnxruntime-node's .node binding and the shared libraries beside it cannot load from inside
    // the asar archive.
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
    // runtime or debugger, and loads only its own, integrity-checked app.asar.
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    }),
  ],
};

export default config;
