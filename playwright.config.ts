import { defineConfig } from '@playwright/test';
import { testEnv } from './lib/env';

const { E2E_PORT, CHROMIUM_PATH } = testEnv();
const baseURL = `http://localhost:${E2E_PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-artifacts',
  // A test walking several pages takes 20-30 s on two shared cores; 30 s timed out in CI runs.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // One worker: the app server, PostgreSQL and Chromium already share two cores.
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      // The system Chromium from Debian: nothing is downloaded at run time.
      executablePath: CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: 'tsx --import ./scripts/register-hooks.mjs tests/e2e/server.ts',
    url: `${baseURL}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
