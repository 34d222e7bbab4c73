import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type ConfigEnv, defineConfig, type Plugin } from 'vite';

const projectDir = fileURLToPath(new URL('.', import.meta.url));

// The renderer's sources live in renderer/, so that is Vite's root; the output goes where Forge
// expects it (.vite/renderer/<name>), which is no longer under the root.
export default defineConfig((env) => ({
  root: `${projectDir}renderer`,
  build: {
    outDir: `${projectDir}.vite/renderer/${rendererName(env)}`,
    emptyOutDir: true,
  },
  plugins: [react(), devCsp()],
}));

/** Forge passes the renderer's name; a plain `vite` run (a browser build of the UI) does not. */
const rendererName = (env: ConfigEnv): string =>
  (env as Partial<ConfigEnv<'renderer'>>).forgeConfigSelf?.name ?? 'main_window';

/**
 * The dev server injects an inline script (React refresh) and inline styles, which the strict
 * CSP in index.html forbids; in development main sends a looser CSP header instead, so the meta
 * tag is dropped there. Production builds keep it.
 */
const devCsp = (): Plugin => ({
  name: 'tessera:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
});
