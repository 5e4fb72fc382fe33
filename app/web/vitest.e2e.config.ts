// The browser test (e2e/app.test.ts): the built app in headless Chromium against the local node.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@sovra\/client$/, replacement: fileURLToPath(new URL('../client/src/index.ts', import.meta.url)) },
      { find: /^@sovra\/client\/node$/, replacement: fileURLToPath(new URL('../client/src/node.ts', import.meta.url)) },
      { find: /^@sovra\/client\/dev$/, replacement: fileURLToPath(new URL('../client/src/dev.ts', import.meta.url)) },
    ],
  },
  test: { include: ['e2e/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 120_000, fileParallelism: false },
});
