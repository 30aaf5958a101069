import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    // The API client is tested against a real HTTP server, which needs Node;
    // components are rendered to HTML with react-dom/server, which needs no DOM.
    environment: 'node',
  },
});
