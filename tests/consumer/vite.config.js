// Nothing special: the defaults are what a consumer has. (consentry needs no plugin: the
// wasm is found with `new URL('consentry_bg.wasm', import.meta.url)`, which Vite emits.)
import { defineConfig } from 'vite';

export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
