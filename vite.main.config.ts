import { type ConfigEnv, defineConfig } from 'vite';

// package.json says "type": "module", so main.js must be an ES module; Forge's default is CommonJS.
export default defineConfig((env) => ({
  build: {
    lib: {
      entry: (env as ConfigEnv<'build'>).forgeConfigSelf.entry,
      formats: ['es'],
      fileName: () => '[name].js',
    },
  },
}));
