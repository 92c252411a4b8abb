// A React app as `npm create vite` makes one (Vite 7 + @vitejs/plugin-react); public/ is
// the consumer's shared one (held.js).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  publicDir: '../public',
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
