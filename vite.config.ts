// Builds the dashboard (renderer/) into dist/dashboard, served by the local API and the Electron window.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: '/',
  build: {
    outDir: '../dist/dashboard',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
});
