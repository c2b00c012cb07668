// Builds the dashboard (renderer/) into dist/renderer, served by the local API and the Electron window.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: '/',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
