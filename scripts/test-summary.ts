import { existsSync, readFileSync } from 'node:fs';

/**
 * Counts from the JSON reports of vitest and Playwright. Used by `npm test` and by .ci/run,
 * which sums several runs and ends with the line `N passed, N failed`.
 */
export type TCounts = { passed: number; failed: number };

export function countVitest(file: string): TCounts {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean; testResults: { status: string }[] };
  // A file that fails to load has no tests but must still count as a failure.
  const brokenFiles = report.testResults.filter((result) => result.status === 'failed').length;
  return { passed: report.numPassedTests, failed: Math.max(report.numFailedTests, report.success ? 0 : brokenFiles || 1) };
}

export function countPlaywright(file: string): TCounts {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number }; errors?: unknown[] };
  const globalErrors = report.errors?.length ?? 0;
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected + globalErrors };
}

export const formatCounts = ({ passed, failed }: TCounts) => `${passed} passed, ${failed} failed`;

if (process.argv[1]?.endsWith('test-summary.ts')) {
  // Usage: tsx scripts/test-summary.ts vitest:<file> playwright:<file> ...
  const total = { passed: 0, failed: 0 };
  for (const argument of process.argv.slice(2)) {
    const [kind, file = ''] = argument.split(':');
    const counts = kind === 'playwright' ? countPlaywright(file) : countVitest(file);
    total.passed += counts.passed;
    total.failed += counts.failed;
  }
  console.log(formatCounts(total));
}
