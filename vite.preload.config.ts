import { defineConfig } from 'vite';

// Forge's defaults fit: a sandboxed preload must be one CommonJS file.
export default defineConfig({});
