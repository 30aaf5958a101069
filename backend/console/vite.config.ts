import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Absolute asset paths: the backend falls back to index.html for every
  // non-API path, so a relative `./assets/…` would break on nested URLs.
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the console: a separate chunk stays cached
        // across console releases (and keeps each chunk under the size warning).
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  server: {
    // `pnpm dev:console` against a backend on its default address; same-origin
    // through the proxy so the session cookie and CSRF check behave as in production.
    proxy: { '/api': 'http://127.0.0.1:8787' },
  },
});
