import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      // Exact match only: `@ecgrid/soap-runtime/package.json` still resolves to the real file.
      {
        find: /^@ecgrid\/soap-runtime$/,
        replacement: fileURLToPath(new URL('../packages/runtime/src/index.ts', import.meta.url)),
      },
    ],
  },
  // The repository root, so `include` and reports are relative to it.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
