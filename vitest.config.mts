import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { INTEGRATION_WORKERS } from './tests/helpers/integration-workers';

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // lib/ marks itself server-only for Next.js; under test it is plain server code (next.js#60038).
    alias: { 'server-only': path.resolve(import.meta.dirname, 'scripts/empty-module.cjs') },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/integration-setup.ts'],
          // Each worker has its own database copy and media folder; files in one worker share them.
          setupFiles: ['tests/helpers/integration-worker-setup.ts'],
          maxWorkers: INTEGRATION_WORKERS,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
