// A Vue app as `npm create vue` makes one (Vite 7 + @vitejs/plugin-vue); public/ is the
// consumer's shared one (held.js).
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  publicDir: '../public',
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
