import { type ConfigEnv, defineConfig } from 'vite';
import { UNBUNDLED_PACKAGES } from './build/packaged-modules';

// package.json says "type": "module", so main.js must be an ES module; Forge's default is CommonJS.
export default defineConfig((env) => ({
  build: {
    lib: {
      entry: (env as ConfigEnv<'build'>).forgeConfigSelf.entry,
      formats: ['es'],
      fileName: () => '[name].js',
    },
    rollupOptions: {
      // Loaded from the packaged node_modules (build/packaged-modules.ts says why). Patterns, not
      // a function: Vite merges this array into Forge's own (Electron, Node's built-ins).
      external: UNBUNDLED_PACKAGES.map((name) => new RegExp(`^${name}(/|$)`)),
    },
  },
}));
