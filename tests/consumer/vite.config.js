// Nothing special: the defaults are what a consumer has. (consentry needs no plugin: the
// engine is inside consentry.mjs: no asset, no wasm plugin.)
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
