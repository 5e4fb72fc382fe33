import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@sovra\/client$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^@sovra\/client\/node$/, replacement: fileURLToPath(new URL('./src/node.ts', import.meta.url)) },
      { find: /^@sovra\/client\/dev$/, replacement: fileURLToPath(new URL('./src/dev.ts', import.meta.url)) },
    ],
  },
  test: { testTimeout: 120_000, hookTimeout: 120_000, include: ['test/**/*.test.ts'] },
});
