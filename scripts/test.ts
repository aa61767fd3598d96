import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { childEnv, setEnv, testEnv } from '@/lib/env';
import { ensureProductionBuild } from './production-build';
import { countPlaywright, countVitest, formatCounts } from './test-summary';

/**
 * `npm test`: unit and integration tests (vitest) on real PostgreSQL, then the browser tests
 * (Playwright in the system Chromium) against the production build. PostgreSQL is the server in
 * DATABASE_URL when set, else an embedded one under data/postgres-test; each suite makes its own
 * scratch database and drops it.
 */
const VITEST_REPORT = 'test-results/vitest.json';
const PLAYWRIGHT_REPORT = 'test-results/playwright.json';

function ensureChromium() {
  const configured = testEnv().CHROMIUM_PATH;
  if (configured && existsSync(configured)) return;
  if (existsSync('/usr/bin/chromium')) return;
  const canInstall = userInfo().uid === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (!canInstall) {
    throw new Error('Chromium is needed for the browser tests: install it with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.');
  }
  console.log('Installing Chromium from Debian (apt-get install -y chromium)…');
  const install = () => spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit' }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (!install()) throw new Error('Could not install Chromium with apt-get; install it yourself or set CHROMIUM_PATH.');
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;
}

async function main() {
  ensureChromium();
  ensureProductionBuild();
  rmSync('test-results', { recursive: true, force: true });
  mkdirSync('test-results', { recursive: true });

  const { resolveDatabase } = await import('@/lib/db/resolve-database');
  const server = await resolveDatabase({ dataDirName: 'postgres-test', database: 'postgres' });
  setEnv({ DATABASE_URL: server.url });
  const env = childEnv({ NEXT_TELEMETRY_DISABLED: '1' });
  try {
    run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_REPORT}`], env);
    run('playwright', ['test'], env);
  } finally {
    await server.stop();
  }
  const vitest = countVitest(VITEST_REPORT);
  const playwright = countPlaywright(PLAYWRIGHT_REPORT);
  const total = { passed: vitest.passed + playwright.passed, failed: vitest.failed + playwright.failed };
  console.log(`\nvitest: ${formatCounts(vitest)}; playwright: ${formatCounts(playwright)}`);
  console.log(formatCounts(total));
  process.exit(total.failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
