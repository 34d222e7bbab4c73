// The constants Forge's Vite plugin defines for the main process (dev-server URL, renderer name),
// and its additions to Vite's config environment.
/// <reference types="@electron-forge/plugin-vite/forge-vite-env" />
